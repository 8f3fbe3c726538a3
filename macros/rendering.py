"""Render a registered component or checklist (components.py) as Markdown.

Markup lives in templates/*.md.j2; the registry says which template and which data.
This module makes the one Jinja environment the templates share (`environment`) and
gives every template `href`, the one link builder: `href(id)` links to any record from
the page being rendered, wherever the registry's page table says it is.
"""

from __future__ import annotations

import re
from functools import cached_property, partial
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

from . import components, escaping, printfit
from .citations import CitationIndex
from .figure_svg import FigureIndex
from .components import ChecklistKind, Component, Pages, Site, relative
from .model import ChecklistBase, Guide, records_by_id
from .qr import qr_svg

TEMPLATES = Path(__file__).parent / "templates"
# An ATX heading line, also inside a list item or a card ("-   ## Title", "    ### Step 1").
_HEADING = re.compile(r"^(\s*(?:[-*+]\s+)?)(#{1,5})(?=\s)", re.MULTILINE)


def demote_headings(markdown: str) -> str:
    """Each Markdown heading one level down (# -> ##): a page's text inside another page,
    whose own title stays the one h1."""
    return _HEADING.sub(lambda m: m.group(1) + m.group(2) + "#", markdown)


def environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The Jinja environment every template renders in (globals and filters go here)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The output is Markdown, so HTML autoescaping would be the wrong escape: each
        # value from data goes through the filter for where it lands (escaping.py).
        autoescape=False,
    )
    env.filters.update(md=escaping.markdown_text, e=escaping.html_text,
                       doi_url=escaping.doi_url, link_target=escaping.link_target, demote=demote_headings)
    return env


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

    def __init__(self, guide: Guide, bytecode_cache: BytecodeCache | None = None, site: Site = Site()):
        """`bytecode_cache` lets a fresh process skip compiling unchanged templates; `site`
        is what the link index reads besides the guide."""
        self.guide = guide
        self.site = site
        self.pages = Pages(guide)
        self.citations = CitationIndex(guide, self.pages.of_record)
        self._env = environment(bytecode_cache)
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
        entry = components.MACROS[name]
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
                                                 for name in components.MACROS if name != component.name})
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
            kind.template, page or self.pages.of(checklist_id), c=checklist,
            items=[records[item] for item in checklist.items],
            guide_title=self.guide.guide.title, disclaimer=self.guide.guide.disclaimer,
            page_url=page_url, qr_svg=qr_svg(page_url), **kind.extra(self.guide))

    def print_fit(self, checklist_id: str) -> printfit.Fit:
        """Estimated printed height of a checklist against one portrait page (see printfit)."""
        checklist = self.checklist(checklist_id)
        return components.CHECKLIST_KINDS[checklist.kind].print_fit(self.guide, checklist, self.records)


def data_report(report: str) -> str:
    """The validation report as a danger box at the top of a page (served invalid data)."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
    return environment.get_template("data_report.html.j2").render(report=report).strip()
