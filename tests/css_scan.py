"""A small, careful reading of CSS source: comments, strings and brackets as the CSS Syntax
spec tokenizes them, enough to list the rules and declarations a stylesheet means to give
(tinycss2 is not a dependency). tests/test_shipped_sources.py compares this list with what
Chromium keeps (`CSSStyleSheet.cssRules`): a rule or declaration the browser drops, by a
merge separator, a stray brace or a bad value, shows as a difference.

The scanner itself reports what a browser would surely throw away (an unclosed comment,
string or block, a declaration without a name or a colon), with the source line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# At-rules whose block holds rules (the rest hold declarations: @page, @font-face, margin boxes).
GROUPING = ("@media", "@supports", "@container", "@layer", "@scope", "@starting-style", "@document")
_PROPERTY = re.compile(r"^(--[\w-]+|-?[a-zA-Z][a-zA-Z0-9-]*)$")


@dataclass
class Rule:
    prelude: str  # the selector or "@media ...", whitespace collapsed
    line: int
    declarations: list[tuple[str, str, int]] = field(default_factory=list)  # (property, value, line)
    children: list["Rule"] = field(default_factory=list)

    @property
    def grouping(self) -> bool:
        return self.prelude.split(None, 1)[0].lower() in GROUPING if self.prelude.startswith("@") else False


class CSSError(ValueError):
    pass


def strip_comments(text: str) -> str:
    """The text with each comment replaced by spaces (newlines kept, so lines still count);
    `/*` inside a string is text, not a comment."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = _string_end(text, i)
            out.append(text[i:j])
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise CSSError(f"line {_line(text, i)}: a comment is never closed; the browser drops the rest")
            out.append(re.sub(r"[^\n]", " ", text[i:j + 2]))
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _string_end(text: str, i: int) -> int:
    quote, j = text[i], i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        if text[j] == "\n":
            break
        j += 1
    raise CSSError(f"line {_line(text, i)}: a string is never closed")


def _line(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


def _scan(text: str, i: int, stops: str) -> int:
    """Index of the first character of `stops` at bracket depth 0 from i, skipping
    strings and (), [] groups; len(text) when none."""
    depth, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            i = _string_end(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth <= 0 and c in stops:
            return i
        i += 1
    return n


def _block_end(text: str, i: int) -> int:
    """Index of the `}` closing the `{` at i."""
    depth, j, n = 0, i, len(text)
    while j < n:
        c = text[j]
        if c in "\"'":
            j = _string_end(text, j)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise CSSError(f"line {_line(text, i)}: a block opened here is never closed")


def parse(text: str) -> list[Rule]:
    """The stylesheet's rules, nested as written."""
    clean = strip_comments(text)
    rules, end = _rules(clean, 0, len(clean))
    if end < len(clean):
        raise CSSError(f"line {_line(clean, end)}: a `}}` closes nothing")
    return rules


def _rules(text: str, i: int, end: int) -> tuple[list[Rule], int]:
    rules = []
    while True:
        while i < end and text[i].isspace():
            i += 1
        if i >= end or text[i] == "}":
            return rules, i
        stop = _scan(text, i, "{;}")
        if stop >= end or text[stop] != "{":
            prelude = " ".join(text[i:min(stop, end)].split())
            if prelude.startswith("@") and stop < end and text[stop] == ";":
                rules.append(Rule(prelude, _line(text, i)))  # @import, @charset, @layer a, b;
                i = stop + 1
                continue
            raise CSSError(f"line {_line(text, i)}: `{prelude[:60]}` is neither a rule nor inside one")
        close = _block_end(text, stop)
        rule = Rule(" ".join(text[i:stop].split()), _line(text, i))
        if not rule.prelude:
            raise CSSError(f"line {rule.line}: a block without a selector")
        if rule.grouping:
            rule.children, inner_end = _rules(text, stop + 1, close)
            if inner_end != close:
                raise CSSError(f"line {_line(text, inner_end)}: a `}}` closes nothing")
        else:
            rule.declarations, rule.children = _declarations(text, stop + 1, close)
        rules.append(rule)
        i = close + 1


def _declarations(text: str, i: int, end: int):
    declarations, children = [], []
    while i < end:
        stop = min(_scan(text, i, ";{"), end)
        chunk = text[i:stop]
        if stop < end and text[stop] == "{":
            # A nested rule (a margin box in @page, or CSS nesting).
            close = _block_end(text, stop)
            child = Rule(" ".join(chunk.split()), _line(text, i))
            child.declarations, child.children = _declarations(text, stop + 1, close)
            children.append(child)
            i = close + 1
            continue
        if chunk.strip():
            name, colon, value = chunk.partition(":")
            line = _line(text, i + len(chunk) - len(chunk.lstrip()))
            if not colon or not _PROPERTY.match(name.strip()) or not value.strip():
                raise CSSError(f"line {line}: `{' '.join(chunk.split())[:60]}` is not a declaration")
            declarations.append((name.strip().lower() if not name.strip().startswith("--") else name.strip(),
                                 " ".join(value.split()), line))
        i = stop + 1
    return declarations, children


def count(rules: list[Rule]) -> tuple[int, int]:
    """(rules, declarations) in `rules`, nested ones included."""
    r = d = 0
    for rule in rules:
        cr, cd = count(rule.children)
        r, d = r + 1 + cr, d + len(rule.declarations) + cd
    return r, d


def as_json(rules: list[Rule]) -> list[dict]:
    return [{"prelude": r.prelude, "line": r.line, "grouping": r.grouping,
             "declarations": [[p, v, line] for p, v, line in r.declarations],
             "children": as_json(r.children)} for r in rules]
