"""The guide's permanent addresses, for the "Link to this guide" page.

The link manifest (data/links.lock) lists every public address `page/#anchor`; the data
says what each anchor is. Together they give, section by section, each linkable unit
with the address(es) it can be reached at, as links the build validates. (The tool that
writes the manifest is cli/links_lock.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from ..data.model import Guide, Linkable, label
from ..site.anchors import LINK_PAGE_SECTION


@dataclass
class Entry:
    """A linkable unit, the docs links that reach it, and the units nested in it."""

    label: str
    anchor: str
    targets: list[tuple[str, str]]  # (address as readers see it, docs page#anchor)
    children: list[Entry] = field(default_factory=list)


# The id of each section's heading on the link page: one per data file, and the page's
# own sections for readers who link (their titles here, once: the page and links.json both
# read them).
TOOL_SECTIONS = {
    "copy": "Copy a section's link",
    "previews": "What a shared link shows",
    "developers": "For tools and developers",
    "every-address": "Every permanent address",
}
# Sections the page had before the tools' manuals moved to DEVELOPERS.md (issue 28): their
# addresses are in data/links.lock and keep landing, on the section that points there.
FORMER_SECTIONS = {"index-file": "developers", "checker": "developers"}


@dataclass
class Section:
    title: str
    key: str
    entries: list[Entry]

    @property
    def anchor(self) -> str:
        return LINK_PAGE_SECTION.format(key=self.key)

    @property
    def count(self) -> int:
        """How many addresses the section lists, nested entries included."""
        def addresses(entries: list[Entry]) -> int:
            return sum(len(e.targets) + addresses(e.children) for e in entries)
        return addresses(self.entries)


def link_sections(guide: Guide, manifest: list[str] | tuple[str, ...],
                  page_at: Callable[[str], str | None]) -> list[Section]:
    """One section per data file, its units in reading order and nested as in the data.
    `page_at(address)` is the docs page served at an address, or None (site/urls.py page_at)."""
    addresses: dict[str, list[str]] = {}
    for link in manifest:
        page, _, anchor = link.partition("#")
        if anchor:
            addresses.setdefault(anchor, []).append(page)

    def entries(node: BaseModel) -> list[Entry]:
        found = []
        for name in type(node).model_fields:
            value = getattr(node, name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, Linkable):
                    # Old addresses of moved pages still land (redirects); list the current ones.
                    targets = [(f"{page}#{item.id}", f"{source}#{item.id}")
                               for page in addresses.get(item.id, [])
                               if (source := page_at(page)) is not None]
                    found.append(Entry(label(item), item.id, targets, entries(item)))
                elif isinstance(item, BaseModel):
                    found += entries(item)
        return found

    sections = []
    for key in type(guide).model_fields:
        file_record = getattr(guide, key)
        listed = entries(file_record)
        if listed:
            sections.append(Section(file_record.title, key, listed))
    return sections
