"""The registry: every component and every kind of checklist, declared once. Start here.

A component is one macro a docs page calls (`{{ technique_steps() }}`): the template that
renders it, the records it shows (and under which name the template sees them), the page
it lives on, what else the template needs, and the schema.org describer of the records,
if any. A checklist kind is one macro called with a checklist's id
(`{{ tick_checklist("checklist-setup") }}`): its model, the records it may list (and how
an error names them), its template and its printed-height estimate.

Everything else reads this module: `define_env` registers one macro per entry, the
renderer (rendering.py) renders an entry's template with its data, the checks
(checks.py) check each checklist against its kind, and `Pages` (the one table of which
page holds which record, made from the components' pages) gives every link its target.

Adding a component: a `Component` below, its template in templates/, a test. Adding a
checklist kind: its model in model.py (added to `Checklist` there), a `ChecklistKind`
below, its template, a test.
"""

from __future__ import annotations

import posixpath
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from . import printfit, write_in
from .figure_svg import figure_aspect
from .glance import at_a_glance
from .links import SECTION_ANCHOR, TOOL_SECTIONS, link_sections
from .model import (ChecklistBase, Cue, FaultFinder, Guide, Linkable, Mistake, ProgressionStep,
                    ProgressionTracker, SessionCard, SessionExercise, Tip, TickChecklist, label, records_by_id, walk)
from .structured_data import Describer, technique_how_to, variation_how_tos


@dataclass(frozen=True)
class Site:
    """What a component may read besides the guide: the link manifest (data/links.lock)
    and the site's pages (paths in docs/)."""

    manifest: tuple[str, ...] = ()
    pages: frozenset[str] = frozenset()
    site_url: str = "/"
    # docs/ itself: the whole guide on paper renders its pages (see WHOLE_GUIDE).
    docs_dir: str | None = None

    def page_at(self, address: str) -> str | None:
        """The page of this site served at `address` (see `page_at`)."""
        return page_at(address, self.pages)


@dataclass(frozen=True)
class Component:
    """One macro a page calls without arguments."""

    name: str
    template: str
    page: str  # the docs page that calls it, which holds the records it shows
    doc: str
    # The records it shows, and the name the template knows them by (None: it shows no
    # records of its own, as the link index).
    reads: Callable[[Guide], object] | None
    key: str = ""
    # Anything else the template needs.
    extra: Callable[[Guide, Site], dict] | None = None
    # The schema.org description of what it shows, carried by the page that calls it.
    describe: Describer | None = None

    def context(self, guide: Guide, site: Site) -> dict:
        context = {self.key: self.reads(guide)} if self.reads else {}
        return {**context, **(self.extra(guide, site) if self.extra else {})}


Estimate = Callable[[Guide, ChecklistBase, list, int, float], printfit.Fit]


@dataclass(frozen=True)
class ChecklistKind:
    """One macro per kind of checklist, called with the checklist's id. The checklist's
    own page is `checklists/<its page>`."""

    macro: str
    model: type[ChecklistBase]
    lists: tuple[type[Linkable], ...]  # what its items may name
    described: str  # how an error names what it lists
    template: str
    doc: str
    # Its printed height given its items, in `columns`, at its text size (px).
    estimate: Estimate
    # Anything else the template needs.
    extra: Callable[[Guide], dict] = field(default=lambda guide: {})
    describe = None

    @property
    def kind(self) -> str:
        """The `kind:` value in checklists.yml, from the model's literal."""
        return typing.get_args(self.model.model_fields["kind"].annotation)[0]

    def print_fit(self, guide: Guide, checklist: ChecklistBase, records: dict[str, Linkable] | None = None
                  ) -> printfit.Fit:
        """Estimated printed height of `checklist` against one portrait page (see printfit).
        `records` (records_by_id of the guide) saves walking the guide again."""
        records = records_by_id(guide) if records is None else records
        items = [records[item] for item in checklist.items]
        return self.estimate(guide, checklist, items, checklist.paper.columns,
                             printfit.TEXT_SIZE[checklist.paper.text])


