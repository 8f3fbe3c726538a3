"""The registry: every component a page can call, declared once. Start here.

A component is one macro a docs page calls (`{{ technique_steps() }}`): the template that
renders it, the records it shows (and under which name the template sees them), the page
it lives on, what else the template needs, and the schema.org description of the records,
if any. The kinds of checklist, the other macros, are declared in checklists/kinds.py.

Everything else reads this module: the engine adapter registers one macro per entry of
`MACROS`, the renderer (renderer.py) renders an entry's template with its data, and
`page_table` (the one table of which page holds which record, site/pages.py) gives every
link its target.

Adding a component: a `Component` below, its template in templates/, a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from ..checklists.kinds import KINDS, ChecklistKind
from ..data.model import Guide, Tip, label, records_by_id
from ..links.index import FILE as LINKS_JSON
from ..links.sections import FORMER_SECTIONS, TOOL_SECTIONS, link_sections
from ..site.anchors import LINK_PAGE_SECTION
from ..site.pages import PRINT_VIEW, WHOLE_GUIDE, Pages
from ..site.urls import address_of, page_at, with_slash
from ..site.previews import HEIGHT, WIDTH
from .glance import at_a_glance
from ..figures.body_map import body_map_context
from ..figures.svg import render_movement
from .structured_data import Describer, technique_how_to, variation_how_tos


@dataclass(frozen=True)
class SiteInputs:
    """What a component may read besides the guide: the link manifest (data/links.lock)
    and the site's pages (paths in docs/)."""

    manifest: tuple[str, ...] = ()
    pages: frozenset[str] = frozenset()
    site_url: str = "/"
    # docs/ itself: the whole guide on paper renders its pages (see WHOLE_GUIDE).
    docs_dir: str | None = None

    def page_at(self, address: str) -> str | None:
        """The page of this site served at `address` (see site/urls.py `page_at`)."""
        return page_at(address, self.pages)


@dataclass(frozen=True, kw_only=True)
class Component:
    """One macro a page calls without arguments."""

    name: str
    template: str
    page: str  # the docs page that calls it, which holds the records it shows
    doc: str
    # The records it shows (None: it shows no records of its own, as the link index),
    # and the name the template knows them by.
    records: Callable[[Guide], object] | None = None
    records_as: str = ""
    # Anything else the template needs.
    more_context: Callable[[Guide, SiteInputs], dict] | None = None
    # The schema.org description of what it shows, carried by the page that calls it.
    schema_org: Describer | None = None

    def context(self, guide: Guide, site: SiteInputs) -> dict:
        """What its template renders with."""
        context = {self.records_as: self.records(guide)} if self.records else {}
        return {**context, **(self.more_context(guide, site) if self.more_context else {})}


def _link_tools_context(guide: Guide, site: SiteInputs) -> dict:
    base = with_slash(site.site_url)
    return {"site_address": base, "links_json": base + LINKS_JSON, "picture_size": f"{WIDTH}×{HEIGHT}",
            "sections": {key: (LINK_PAGE_SECTION.format(key=key), title) for key, title in TOOL_SECTIONS.items()},
            "former": {new: [LINK_PAGE_SECTION.format(key=old) for old, n in FORMER_SECTIONS.items() if n == new]
                       for new in TOOL_SECTIONS}}


def _public_addresses(guide: Guide, site: SiteInputs) -> dict[str, str]:
    """The full address of each checklist's page and of the print view, which paper shows
    (a printed link cannot be followed)."""
    base, pages = with_slash(site.site_url), page_table(guide)
    return {c.id: urljoin(base, address_of(pages.of(c.id))) for c in guide.checklists.checklists} | {
        PRINT_VIEW: urljoin(base, address_of(PRINT_VIEW))}


def _search_term_labels(guide: Guide, site: SiteInputs) -> dict:
    return {"labels": {r.id: "safety tip" if isinstance(r, Tip) else label(r) for r in records_by_id(guide).values()}}


