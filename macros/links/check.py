"""Check the links into this guide that other material holds: `python -m macros check-links FILE...`
(`make check-links FILES="notes.md club.html"`).

Reads Markdown, HTML or plain text, finds every link into the guide (its `site_url`,
over http or https, with or without the trailing slash, or relative to the host:
`/single-leg-hip-thrust/mistakes/`), and prints one line per link that does not land,
`file:line:column: broken link URL: why; did you mean URL?`, and one per link that lands
only through an old address (a renamed id kept as an alias, a moved page's redirect),
with the current one. Exit status 1 when a link is broken, 0 otherwise (2: a file or
the index cannot be read).

The addresses come from the link index: a `links.json` (`--index`, the one the build
publishes at the site root or a copy of it) or, by default, the repository's own data
(cli/check_links.py), offline either way. Links to files (pictures, links.json) are not checked: only pages and anchors.
"""

from __future__ import annotations

import html
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..data.problems import closest_match
from ..site.urls import base_path, with_slash

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What may come right before a link written relative to the host: it starts a link
# target (Markdown `](`, `<`, an HTML attribute's quote) or a word in plain text.
_BEFORE_HOST_RELATIVE = r"(?:(?<=[(<\"'=\[])|(?<=\s)|^)"
# Characters a link runs to: it ends at space, quotes, brackets, parentheses, backticks.
_LINK_CHARS = r"[^\s\"'<>()\[\]`{}|\\^]*"
# Punctuation that ends a sentence rather than a link ("see https://.../faq/.").
_TRAILING = ".,;:!?*_"
OLD = "old"
BROKEN = "broken"


# Other material is a page or a document, and an index is a few hundred KB: anything larger
# is not what the checker was pointed at (a log, an image, a device), and is not read.
MAX_FILE_BYTES = 20_000_000


class Unreadable(OSError):
    """A file the checker will not read: not a regular file, or too large."""


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of `path` if it is a regular file of at most `limit` bytes. A FIFO would
    block for ever and /dev/zero never ends: neither is opened (stat follows symlinks)."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise Unreadable(error.errno, error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable(0, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(0, "not a regular file (a FIFO, socket or device)")
    if info.st_size > limit:
        raise Unreadable(0, f"{info.st_size:,} bytes, more than the {limit:,} the checker reads")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(0, f"more than the {limit:,} bytes the checker reads")
    return data.decode("utf-8", errors="replace")


def _index_problem(data: object) -> str | None:
    """What makes `data` no links.json (None when it has the shape one has)."""
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    if not isinstance(data.get("site_url"), str):
        return "'site_url' must be text"
    addresses = data.get("addresses")
    if not isinstance(addresses, list):
        return f"'addresses' must be a list, got {type(addresses).__name__}"
    for i, entry in enumerate(addresses):
        if not isinstance(entry, dict) or not isinstance(entry.get("address"), str):
            return f"addresses[{i}] must be an object with an 'address' text"
        old = entry.get("old", [])
        if not isinstance(old, list) or not all(isinstance(a, str) for a in old):
            return f"addresses[{i}].old must be a list of texts"
    return None


@dataclass(frozen=True)
class Index:
    """What the checker knows: the guide's address, its current addresses and where
    each old address lands now."""

    site_url: str
    current: frozenset[str]
    old: dict[str, str]

    @classmethod
    def from_json(cls, data: dict, site_url: str | None = None) -> "Index":
        problem = _index_problem(data)
        if problem is not None:
            raise ValueError(f"not a link index (links.json): {problem}")
        current = frozenset(entry["address"] for entry in data["addresses"])
        old = {address: entry["address"] for entry in data["addresses"] for address in entry.get("old", [])}
        url = site_url or data["site_url"]
        return cls(with_slash(url), current, old)

    @property
    def base_path(self) -> str:
        """The path the guide is served under: "/single-leg-hip-thrust/"."""
        return base_path(self.site_url)

    def pages(self) -> set[str]:
        return {address.partition("#")[0] for address in self.current}

    def anchors_on(self, page: str) -> list[str]:
        return sorted(a.partition("#")[2] for a in self.current if a.partition("#")[0] == page and "#" in a)


@dataclass(frozen=True)
class Link:
    """A link into the guide found in a file: where, as written, and its site address
    (`/mistakes/#wrong-foot-placement`), or None for a link to a file."""

    line: int
    column: int
    written: str
    address: str | None
    absolute: bool