# --- the components, in reading order ------------------------------------------------
COMPONENTS: tuple[Component, ...] = (
    Component("intro", "paragraphs.md.j2", "index.md", "The guide's opening paragraphs.",
              lambda g: g.guide.intro, "paragraphs"),
    # Also on the technique page: it shows no records of its own, only links to them.
    Component("at_a_glance", "at_a_glance.md.j2", "index.md",
              "The \"At a glance\" box: muscles, equipment, starting dose and frequency, the neighbouring "
              "progression steps and the technique's steps, each linking to its record.",
              None, extra=lambda g, site: {"g": at_a_glance(g)}),
    Component("what_is", "section.md.j2", "index.md", "'What is a single leg hip thrust?' as a linkable section.",
              lambda g: g.guide.what_is, "s"),
    Component("summary", "section.md.j2", "index.md", "The guide's summary as a linkable section.",
              lambda g: g.guide.summary, "s"),
    Component("disclaimer", "disclaimer.md.j2", "technique.md", "The medical disclaimer as an admonition.",
              lambda g: g.guide.disclaimer, "disclaimer"),
    Component("corrections", "corrections.md.j2", "about.md", "The editorial corrections made to the source text.",
              lambda g: g.guide.corrections, "corrections"),
    Component("technique_steps", "technique_steps.md.j2", "technique.md",
              "Each technique step as a heading, its paragraphs, caution admonition and cues.",
              lambda g: g.technique.steps, "steps", describe=technique_how_to),
    Component("safety_tips", "safety_tips.md.j2", "technique.md", "The safety and setup tips section.",
              lambda g: g.technique.safety, "safety"),
    Component("mistake_cards", "mistake_cards.md.j2", "mistakes.md",
              "Mistakes as grid cards, each with its own heading, problem and solutions.",
              lambda g: g.mistakes.mistakes, "mistakes"),
    Component("muscle_table", "muscle_table.md.j2", "muscles.md",
              "The muscles as a table: name, role in this exercise, what the muscle does.",
              lambda g: g.muscles.muscles, "muscles"),
    Component("muscle_details", "muscle_details.md.j2", "muscles.md",
              "One section per muscle: how the exercise uses it and the adjustment cue.",
              lambda g: g.muscles.muscles, "muscles"),
    Component("benefits", "benefits.md.j2", "benefits.md", "One section per benefit.",
              lambda g: g.benefits.benefits, "benefits"),
    Component("variations", "variations.md.j2", "variations.md",
              "Variation cards, then one section per variation with its steps.",
              lambda g: g.variations.variations, "variations", describe=variation_how_tos),
    Component("frequency", "frequency.md.j2", "programming.md", "Recommended training frequency.",
              lambda g: g.programming.frequency, "f"),
    Component("programming_table", "programming_table.md.j2", "programming.md",
              "Sets, reps, load and rest by training goal, as a table.",
              lambda g: g.programming.guidelines, "g"),
    Component("progression_route", "progression.md.j2", "programming.md",
              "The progression route as an ordered list, with its rule for moving on.",
              lambda g: g.programming.progression, "p",
              extra=lambda g, _site: {"variation_names": {v.id: v.name for v in g.variations.variations}}),
    Component("sample_session", "sample_session.md.j2", "programming.md", "The sample lower-body session.",
              lambda g: g.programming.sample_session, "s"),
    Component("faq", "faq.md.j2", "faq.md",
              "Each FAQ as a heading and answer; sets and reps come from the programming data.",
              lambda g: g.faq.faqs, "faqs", extra=lambda g, _site: {"guidelines": g.programming.guidelines}),
    Component("references", "references.md.j2", "references.md",
              "The numbered reference list with DOI links and backlinks to each citation.",
              lambda g: g.references.references, "references"),
    Component("search_terms", "search_terms.md.j2", "about.md",
              "The words search also understands (data/search.yml), each with the guide's term and "
              "links to the records it finds.",
              lambda g: g.search.terms, "terms",
              extra=lambda g, _site: {"labels": {r.id: "safety tip" if isinstance(r, Tip) else label(r)
                                                 for r in records_by_id(g).values()}}),
    Component("checklist_index", "checklist_index.md.j2", "checklists/index.md",
              "A linked list of every checklist with its intro and item count, and the whole guide to print.",
              lambda g: g.checklists.checklists, "checklists", extra=lambda g, _site: {"print_view": PRINT_VIEW}),
    Component("link_tools", "link_tools.md.j2", "links.md",
              "For authors of other material: link previews, the published link index (links.json) "
              "and the link checker, with a worked example made from the guide's own addresses.",
              None, extra=lambda g, site: _link_tools_context(g, site)),
    Component("whole_guide", "whole_guide.md.j2", "print.md",
              "The whole guide on one page for printing as a booklet: a short table of contents, then "
              "each section's page (WHOLE_GUIDE) in reading order, each starting a new sheet.",
              # Without docs/ (a renderer made for the data alone) it has no pages to gather.
              None, extra=lambda g, site: {"sections": WHOLE_GUIDE if site.docs_dir else ()}),
    Component("link_index", "link_index.md.j2", "links.md",
              "Every linkable unit by section, with the permanent addresses (from the link manifest) "
              "that reach it; for the \"Link to this guide\" page.",
              None, extra=lambda g, site: {"sections": link_sections(g, site.manifest, site.page_at)}),
)


