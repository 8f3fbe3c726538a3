"""The site's pages: where the checklists and the print view live, which pages stay out
of search and off the link manifest, and `Pages`, the one table of which page holds
which record (made from the registry's components, render/registry.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from pydantic import BaseModel

from ..data.model import Guide, Linkable, walk

# Where the checklists' own pages are (a checklist's `page:` is relative to it).
CHECKLIST_DIR = "checklists"
CHECKLIST_INDEX = f"{CHECKLIST_DIR}/index.md"
# The whole guide on paper: one page (at the top of docs/, so the sections' own relative
# links hold) rendering these pages in reading order (the navigation's), each under its
# navigation label. A print view: out of search, off the link manifest (its anchors are
# copies of the sections' own, which are the addresses to link).
PRINT_VIEW = "print.md"
WHOLE_GUIDE: tuple[tuple[str, str], ...] = (
    ("index.md", "Overview"), ("technique.md", "Technique"), ("mistakes.md", "Mistakes"),
    ("muscles.md", "Muscles"), ("benefits.md", "Benefits"), ("variations.md", "Variations"),
    ("programming.md", "Programming"), ("faq.md", "FAQ"), ("references.md", "References"),
    (CHECKLIST_INDEX, "Checklists"), ("about.md", "About"),
)


def checklist_page(checklist_page_name: str) -> str:
    """The docs path of a checklist's own page (its `page:` is relative to CHECKLIST_DIR)."""
    return f"{CHECKLIST_DIR}/{checklist_page_name}"


def out_of_search(page: str) -> bool:
    """Whether a docs page stays out of the search index (postbuild/search_index.py): a
    checklist's own page repeats records the guide explains elsewhere; the checklists'
    section page stays, its titles lead to them. The whole guide on paper repeats every page."""
    return page == PRINT_VIEW or (page.startswith(CHECKLIST_DIR + "/") and page != CHECKLIST_INDEX)


def on_manifest(page: str) -> bool:
    """Whether a docs page's addresses belong in the link manifest (not the print view)."""
    return page != PRINT_VIEW


class Placed(Protocol):
    """What the page table reads of a component: its name, its page, the records it shows."""

    name: str
    page: str
    records: Callable[[Guide], object] | None


def _records_in(value: object) -> Iterable[BaseModel]:
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(item, BaseModel):
            for _path, record, _owner in walk(item):
                yield record


class Pages:
    """The one table of which page holds which record: the records a component shows are
    on its page (the first component to show a record wins); a checklist is on its own
    page. Made once per guide, from the components in reading order."""

    def __init__(self, guide: Guide, components: Iterable[Placed]):
        self._by_id: dict[str, str] = {}
        self._by_record: dict[int, str] = {}
        self._by_component: dict[str, str] = {}
        self._every_page: dict[str, set[str]] = {}
        for component in components:
            self._by_component[component.name] = component.page
            if component.records is None:
                continue
            for record in _records_in(component.records(guide)):
                self._by_record.setdefault(id(record), component.page)
                if isinstance(record, Linkable):
                    self._by_id.setdefault(record.id, component.page)
                    self._every_page.setdefault(record.id, set()).add(component.page)
        for checklist in guide.checklists.checklists:
            page = checklist_page(checklist.page)
            self._by_id[checklist.id] = self._by_record[id(checklist)] = page
            self._every_page.setdefault(checklist.id, set()).add(page)
            if getattr(checklist, "disclaimer", False):  # a tick or stop list prints it, under its id
                self._every_page.setdefault(guide.guide.disclaimer.id, set()).add(page)

    def of(self, record_id: str) -> str:
        """The page holding the record with this id."""
        return self._by_id[record_id]

    def every_page_of(self, record_id: str) -> set[str]:
        """Every page showing the record with this id under its id (its own page first of
        all; the disclaimer also on the checklists that print it)."""
        return self._every_page.get(record_id, set())

    def of_record(self, record: BaseModel) -> str:
        """The page showing this record (any record, e.g. a cited paragraph)."""
        return self._by_record[id(record)]

    def of_component(self, name: str) -> str:
        """The page a component lives on."""
        return self._by_component[name]