@dataclass(frozen=True)
class Finding:
    link: Link
    kind: str  # BROKEN or OLD
    message: str


def link_pattern(index: Index) -> re.Pattern:
    """Every way a link into the guide is written: absolute over http or https, or
    relative to the host (only where a link can start, and never for a guide served at
    the root, where every host-relative path would match)."""
    parts = urlsplit(index.site_url)
    host = re.escape(parts.netloc)
    base = re.escape(index.base_path.rstrip("/"))
    end = r"(?=[/?#]|$|[\s\"'<>()\[\]`.,;:!?*_])"
    absolute = rf"(?<![\w.+-])(?i:https?://{host}){base}{end}"
    alternatives = [f"(?P<absolute>{absolute})"]
    if index.base_path != "/":
        alternatives.append(rf"{_BEFORE_HOST_RELATIVE}(?<!/)(?P<relative>{base}){end}")
    return re.compile(f"(?:{'|'.join(alternatives)}){_LINK_CHARS}", re.M)


def link_address(rest: str) -> str | None:
    """The site address a link's part after the guide's path leads to: directory URLs
    (`mistakes` and `mistakes/index.html` are `/mistakes/`), query dropped, percent
    escapes decoded; None for a file (a path ending in a name with a dot)."""
    parts = urlsplit(rest)
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = "/" + path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    last = path.rsplit("/", 1)[1]
    if "." in last:
        return None
    if not path.endswith("/"):
        path += "/"
    anchor = unquote(parts.fragment)
    return path + (f"#{anchor}" if anchor else "")


def find_links(text: str, index: Index, is_html: bool = False) -> list[Link]:
    """Every link into the guide in `text`, in order, with its line and column (from 1)."""
    links = []
    base = index.base_path.rstrip("/")
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for match in link_pattern(index).finditer(text):
        written = match.group(0).rstrip(_TRAILING)
        value = html.unescape(written) if is_html else written
        head = len(match.group("absolute") or "") or len(base)
        head = len(html.unescape(written[:head])) if is_html else head
        line = _line_of(line_starts, match.start())
        links.append(Link(line + 1, match.start() - line_starts[line] + 1, written,
                          link_address(value[head:]), bool(match.group("absolute"))))
    return links


def _line_of(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if line_starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low


def suggestion(address: str, index: Index) -> str | None:
    """The current address most likely meant: the same anchor on the page it is on (or the
    closest page), else the closest anchor on the page, else the closest address."""
    page, _, anchor = address.partition("#")
    page = index.old.get(page, page)
    pages = sorted(index.pages())
    if page not in index.current:
        page = closest_match(page, pages) or page
    if not anchor:
        return page if page in index.current else None
    here = f"{page}#{anchor}"
    if here in index.current:
        return here
    elsewhere = [a for a in sorted(index.current) if a.partition("#")[2] == anchor]
    if elsewhere:
        return elsewhere[0]
    close = closest_match(anchor, index.anchors_on(page))
    if close:
        return f"{page}#{close}"
    return closest_match(address, sorted(index.current))


def check(link: Link, index: Index) -> Finding | None:
    """What is wrong with one link, or None when it lands on a current address."""
    address = link.address
    if address is None or address in index.current:
        return None
    page, _, anchor = address.partition("#")
    now_page = index.old.get(page, page)
    now = index.old.get(address) or (f"{now_page}#{anchor}" if anchor else now_page)
    now = index.old.get(now, now)
    if now in index.current:
        return Finding(link, OLD, f"old link {link.written}: it lands, through an old address; "
                                  f"the current one is {_written(now, link, index)}")
    if now_page not in index.current:
        why = f"unknown page {now_page}"
    else:
        why = f"unknown anchor #{anchor} on {now_page}"
    guess = suggestion(address, index)
    hint = f"; did you mean {_written(guess, link, index)}?" if guess else ""
    return Finding(link, BROKEN, f"broken link {link.written}: {why}{hint}")


def _written(address: str, link: Link, index: Index) -> str:
    """`address` written the way the link was: absolute, or relative to the host."""
    if link.absolute:
        return index.site_url + address.lstrip("/")
    return index.base_path + address.lstrip("/")


def check_file(path: Path, index: Index) -> tuple[list[Link], list[Finding]]:
    text = read_regular(path)
    links = find_links(text, index, is_html=path.suffix.lower() in HTML_SUFFIXES)
    return links, [finding for link in links if (finding := check(link, index))]