def _link_tools_context(guide: Guide, site: Site) -> dict:
    # Imported here: link_index reads this registry (page addresses) to build the index.
    from .link_index import example, fence
    from .preview_card import HEIGHT, WIDTH

    made = example(guide, site.manifest, site.pages, site.site_url)
    return {"example": made, "fence": fence(made["document"], made["entry"], *made["report"]),
            "picture_size": f"{WIDTH}×{HEIGHT}",
            "sections": {key: (SECTION_ANCHOR.format(key=key), title) for key, title in TOOL_SECTIONS.items()}}


# --- the checklist kinds ---------------------------------------------------------------
def _ticks_fit(guide: Guide, c: TickChecklist, items: list, columns: int, size: float) -> printfit.Fit:
    disclaimer = guide.guide.disclaimer
    figures = [(figure_aspect(guide.figures, f), f.caption) for f in guide.figures.figures if c.id in f.at]
    return printfit.ticks(c.intro, [i.text for i in items], columns, size,
                          f"{disclaimer.short} {disclaimer.more}" if c.disclaimer else None, figures)


def _fault_finder_fit(guide: Guide, c: FaultFinder, items: list, columns: int, size: float) -> printfit.Fit:
    return printfit.fault_finder(
        c.intro, [(m.title, " ".join(p.text for p in m.problem), m.solutions) for m in items], columns, size)


def _progression_fit(guide: Guide, c: ProgressionTracker, items: list, columns: int, size: float) -> printfit.Fit:
    rule = guide.programming.progression.advance_when
    return printfit.logged(c.intro, [f"Step 0: {s.name}" for s in items], [c.log_rows] * len(items),
                           columns, size, rule)


def _session_fit(guide: Guide, c: SessionCard, items: list, columns: int, size: float) -> printfit.Fit:
    # The exercise with its dose (as long as "3–4 sets of 6–8 reps per leg").
    titles = [f"{e.exercise}: {e.sets} sets of {e.reps or ''} reps per leg" for e in items]
    return printfit.logged(c.intro, titles, [write_in.set_rows(e.sets, c.set_rows) for e in items],
                           columns, size)


def _progression_context(guide: Guide) -> dict:
    progression = guide.programming.progression
    return {"progression": progression, "log_columns": write_in.columns,
            "step_numbers": {step.id: n for n, step in enumerate(progression.steps, start=1)}}


def _session_context(guide: Guide) -> dict:
    return {"log_columns": write_in.columns, "set_rows": write_in.set_rows}


_KINDS = (
    ChecklistKind("tick_checklist", TickChecklist, (Cue, Tip), "a technique cue or a safety tip",
                  "checklist_ticks.md.j2",
                  "Tick boxes for cues or safety tips (and the disclaimer, if the checklist asks for it).",
                  _ticks_fit),
    ChecklistKind("fault_finder", FaultFinder, (Mistake,), "a mistake", "checklist_fault_finder.md.j2",
                  "Each listed mistake with what goes wrong and what to change.", _fault_finder_fit),
    ChecklistKind("progression_tracker", ProgressionTracker, (ProgressionStep,), "a progression step",
                  "checklist_progression.md.j2",
                  "The listed progression steps, the rule for moving on and write-in rows for each step.",
                  _progression_fit, _progression_context),
    ChecklistKind("session_card", SessionCard, (SessionExercise,), "a sample-session exercise",
                  "checklist_session.md.j2",
                  "The listed session exercises, each with a write-in row per set and a column for what it logs.",
                  _session_fit, _session_context),
)
# By the `kind:` value of checklists.yml.
CHECKLIST_KINDS: dict[str, ChecklistKind] = {kind.kind: kind for kind in _KINDS}

