"""Tables that a phone can read: each body cell carries its column's header as
`data-label`, so guide.css can stack a narrow screen's table into labelled records
(the markup stays a real table for screen readers, search and print).

A Python-Markdown extension (no MkDocs import), registered by hooks/table_labels.py. Checklists'
write-in tables are labelled too; guide.css decides which tables stack.

A cell left empty (a record without that value: the hypertrophy goal gives no rest) shows
"—" in the grid, where a table needs a cell, and carries no label but `data-empty`, so a
stacked record leaves it out instead of showing a label over nothing. A write-in cell is
not empty: its template writes a non-breaking space to be filled in by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


def _text(element: etree.Element) -> str:
    """The header's words, as a reader sees them (nested markup flattened, spaces squeezed)."""
    return " ".join("".join(element.itertext()).split())


# What an empty cell shows in the grid.
EMPTY = "—"


class TableLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead/tr")
            if head is None:
                continue
            labels = [_text(th) for th in head.findall("th")]
            for row in table.iterfind("tbody/tr"):
                for label, cell in zip(labels, row.findall("td")):
                    if len(cell) == 0 and not (cell.text or "").strip():
                        cell.text = EMPTY
                        cell.set("data-empty", "")
                    elif label:
                        cell.set("data-label", label)


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the inline patterns (priority 20), so header text is final.
        md.treeprocessors.register(TableLabels(md), "table_labels", 5)


def makeExtension(**kwargs) -> TableLabelsExtension:  # noqa: N802 (Python-Markdown's name)
    return TableLabelsExtension(**kwargs)
