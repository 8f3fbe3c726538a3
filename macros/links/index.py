"""The published link index, `links.json` at the site root: every permanent address of
the guide with what it is, and every old address that still lands on it.

Made from the same data as the link manifest and never edited by hand: the manifest
(data/links.lock) says which addresses exist, the data says what each anchor is (a
step, a cue, a mistake...) and which old ids it keeps (`aliases:`), and the redirects
(mkdocs.yml `redirect_maps`) say which old pages moved where. The build writes it after
the site (postbuild/links_json.py); the link checker makes the same index without a build
(cli/check_links.py). Engine-independent: plain values in, a dict out.

An entry:
    {"address": "/mistakes/#wrong-foot-placement", "url": "<site_url>mistakes/#wrong-foot-placement",
     "kind": "mistake", "title": "Wrong foot placement", "page": "/mistakes/",
     "page_title": "Common single leg hip thrust mistakes", "old": ["/mistakes/#feet-wrong"]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urljoin

from ..data.model import ChecklistBase, Guide, Linkable, Tip, Safety, records_by_id
from ..data.titles import record_title, step_titles
from ..site.anchors import LINK_PAGE_SECTION
from ..site.pages import checklist_page
from ..site.urls import page_at, rooted_address, with_slash
from .sections import FORMER_SECTIONS, TOOL_SECTIONS

FILE = "links.json"
FORMAT = 1
ABOUT = ("Every permanent address of this guide (relative to site_url), what it is, and the old "
         "addresses that still land on it. Generated from the guide's data at each build: do not edit.")
# What a record is called in the index, where its class name does not say it plainly.
KIND_NAMES: dict[type, str] = {Tip: "safety tip", Safety: "safety tips", ChecklistBase: "checklist"}
PAGE = "page"
HEADING = "heading"
# A heading written in a docs page with its own id: `## In this guide { #in-this-guide }`.
_DOCS_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*\{\s*#(?P<id>[a-z][a-z0-9-]*)[^}]*\}\s*$", re.M)


def kind_of(record: Linkable) -> str:
    """"step", "cue", "progression step"...: the record's class, in words."""
    for cls in type(record).__mro__:
        if cls in KIND_NAMES:
            return KIND_NAMES[cls]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()


def page_titles(guide: Guide, docs_pages: Iterable[str]) -> dict[str, str]:
    """Each docs page's title: its title in guide.yml `pages:`, else (a checklist's own
    page) its checklist's title, else its path."""
    checklists = {checklist_page(c.page): c.title for c in guide.checklists.checklists}
    titles = {}
    for page in docs_pages:
        preview = guide.guide.pages.get(page)
        titles[page] = (preview.title if preview and preview.title else None) or checklists.get(page) or page
    return titles


def _headings(guide: Guide, docs_texts: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Titles of the anchors written in docs pages (headings with an id) and of the link
    page's section headings, by page and id."""
    found: dict[str, dict[str, str]] = {}
    for page, text in docs_texts.items():
        for match in _DOCS_HEADING.finditer(text or ""):
            if "{{" not in match["text"]:
                found.setdefault(page, {})[match["id"]] = match["text"]
    sections = {LINK_PAGE_SECTION.format(key=key): getattr(guide, key).title for key in type(guide).model_fields
                if hasattr(getattr(guide, key), "title")}
    sections |= {LINK_PAGE_SECTION.format(key=key): title for key, title in TOOL_SECTIONS.items()}
    sections |= {LINK_PAGE_SECTION.format(key=old): TOOL_SECTIONS[new] for old, new in FORMER_SECTIONS.items()}
    return {page: {**sections, **ids} for page, ids in found.items()} | {"": sections}


def _page_of(address: str) -> tuple[str, str]:
    page, _, anchor = address.partition("#")
    return page, anchor


def link_index(guide: Guide, manifest: Iterable[str], docs_pages: Mapping[str, str] | Iterable[str],
               redirects: Mapping[str, str], site_url: str) -> dict:
    """The index as a JSON-ready dict. `docs_pages`: the site's pages (paths in docs/),
    with their text when known (for the titles of headings written in the pages);
    `redirects`: `redirect_maps` (old.md -> new.md)."""
    texts = dict(docs_pages) if isinstance(docs_pages, Mapping) else dict.fromkeys(docs_pages, "")
    records = records_by_id(guide)
    titled_steps = dict(step_titles(guide))
    current_id = {alias: record.id for record in records.values() for alias in record.aliases}
    # Redirects to this site's pages (mkdocs-redirects also allows other sites as targets).
    moved = {rooted_address(old): rooted_address(new) for old, new in redirects.items() if new in texts}
    titles = page_titles(guide, texts)
    headings = _headings(guide, texts)

    entries: dict[str, dict] = {}
    old_of: dict[str, set[str]] = {}

    def current(address: str) -> str | None:
        """Where a manifest address lands now: itself, or through a redirect and/or an alias."""
        page, anchor = _page_of(address)
        page = moved.get(page, page)
        anchor = current_id.get(anchor, anchor)
        if page_at(page, texts) is None:
            return None
        return page + (f"#{anchor}" if anchor else "")

    def describe(address: str) -> dict:
        page, anchor = _page_of(address)
        source = page_at(page, texts)
        if not anchor:
            kind, title = PAGE, titles[source]
        elif anchor in records:
            record = records[anchor]
            kind, title = kind_of(record), titled_steps.get(anchor) or record_title(record)
        else:
            kind = HEADING
            title = headings.get(source, {}).get(anchor) or headings[""].get(anchor) or anchor
        return {"address": address, "url": urljoin(with_slash(site_url), address.lstrip("/")), "kind": kind,
                "title": title, "page": page, "page_title": titles[source], "old": []}

    addresses = list(manifest)
    for address in addresses:
        now = current(address)
        if now is None:
            continue  # no longer lands: the build's manifest check reports it
        if now not in entries:
            entries[now] = describe(now)
        if now != address:
            old_of.setdefault(now, set()).add(address)
    # Old addresses the manifest may not hold yet: each alias on its record's pages, and
    # the old address of a moved page for the page and each of its anchors.
    for now in list(entries):
        page, anchor = _page_of(now)
        record = records.get(anchor)
        olds = {f"{page}#{alias}" for alias in (record.aliases if record else [])}
        for old_page, new_page in moved.items():
            if new_page == page:
                olds |= {old_page + (f"#{a}" if a else "") for a in [anchor, *(record.aliases if record else [])]}
        old_of.setdefault(now, set()).update(olds)
    for now, olds in old_of.items():
        entries[now]["old"] = sorted(olds - {now})
    return {"format": FORMAT, "about": ABOUT, "site_url": with_slash(site_url),
            "addresses": [entries[a] for a in sorted(entries, key=_order)]}


def _order(address: str) -> tuple[str, str]:
    page, anchor = _page_of(address)
    return page, anchor


def dumps(index: dict) -> str:
    """The index as written: UTF-8 JSON, one entry a line, stable byte for byte."""
    lines = [json.dumps(entry, ensure_ascii=False) for entry in index["addresses"]]
    head = json.dumps({k: v for k, v in index.items() if k != "addresses"}, ensure_ascii=False)[:-1]
    return head + ', "addresses": [\n' + ",\n".join(lines) + "\n]}\n"


def write(site_dir: Path | str, index: dict) -> Path:
    """Write `links.json` at the root of the built site."""
    path = Path(site_dir) / FILE
    path.write_text(dumps(index), encoding="utf-8")
    return path