COMPONENTS_BY_NAME: dict[str, Component] = {component.name: component for component in COMPONENTS}
# Every macro by the name pages call it by.
MACROS: dict[str, Component | ChecklistKind] = {
    **COMPONENTS_BY_NAME,
    **{kind.macro: kind for kind in _KINDS},
}

# --- pages ---------------------------------------------------------------------------
# Where the checklists' own pages are (a checklist's `page:` is relative to it).
CHECKLIST_DIR = "checklists"
# The whole guide on paper: one page (at the top of docs/, so the sections' own relative
# links hold) rendering these pages in reading order (the navigation's), each under its
# navigation label. A print view: out of search, off the link manifest (its anchors are
# copies of the sections' own, which are the addresses to link).
PRINT_VIEW = "print.md"
WHOLE_GUIDE: tuple[tuple[str, str], ...] = (
    ("index.md", "Overview"), ("technique.md", "Technique"), ("mistakes.md", "Mistakes"),
    ("muscles.md", "Muscles"), ("benefits.md", "Benefits"), ("variations.md", "Variations"),
    ("programming.md", "Programming"), ("faq.md", "FAQ"), ("references.md", "References"),
    (f"{CHECKLIST_DIR}/index.md", "Checklists"), ("about.md", "About"),
)


def out_of_search(page: str) -> bool:
    """Whether a docs page stays out of the search index (search_index.py): a checklist's
    own page repeats records the guide explains elsewhere; the checklists' section page
    stays, its titles lead to them. The whole guide on paper repeats every page."""
    return page == PRINT_VIEW or (page.startswith(CHECKLIST_DIR + "/") and page != f"{CHECKLIST_DIR}/index.md")


def on_manifest(page: str) -> bool:
    """Whether a docs page's addresses belong in the link manifest (not the print view)."""
    return page != PRINT_VIEW


def _records_in(value: object) -> Iterable[BaseModel]:
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(item, BaseModel):
            for _path, record, _owner in walk(item):
                yield record


class Pages:
    """The one table of which page holds which record: the records a component shows are
    on its page (the first component to show a record wins); a checklist is on its own
    page. Made once per guide."""

    def __init__(self, guide: Guide):
        self._by_id: dict[str, str] = {}
        self._by_record: dict[int, str] = {}
        for component in COMPONENTS:
            if component.reads is None:
                continue
            for record in _records_in(component.reads(guide)):
                self._by_record.setdefault(id(record), component.page)
                if isinstance(record, Linkable):
                    self._by_id.setdefault(record.id, component.page)
        for checklist in guide.checklists.checklists:
            page = f"{CHECKLIST_DIR}/{checklist.page}"
            self._by_id[checklist.id] = self._by_record[id(checklist)] = page

    def of(self, record_id: str) -> str:
        """The page holding the record with this id."""
        return self._by_id[record_id]

    def of_record(self, record: BaseModel) -> str:
        """The page showing this record (any record, e.g. a cited paragraph)."""
        return self._by_record[id(record)]

    @staticmethod
    def of_component(name: str) -> str:
        """The page a component lives on."""
        return COMPONENTS_BY_NAME[name].page


def relative(target: str, here: str) -> str:
    """The link from page `here` to `target` (both paths in docs/; `target` may end in
    #anchor): relative, so it works wherever the site is served."""
    page, hash_, anchor = target.partition("#")
    return posixpath.relpath(page, posixpath.dirname(here) or ".") + hash_ + anchor


def address_of(page: str) -> str:
    """The site address of a docs page, relative to the site (directory URLs):
    technique.md -> technique/, index.md -> "" (the inverse of `page_at`)."""
    stem = page.removesuffix(".md").removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


def page_at(address: str, docs_files: Iterable[str]) -> str | None:
    """The docs file served at a site address (directory URLs): /technique/ -> technique.md;
    None when no docs file is (any longer) served there, e.g. a page moved behind a redirect."""
    stem = address.strip("/")
    candidates = ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]
    return next((c for c in candidates if c in docs_files), None)
