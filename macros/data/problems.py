"""The error vocabulary: where a problem is (`Position`), what it is (`Problem`), the
error that carries every problem (`DataError`), and the words messages are made of
(field paths as written, ordinals, printable values, the did-you-mean).

Every stage that reports a problem in the data imports this module and nothing else of
the data layer; it imports nothing of ours.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

Path_ = tuple  # a field path such as ("mistakes", 2, "solutions", 0)


@dataclass(frozen=True)
class Position:
    """Where a node starts in its file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    position: Position
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.position} {self.field}:" if self.field else f"{self.position}:"
        counted = counted_as_written(self.field)
        return printable(f"{where} {self.message}" + (f" ({counted})" if counted else ""))


# What one item of a list is called, by the list's key (the rest: the key less its "s").
_ITEM_NAMES = {
    "faqs": "FAQ", "answer": "answer paragraph", "closing": "closing paragraph", "problem": "problem paragraph",
    "intro": "intro paragraph", "in_exercise": "paragraph", "equipment": "piece of equipment",
    "cites": "citation", "aliases": "alias", "log_fields": "log field", "authors": "author",
    "links": "link", "items": "item", "corrections": "correction", "benefits": "benefit",
}
# (An index has at most 9 digits: no list is longer, and int() of a long run is refused.)
_PATH_PART = re.compile(r'([A-Za-z_][A-Za-z0-9_-]*)|\["((?:[^"\\]|\\.)*)"\]|\[(\d{1,9})\]')


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def counted_as_written(field_path: str) -> str:
    """A field path's list positions as a writer counts them, from 1: for
    mistakes[4].solutions[1], 'the 2nd solution of the 5th mistake'. Empty without any."""
    counted, key = [], None
    for name, quoted, index in _PATH_PART.findall(field_path or ""):
        if index:
            item = _ITEM_NAMES.get(str(key), str(key)[:-1] if str(key).endswith("s") else f"item of {key}")
            counted.append(f"{ordinal(int(index) + 1)} {item}")
        else:
            key = name or quoted
    return "the " + " of the ".join(reversed(counted)) if counted else ""


class DataError(Exception):
    """The data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.position.file, p.position.line, p.position.column))
        super().__init__(self.report())

    def report(self) -> str:
        """One line per problem, then a count."""
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) in the guide data; the site was not built.")
        return "\n".join(lines)


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def format_path(path: Path_) -> str:
    """Render ("mistakes", 2, "solutions", 0) as mistakes[2].solutions[0], and a key that
    is not a plain name as pages["index.md"]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _NAME.match(str(part)):
            # Quotes and backslashes escaped: a key cannot end its brackets and fake an index.
            escaped = str(part).replace("\\", "\\\\").replace('"', '\\"')
            out += f'["{escaped}"]'
        else:
            out += f".{part}" if out else str(part)
    return out


def position_at(name: str, text: str, index: int) -> Position:
    """Line and column of the character at `index` of `text`."""
    before = text[:index]
    line = before.count("\n") + 1
    return Position(name, line, index - (before.rfind("\n") + 1) + 1)


def printable(value: object) -> str:
    """`value` as text safe to print on a terminal or a page: control, bidi and other
    invisible characters become escapes (\\x1b, \\u202e)."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in str(value))


def closest_match(word: str, options: list[str], prefer: set[str] = frozenset()) -> str | None:
    """The option `word` was meant to be (the did-you-mean of every message); among close
    matches, one in `prefer` first."""
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.6)
    preferred = [option for option in close if option in prefer]
    return (preferred or close or [None])[0]
