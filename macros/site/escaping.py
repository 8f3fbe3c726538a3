"""Text from data, escaped for where it lands: Markdown text, HTML text and attributes,
link targets. Every template uses these filters, so data stays text whatever it holds.

Validation already rejects markup in prose (data/model.py) and tells the editor where; this
is the second wall: if a payload gets past the model, it still renders as the characters
the editor typed. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote

from markupsafe import Markup, escape

# Python-Markdown's escapable characters with the extensions this site enables (tables
# add "|", pymdownx.blocks "/"): a backslash before any of them makes it literal.
_BACKSLASHED = set("\\`*_{}[]()>#+-.!|/")
# HTML-significant characters become entities (Markdown keeps entities as they are).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# At the start of a line punctuation opens block syntax, some of which a backslash cannot
# escape: ??? (details), ~~~ (a fenced code block), ": " (a definition list), === "x" (a
# tab), and whatever an extension enabled later adds (data/block_syntax.py lists them). A
# value's first character, if it is punctuation, is written as a numeric entity: no block
# syntax starts with an entity.
_LEADING_ENTITIES = {ch: f"&#{ord(ch)};" for ch in string.punctuation if ch not in "&<>"}
# Line breaks and other control characters: a paragraph of data stays one line, so it
# cannot start a heading, list, table row or block on the next.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


# Every other character stays; one table, so escaping costs one pass in C.
_TRANSLATION = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASHED}, **_ENTITIES})


def markdown_text(value: object) -> str:
    """`value` as Markdown that renders as exactly its characters, inline, on one line."""
    text = _BREAKS.sub(" ", str(value)).strip()
    if text[:1] in _LEADING_ENTITIES:
        return _LEADING_ENTITIES[text[0]] + text[1:].translate(_TRANSLATION)
    return text.translate(_TRANSLATION)


def markdown_text_piece(value: str, first: bool) -> str:
    """A piece of a value (its spaces kept) as markdown_text writes it; `first`: the piece
    starts the value, so its leading punctuation is written as an entity."""
    text = _BREAKS.sub(" ", value)
    if first:
        text = text.lstrip()
        if text[:1] in _LEADING_ENTITIES:
            return _LEADING_ENTITIES[text[0]] + text[1:].translate(_TRANSLATION)
    return text.translate(_TRANSLATION)


def html_text(value: object) -> Markup:
    """`value` escaped for HTML element text or a quoted attribute value."""
    return escape(_BREAKS.sub(" ", str(value)))


def doi_url(doi: str) -> str:
    """The resolver address of a DOI, percent-encoded so it cannot end a Markdown link."""
    return "https://doi.org/" + quote(doi, safe="/:;._-")


def link_target(url: str) -> str:
    """A validated web address for a Markdown link target: anything that could end or
    reshape the link is percent-encoded (validation already refuses such addresses)."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")
