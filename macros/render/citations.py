"""Where each reference is cited: anchors for the citation links and the backlinks.

Built once per guide. Each citation gets a stable anchor made of the citing unit's
id and the reference id, so a reference entry can link back to every place citing it.
The page a citation sits on comes from the registry's page table (site/pages.py Pages, made by render/registry.py page_table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.model import CitedParagraph, Guide, label, walk
from ..site.anchors import CITATION_PREFIX


@dataclass(frozen=True)
class Citation:
    """One [n] marker: which reference, where it sits, and what it hangs on."""

    number: int
    reference_id: str
    anchor: str
    page: str
    unit_label: str
    excerpt: str  # the first words of the cited sentence, to tell two citations apart


# A sentence ends at ., ! or ? followed by a space and a capital (not "e.g. the", "1.5").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
EXCERPT_WORDS = 6


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The opening words of the paragraph's last sentence: its [n] markers follow that
    sentence, so a "Cited in" back-link names it ("Glute max: “Peak activation is higher in…”")."""
    sentence = _SENTENCE_END.split(text.strip())[-1].split()
    return " ".join(sentence[:words]) + ("…" if len(sentence) > words else "")


class CitationIndex:
    """Citations by paragraph (for the [n] links) and by reference (for backlinks)."""

    def __init__(self, guide: Guide, page_of_record):
        """`page_of_record(paragraph)`: the page showing a paragraph (Pages.of_record)."""
        numbers = {ref.id: n for n, ref in enumerate(guide.references.references, start=1)}
        self._by_paragraph: dict[int, list[Citation]] = {}
        self._by_reference: dict[str, list[Citation]] = {ref_id: [] for ref_id in numbers}
        used: dict[str, int] = {}
        for file_key in type(guide).model_fields:
            file_record = getattr(guide, file_key)
            for _path, record, unit in walk(file_record):
                if not isinstance(record, CitedParagraph) or not record.cites:
                    continue
                unit_id = unit.id if unit else file_key
                unit_label = label(unit) if unit else file_record.title
                opening = excerpt(record.text)
                found = []
                for ref_id in record.cites:
                    base = f"{CITATION_PREFIX}{unit_id}-{ref_id}"
                    used[base] = used.get(base, 0) + 1
                    anchor = base if used[base] == 1 else f"{base}-{used[base]}"
                    citation = Citation(numbers[ref_id], ref_id, anchor, page_of_record(record), unit_label, opening)
                    found.append(citation)
                    self._by_reference[ref_id].append(citation)
                self._by_paragraph[id(record)] = found

    def of_paragraph(self, paragraph: CitedParagraph) -> list[Citation]:
        """The citations attached to this paragraph, in the order given."""
        return self._by_paragraph.get(id(paragraph), [])

    def of_reference(self, reference_id: str) -> list[Citation]:
        """Every place citing this reference, in reading order."""
        return self._by_reference[reference_id]
