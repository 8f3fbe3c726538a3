"""The guide's permanent addresses, for the "Link to this guide" page.

The link manifest (data/links.lock) lists every public address `page/#anchor`; the data
says what each anchor is. Together they give, section by section, each linkable unit
with the address(es) it can be reached at, as links the build validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .model import Guide, Linkable

# What names a unit, in order of preference (a step's title, a muscle's name, a cue's text...).
LABEL_FIELDS = ("title", "name", "question", "goal", "exercise", "text", "short", "quote", "source")


def read_manifest(path: Path) -> list[str]:
    """The manifest's addresses, in file order; none if there is no manifest yet."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def label(unit: Linkable) -> str:
    """The words that name a unit."""
    for name in LABEL_FIELDS:
        value = getattr(unit, name, None)
        if isinstance(value, str) and value:
            return value
    return unit.id


def source_of(address: str, docs_files: set[str]) -> str | None:
    """The docs file served at `address` (directory URLs): /technique/ -> technique.md;
    None when no docs file is (any longer) served there, e.g. a page moved behind a redirect."""
    stem = address.strip("/")
    candidates = ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]
    return next((c for c in candidates if c in docs_files), None)


@dataclass
class Entry:
    """A linkable unit, the docs links that reach it, and the units nested in it."""

    label: str
    anchor: str
    targets: list[tuple[str, str]]  # (address as readers see it, docs link)
    children: list[Entry] = field(default_factory=list)


@dataclass
class Section:
    title: str
    key: str
    entries: list[Entry]


def link_sections(guide: Guide, manifest: list[str], docs_files: set[str]) -> list[Section]:
    """One section per data file, its units in reading order and nested as in the data."""
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
                               if (source := source_of(page, docs_files)) is not None]
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
