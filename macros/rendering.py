"""Render the guide's components as Markdown, one public function per component.

Markup lives in templates/*.md.j2; this module only chooses the template and the
data. `root` is the relative path from the calling page to the docs root ("" for a
top-level page, "../" one folder down) so cross-page links resolve from any page.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from . import printfit
from .glance import at_a_glance
from .checks import records_by_id
from .checks import walk
from .citations import PAGE_OF_FILE, CitationIndex
from .links import link_sections
from .model import ChecklistBase, Guide, Linkable
from .qr import qr_svg

TEMPLATES = Path(__file__).parent / "templates"


class GuideRenderer:
    """Holds one validated guide and renders its components; built once per build."""

    def __init__(self, guide: Guide, bytecode_cache: BytecodeCache | None = None):
        """`bytecode_cache` lets a fresh process skip compiling unchanged templates."""
        self.guide = guide
        self.citations = CitationIndex(guide)
        self._env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            bytecode_cache=bytecode_cache,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,  # the output is Markdown; prose is checked for markup at validation
        )
        self._env.globals["citations"] = self.citations

    @cached_property
    def _records(self) -> dict:
        # Indexed once per build: each checklist call walking the whole guide again grew
        # with the data (0.13 s a call at 100x the real item counts).
        return records_by_id(self.guide)

    @cached_property
    def _pages(self) -> dict[str, str]:
        """The docs page showing each record, by id (where a checklist item links back to)."""
        pages: dict[str, str] = {}
        for file_key, page in PAGE_OF_FILE.items():
            for _path, record, _owner in walk(getattr(self.guide, file_key)):
                if isinstance(record, Linkable):
                    pages.setdefault(record.id, page)
        return pages

    def href(self, record_id: str, root: str = "") -> str:
        """The docs link to the record with this id, from a page `root` below the docs root."""
        return f"{root}{self._pages[record_id]}#{record_id}"

    def _render(self, template: str, root: str, **context) -> str:
        return self._env.get_template(template).render(
            root=root, href=lambda record_id: self.href(record_id, root), **context).strip() + "\n"

    def intro(self, root: str = "") -> str:
        """The guide's opening paragraphs."""
        return self._render("paragraphs.md.j2", root, paragraphs=self.guide.guide.intro)

    def what_is(self, root: str = "") -> str:
        """'What is a single leg hip thrust?' as a linkable section."""
        return self._render("section.md.j2", root, s=self.guide.guide.what_is)

    def summary(self, root: str = "") -> str:
        """The guide's summary as a linkable section."""
        return self._render("section.md.j2", root, s=self.guide.guide.summary)

    def disclaimer(self, root: str = "") -> str:
        """The medical disclaimer as an admonition."""
        return self._render("disclaimer.md.j2", root, disclaimer=self.guide.guide.disclaimer)

    def corrections(self, root: str = "") -> str:
        """The editorial corrections made to the source text."""
        return self._render("corrections.md.j2", root, corrections=self.guide.guide.corrections)

    def at_a_glance(self, root: str = "") -> str:
        """The "At a glance" box: muscles, equipment, starting dose and frequency, the
        neighbouring progression steps and the technique's steps, each linking to its record."""
        return self._render("at_a_glance.md.j2", root, g=at_a_glance(self.guide))

    def technique_steps(self, root: str = "") -> str:
        """Each technique step as a heading, its paragraphs, caution admonition and cues."""
        return self._render("technique_steps.md.j2", root, steps=self.guide.technique.steps)

    def safety_tips(self, root: str = "") -> str:
        """The safety and setup tips section."""
        return self._render("safety_tips.md.j2", root, safety=self.guide.technique.safety)

    def mistake_cards(self, root: str = "") -> str:
        """Mistakes as grid cards, each with its own heading, problem and solutions."""
        return self._render("mistake_cards.md.j2", root, mistakes=self.guide.mistakes.mistakes)

    def muscle_table(self, root: str = "") -> str:
        """The muscles as a table: name, role in this exercise, what the muscle does."""
        return self._render("muscle_table.md.j2", root, muscles=self.guide.muscles.muscles)

    def muscle_details(self, root: str = "") -> str:
        """One section per muscle: how the exercise uses it and the adjustment cue."""
        return self._render("muscle_details.md.j2", root, muscles=self.guide.muscles.muscles)

    def benefits(self, root: str = "") -> str:
        """One section per benefit."""
        return self._render("benefits.md.j2", root, benefits=self.guide.benefits.benefits)

    def variations(self, root: str = "") -> str:
        """Variation cards, then one section per variation with its steps."""
        return self._render("variations.md.j2", root, variations=self.guide.variations.variations)

    def frequency(self, root: str = "") -> str:
        """Recommended training frequency."""
        return self._render("frequency.md.j2", root, f=self.guide.programming.frequency)

    def programming_table(self, root: str = "") -> str:
        """Sets, reps, load and rest by training goal, as a table."""
        return self._render("programming_table.md.j2", root, g=self.guide.programming.guidelines)

    def progression_route(self, root: str = "") -> str:
        """The progression route as an ordered list, with its rule for moving on."""
        names = {v.id: v.name for v in self.guide.variations.variations}
        return self._render("progression.md.j2", root, p=self.guide.programming.progression, variation_names=names)

    def sample_session(self, root: str = "") -> str:
        """The sample lower-body session."""
        return self._render("sample_session.md.j2", root, s=self.guide.programming.sample_session)

    def faq(self, root: str = "") -> str:
        """Each FAQ as a heading and answer; sets and reps come from the programming data."""
        return self._render("faq.md.j2", root, faqs=self.guide.faq.faqs, guidelines=self.guide.programming.guidelines)

    def references(self, root: str = "") -> str:
        """The numbered reference list with DOI links and backlinks to each citation."""
        return self._render("references.md.j2", root, references=self.guide.references.references)

    # Checklists: one macro per kind. Each takes the checklist's id and the page's canonical
    # URL (for the printed footer and its QR code).
    def _checklist(self, checklist_id: str, kind: str, template: str, root: str, page_url: str,
                   **context) -> str:
        checklist = self.checklist(checklist_id)
        if checklist.kind != kind:
            raise ValueError(f"checklist '{checklist_id}' is a {checklist.kind} checklist; "
                             f"render it with the macro for that kind, not the {kind} one")
        records = self._records
        return self._render(
            template, root, c=checklist, items=[records[item] for item in checklist.items],
            guide_title=self.guide.guide.title, disclaimer=self.guide.guide.disclaimer,
            page_url=page_url, qr_svg=qr_svg(page_url), source_pages=self._pages, **context)

    def checklist(self, checklist_id: str) -> ChecklistBase:
        """The checklist with this id (ValueError naming the known ids otherwise)."""
        for checklist in self.guide.checklists.checklists:
            if checklist.id == checklist_id:
                return checklist
        known = ", ".join(c.id for c in self.guide.checklists.checklists)
        raise ValueError(f"unknown checklist '{checklist_id}'; expected one of: {known}")

    def tick_checklist(self, checklist_id: str, root: str = "", page_url: str = "") -> str:
        """Tick boxes for cues or safety tips (and the disclaimer, if the checklist asks for it)."""
        return self._checklist(checklist_id, "ticks", "checklist_ticks.md.j2", root, page_url)

    def fault_finder(self, checklist_id: str, root: str = "", page_url: str = "") -> str:
        """Each listed mistake with what goes wrong and what to change."""
        return self._checklist(checklist_id, "fault-finder", "checklist_fault_finder.md.j2", root, page_url)

    def progression_tracker(self, checklist_id: str, root: str = "", page_url: str = "") -> str:
        """The listed progression steps, the rule for moving on and write-in rows for each step."""
        progression = self.guide.programming.progression
        numbers = {step.id: n for n, step in enumerate(progression.steps, start=1)}
        return self._checklist(checklist_id, "progression-tracker", "checklist_progression.md.j2", root,
                               page_url, progression=progression, step_numbers=numbers)

    def session_card(self, checklist_id: str, root: str = "", page_url: str = "") -> str:
        """The listed session exercises, each with a write-in box per set."""
        return self._checklist(checklist_id, "session-card", "checklist_session.md.j2", root, page_url)

    def print_fit(self, checklist_id: str) -> printfit.Fit:
        """Estimated printed height of a checklist against one portrait page (see printfit)."""
        c = self.checklist(checklist_id)
        records = self._records
        items = [records[item] for item in c.items]
        columns, scale = c.paper.columns, printfit.TEXT_SCALE[c.paper.text]
        if c.kind == "ticks":
            disclaimer = self.guide.guide.disclaimer
            return printfit.ticks(c.intro, [i.text for i in items], columns, scale,
                                  f"{disclaimer.short} {disclaimer.more}" if c.disclaimer else None)
        if c.kind == "fault-finder":
            return printfit.fault_finder(
                c.intro, [(m.title, " ".join(p.text for p in m.problem), m.solutions) for m in items], columns, scale)
        if c.kind == "progression-tracker":
            rule = self.guide.programming.progression.advance_when
            return printfit.logged(c.intro, [f"Step 0: {s.name}" for s in items], c.log_rows, columns, scale, rule)
        # session card: the exercise with its dose (as long as "3–4 sets of 6–8 reps per leg")
        titles = [f"{e.exercise}: {e.sets} sets of {e.reps or ''} reps per leg" for e in items]
        return printfit.logged(c.intro, titles, len(c.log_fields), columns, scale)

    def checklist_index(self, root: str = "") -> str:
        """A linked list of every checklist with its intro and item count."""
        return self._render("checklist_index.md.j2", root, checklists=self.guide.checklists.checklists)

    def link_index(self, manifest: list[str], docs_files: set[str], root: str = "") -> str:
        """Every linkable unit by section, with the permanent addresses (from the link
        manifest) that reach it; for the "Link to this guide" page."""
        return self._render("link_index.md.j2", root, sections=link_sections(self.guide, manifest, docs_files))
