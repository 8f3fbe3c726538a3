"""Render a registered component (registry.py) or checklist (checklists/kinds.py) as Markdown.

Markup lives in templates/*.md.j2; the registry says which template and which data.
Every template renders in the one Markdown environment (environment.py) and gets
`href`, the one link builder: `href(id)` links to any record from the page being
rendered, wherever the registry's page table says it is.
"""

from __future__ import annotations

import re

from functools import cached_property, partial

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PrefixLoader

from ..checklists import printfit
from ..checklists.kinds import CHECKLIST_KINDS, ChecklistKind
from ..checklists.qr import qr_svg
from ..data.model import ChecklistBase, Guide, records_by_id
from ..figures.svg import FigureIndex
from ..site.pages import Pages
from ..site.urls import relative
from .citations import CitationIndex
from .environment import html_environment, markdown_environment
from .registry import MACROS, Component, SiteInputs, page_table

class Href:
    """Links from one page (`here`, a path in docs/) to records and pages, relative so they
    work wherever the site is served. In templates: `href(id)`, `href.page(id)`,
    `href.component(name)`, `href.to(page, anchor)`."""

    def __init__(self, pages: Pages, here: str):
        self.pages = pages
        self.here = here

    def __call__(self, record_id: str) -> str:
        """The record with this id, on the page that holds it."""
        return self.to(self.pages.of(record_id), record_id)

    def page(self, record_id: str) -> str:
        """The page holding the record with this id (no anchor)."""
        return self.to(self.pages.of(record_id))

    def component(self, name: str) -> str:
        """The page a component lives on."""
        return self.to(self.pages.of_component(name))

    def to(self, page: str, anchor: str = "") -> str:
        """A page in docs/ (optionally `page#anchor`), with an optional anchor."""
        return relative(page, self.here) + (f"#{anchor}" if anchor else "")


class GuideRenderer:
    """Holds one validated guide and renders its components; built once per build."""

    def __init__(self, guide: Guide, bytecode_cache: BytecodeCache | None = None, site: SiteInputs = SiteInputs()):
        """`bytecode_cache` lets a fresh process skip compiling unchanged templates; `site`
        is what the link index reads besides the guide."""
        self.guide = guide
        self.site = site
        self.pages = page_table(guide)
        self.citations = CitationIndex(guide, self.pages.of_record)
        self._env = markdown_environment(bytecode_cache)
        self._env.globals["citations"] = self.citations
        self._env.globals["figures"] = FigureIndex(guide)
        if site.docs_dir:
            # The docs pages, as "docs/<path>", for the whole guide on paper to include.
            self._env.loader = ChoiceLoader([self._env.loader, PrefixLoader({"docs": FileSystemLoader(site.docs_dir)})])

    @cached_property
    def records(self) -> dict:
        """Every linkable record by id. Indexed once per build: each checklist call walking
        the whole guide again grew with the data (0.13 s a call at 100x the real item counts)."""
        return records_by_id(self.guide)

    def href(self, record_id: str, page: str) -> str:
        """The link to a record from `page` (a path in docs/)."""
        return Href(self.pages, page)(record_id)

    def render(self, name: str, *args: str, page: str | None = None, page_url: str = "") -> str:
        """The Markdown of the macro `name` (a component, or a checklist kind given the
        checklist's id) as called from `page` (default: the page it lives on). `page_url`,
        the page's canonical URL, goes into a checklist's printed footer and QR code."""
        entry = MACROS[name]
        if isinstance(entry, ChecklistKind):
            return self._checklist(entry, *args, page=page, page_url=page_url)
        return self._component(entry, page)

    def _render(self, template: str, page: str, **context) -> str:
        href = Href(self.pages, page)
        return self._env.get_template(template).render(href=href, **context).strip() + "\n"

    def _component(self, component: Component, page: str | None) -> str:
        here = page or component.page
        context = component.context(self.guide, self.site)
        if component.template == "whole_guide.md.j2":
            # The pages it includes call the macros and read `guide`, as under the engine.
            context.update(guide=self.guide, **{name: partial(self.render, name, page=here)
                                                 for name in MACROS if name != component.name})
        return self._render(component.template, here, **context)

    def checklist(self, checklist_id: str) -> ChecklistBase:
        """The checklist with this id (ValueError naming the known ids otherwise)."""
        for checklist in self.guide.checklists.checklists:
            if checklist.id == checklist_id:
                return checklist
        known = ", ".join(c.id for c in self.guide.checklists.checklists)
        raise ValueError(f"unknown checklist '{checklist_id}'; expected one of: {known}")

    def _checklist(self, kind: ChecklistKind, checklist_id: str, page: str | None, page_url: str) -> str:
        checklist = self.checklist(checklist_id)
        if checklist.kind != kind.kind:
            raise ValueError(f"checklist '{checklist_id}' is a {checklist.kind} checklist; "
                             f"render it with the macro for that kind, not the {kind.kind} one")
        records = self.records
        return self._render(
            kind.template, page or self.pages.of(checklist_id), checklist=checklist,
            items=[records[item] for item in checklist.items],
            guide_title=self.guide.guide.title, disclaimer=self.guide.guide.disclaimer,
            page_url=page_url, qr_svg=qr_svg(page_url), **kind.more_context(self.guide))

    def print_fit(self, checklist_id: str) -> printfit.Fit:
        """Estimated printed height of a checklist against one portrait page (see printfit)."""
        checklist = self.checklist(checklist_id)
        return CHECKLIST_KINDS[checklist.kind].print_fit(self.guide, checklist, self.records)


def data_note(report: str) -> str:
    """The bookkeeping still to do (served data valid but for the link manifest) as a note
    at the top of a page, above the page itself."""
    return html_environment().get_template("data_note.html.j2").render(problems=_problems(report)).strip()


def data_report(report: str) -> str:
    """The validation report as a danger box at the top of a page (served invalid data)."""
    return html_environment().get_template("data_report.html.j2").render(problems=_problems(report)).strip()


def _problems(report: str) -> list[tuple[str, str]]:
    """Each line of a report as (what is wrong, what to do): the fix follows the first "; "
    of a problem line, and is shown on a line of its own."""
    # The box has its own title; the report's heading and closing count are for the terminal.
    lines = [line for line in report.splitlines()
             if line.strip() and line.strip() != "The guide data is invalid:" and not _REPORT_COUNT.match(line)]
    return [tuple(part.strip() for part in line.partition("; ")[::2]) for line in lines]


_REPORT_COUNT = re.compile(r"^\d+ problem\(s\) in the guide data")
