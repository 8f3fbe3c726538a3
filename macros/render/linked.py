"""A paragraph's linked words (`links:`) made into Markdown links in one pass over the
paragraph's own text: each phrase is found where it first occurs in the text as written
(compared after Unicode NFC normalisation, so an accented letter typed either way is the
same letter), the spans are taken in text order, and the text between them and inside them
is escaped piece by piece. Nothing is ever searched for in Markdown already generated, so a
phrase cannot match inside another link's words or target.

validate/rules.py reports, at the `links:` entry, a phrase missing from the text and two
phrases whose places overlap (their first occurrences share characters); the renderer then
never meets either, and skips a span that would overlap rather than nest links.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..data.model import CitedParagraph
from ..site.escaping import markdown_text, markdown_text_piece


@dataclass(frozen=True)
class Span:
    index: int  # the link's place in `links:`
    start: int
    end: int


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def link_spans(text: str, phrases: list[str]) -> list[Span | None]:
    """Where each phrase first occurs in `text` (both NFC), None where it does not."""
    text = nfc(text)
    spans: list[Span | None] = []
    for i, phrase in enumerate(phrases):
        words = nfc(phrase)
        start = text.find(words) if words else -1
        spans.append(Span(i, start, start + len(words)) if start >= 0 else None)
    return spans


def overlaps(spans: list[Span | None]) -> list[tuple[Span, Span]]:
    """(earlier-listed span, later-listed span) for each pair that shares characters; sorted
    by start, each span is compared with the furthest-reaching one before it (linear)."""
    found, reach = [], None
    for span in sorted((s for s in spans if s is not None), key=lambda s: (s.start, s.index)):
        if reach is not None and span.start < reach.end:
            found.append(tuple(sorted((reach, span), key=lambda s: s.index)))
        if reach is None or span.end > reach.end:
            reach = span
    return found


def linked_text(paragraph: CitedParagraph, href: Callable[[str], str]) -> str:
    """The paragraph's text as Markdown with its linked words as links (href: id -> URL)."""
    if not paragraph.links:
        return markdown_text(paragraph.text)
    text = nfc(paragraph.text)
    spans = sorted((s for s in link_spans(text, [link.text for link in paragraph.links]) if s is not None),
                   key=lambda s: (s.start, s.index))
    out, at = [], 0
    for span in spans:
        if span.start < at:
            continue  # overlapping (validation reports it): the earlier span keeps its words
        out.append(markdown_text_piece(text[at:span.start], first=at == 0))
        words = markdown_text_piece(text[span.start:span.end], first=False)
        out.append(f"[{words}]({href(paragraph.links[span.index].to)})")
        at = span.end
    out.append(markdown_text_piece(text[at:], first=at == 0))
    return "".join(out).strip()