# --- the components, in reading order ------------------------------------------------
COMPONENTS: tuple[Component, ...] = (
    Component(name="opening_figure", template="opening_figure.md.j2", page="index.md",
              doc="The Overview's opening picture: the figure data/figures.yml `opening` names (the top position)."),
    Component(name="intro", template="paragraphs.md.j2", page="index.md",
              doc="The guide's opening paragraphs.",
              records=lambda guide: guide.guide.intro, records_as="paragraphs"),
    # Also on the technique page: it shows no records of its own, only links to them.
    Component(name="at_a_glance", template="at_a_glance.md.j2", page="index.md",
              doc="The \"At a glance\" box: muscles, equipment, starting dose and frequency, the neighbouring "
                  "progression steps and the technique's steps, each linking to its record.",
              more_context=lambda guide, site: {"glance": at_a_glance(guide), "map": body_map_context(guide, "glance")}),
    Component(name="what_is", template="section.md.j2", page="index.md",
              doc="'What is a single leg hip thrust?' as a linkable section.",
              records=lambda guide: guide.guide.what_is, records_as="section"),
    Component(name="summary", template="section.md.j2", page="index.md",
              doc="The guide's summary as a linkable section.",
              records=lambda guide: guide.guide.summary, records_as="section"),
    Component(name="disclaimer", template="disclaimer.md.j2", page="technique.md",
              doc="The medical disclaimer as an admonition.",
              records=lambda guide: guide.guide.disclaimer, records_as="disclaimer"),
    Component(name="corrections", template="corrections.md.j2", page="about.md",
              doc="The editorial corrections made to the source text.",
              records=lambda guide: guide.guide.corrections, records_as="corrections"),
    Component(name="movement", template="movement.md.j2", page="technique.md",
              doc="The movement: the figures figures.yml `animation` names, shown one after the other, with a "
                  "pause control.",
              more_context=lambda guide, site: {"svg": render_movement(guide)}),
    Component(name="rewordings", template="corrections.md.j2", page="about.md",
              doc="The rewordings for voice alone, listed like the corrections, apart from them.",
              records=lambda guide: guide.guide.rewordings, records_as="corrections",
              more_context=lambda guide, _site: {"label": "rewordings for voice"}),
    Component(name="technique_steps", template="technique_steps.md.j2", page="technique.md",
              doc="Each technique step as a heading, its paragraphs, caution admonition and cues.",
              records=lambda guide: guide.technique.steps, records_as="steps", schema_org=technique_how_to),
    Component(name="safety_tips", template="safety_tips.md.j2", page="technique.md",
              doc="The safety and setup tips section.",
              records=lambda guide: guide.technique.safety, records_as="safety"),
    Component(name="mistake_cards", template="mistake_cards.md.j2", page="mistakes.md",
              doc="Mistakes as grid cards, each with its own heading, problem and solutions.",
              records=lambda guide: guide.mistakes.mistakes, records_as="mistakes"),
    Component(name="muscle_table", template="muscle_table.md.j2", page="muscles.md",
              doc="The muscles as a table: name, role in this exercise, what the muscle does.",
              records=lambda guide: guide.muscles.muscles, records_as="muscles"),
    Component(name="body_map", template="body_map.md.j2", page="muscles.md",
              doc="A front and back outline of the body with each muscle shaded by its role, and the legend in words.",
              more_context=lambda guide, site: {"map": body_map_context(guide, "muscles")}),
    # No records of its own: the roles are words about the muscles (the classification is
    # the guide's own, so the page says what each role means).
    Component(name="muscle_roles", template="muscle_roles.md.j2", page="muscles.md",
              doc="What each muscle role (target, synergist, stabilizer) means, as a definition list.",
              more_context=lambda guide, _site: {"roles": guide.muscles.roles,
                                                 "roles_intro": guide.muscles.roles_intro}),
    Component(name="muscle_details", template="muscle_details.md.j2", page="muscles.md",
              doc="One section per muscle: how the exercise uses it and the adjustment cue.",
              records=lambda guide: guide.muscles.muscles, records_as="muscles"),
    Component(name="benefits", template="benefits.md.j2", page="benefits.md",
              doc="One section per benefit.",
              records=lambda guide: guide.benefits.benefits, records_as="benefits"),
    Component(name="variations", template="variations.md.j2", page="variations.md",
              doc="Variation cards, then one section per variation with its steps.",
              records=lambda guide: guide.variations.variations, records_as="variations",
              schema_org=variation_how_tos),
    Component(name="frequency", template="frequency.md.j2", page="programming.md",
              doc="Recommended training frequency.",
              records=lambda guide: guide.programming.frequency, records_as="frequency"),
    Component(name="programming_table", template="programming_table.md.j2", page="programming.md",
              doc="Sets, reps, load and rest by training goal, as a table.",
              records=lambda guide: guide.programming.guidelines, records_as="g"),
    Component(name="progression_route", template="progression.md.j2", page="programming.md",
              doc="The progression route as an ordered list, with its rule for moving on.",
              records=lambda guide: guide.programming.progression, records_as="progression",
              more_context=lambda guide, site: {"variation_names": {v.id: v.name for v in guide.variations.variations}}),
    Component(name="sample_session", template="sample_session.md.j2", page="programming.md",
              doc="The sample lower-body session.",
              records=lambda guide: guide.programming.sample_session, records_as="session"),
    Component(name="faq", template="faq.md.j2", page="faq.md",
              doc="Each FAQ as a heading and answer; sets and reps come from the programming data.",
              records=lambda guide: guide.faq.faqs, records_as="faqs",
              more_context=lambda guide, site: {"guidelines": guide.programming.guidelines}),
    Component(name="references", template="references.md.j2", page="references.md",
              doc="The numbered reference list with DOI links and backlinks to each citation.",
              records=lambda guide: guide.references.references, records_as="references"),
    Component(name="search_terms", template="search_terms.md.j2", page="about.md",
              doc="The words search also understands (data/search.yml), each with the guide's term and "
                  "links to the records it finds.",
              records=lambda guide: guide.search.terms, records_as="terms", more_context=_search_term_labels),
    Component(name="checklist_index", template="checklist_index.md.j2", page="checklists/index.md",
              doc="A linked list of every checklist with its intro and item count, and the whole guide to print.",
              records=lambda guide: guide.checklists.checklists, records_as="checklists",
              more_context=lambda guide, site: {"print_view": PRINT_VIEW, "public": _public_addresses(guide, site)}),
    Component(name="link_tools", template="link_tools.md.j2", page="links.md",
              doc="For readers who link: how to copy a section's link on a phone and a computer, what a "
                  "shared link shows, and a pointer to DEVELOPERS.md for links.json and the link checker.",
              more_context=_link_tools_context),
    Component(name="whole_guide", template="whole_guide.md.j2", page="print.md",
              doc="The whole guide on one page for printing as a booklet: a short table of contents, then "
                  "each section's page (WHOLE_GUIDE) in reading order, each starting a new sheet.",
              # Without docs/ (a renderer made for the data alone) it has no pages to gather.
              more_context=lambda guide, site: {"sections": WHOLE_GUIDE if site.docs_dir else ()}),
    Component(name="link_index", template="link_index.md.j2", page="links.md",
              doc="Every linkable unit by section, with the permanent addresses (from the link manifest) "
                  "that reach it; for the \"Link to this guide\" page.",
              more_context=lambda guide, site: {"sections": link_sections(guide, site.manifest, site.page_at)}),
)

COMPONENTS_BY_NAME: dict[str, Component] = {component.name: component for component in COMPONENTS}
# Every macro by the name pages call it by: the components and the kinds of checklist.
MACROS: dict[str, Component | ChecklistKind] = {
    **COMPONENTS_BY_NAME,
    **{kind.macro: kind for kind in KINDS},
}


def page_table(guide: Guide) -> Pages:
    """Which page holds which record, from the components in reading order."""
    return Pages(guide, COMPONENTS)
