"""Tables that a phone can read: each body cell of a built page carries its column's
header as `data-label`, so guide.css can stack a narrow screen's table into labelled
records (the markup stays a real table for screen readers, search and print).

A cell left empty (a record without that value: the hypertrophy goal gives no rest) shows
"—" in the grid, where a table needs a cell, and carries no label but `data-empty`, so a
stacked record leaves it out instead of showing a label over nothing. A write-in cell is
not empty: its template writes a non-breaking space to be filled in by hand.

A post-build step over the built HTML, so every engine's build gets it: the cells' start
tags are found by Python's HTML parser (positions, not patterns) and the attribute is
inserted at the end of each, leaving every other byte of the page as it was.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# What an empty cell shows in the grid.
EMPTY = "—"
# Whitespace that leaves a cell empty (not the non-breaking space of a write-in cell).
_BLANK = " \t\n\r\f"


def _attribute_value(text: str) -> str:
    """An attribute value escaped as Python-Markdown's serializer escapes it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;"))


class _Cells(HTMLParser):
    """Where each body cell's start tag ends, with its column's header text."""

    def __init__(self, line_starts: list[int]):
        super().__init__(convert_charrefs=True)
        self.line_starts = line_starts
        self.insertions: list[tuple[int, str]] = []  # (offset, text to insert there)
        self._tables: list[dict] = []  # per open table: labels, section, column, header text
        # The body cells being read, innermost last: [offset of the start tag's ">", offset
        # after it, label, whether anything but blanks was in it], until their end tags.
        self._cells: list[list] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._cells:
            self._cells[-1][3] = True  # an element inside the cell
        if tag == "table":
            self._tables.append({"labels": [], "section": None, "column": 0, "header": None, "head_done": False})
            return
        if not self._tables:
            return
        table = self._tables[-1]
        if tag in ("thead", "tbody"):
            table["section"] = tag
        elif tag == "tr":
            table["column"] = 0
        elif tag == "th" and table["section"] == "thead" and not table["head_done"]:
            table["header"] = []
        elif tag == "td" and table["section"] == "tbody":
            labels, column = table["labels"], table["column"]
            table["column"] += 1
            label = labels[column] if column < len(labels) and labels[column] else ""
            if any(name in ("data-label", "data-empty") for name, _ in attrs):
                label = ""
            text = self.get_starttag_text()
            start = self._offset()
            self._cells.append([start + len(text) - (2 if text.endswith("/>") else 1), start + len(text), label, False])

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cells:
            tag_end, after, label, filled = self._cells.pop()
            if not filled:
                self.insertions += [(tag_end, ' data-empty=""'), (after, EMPTY)]
            elif label:
                self.insertions.append((tag_end, f' data-label="{_attribute_value(label)}"'))
            return
        if not self._tables:
            return
        table = self._tables[-1]
        if tag == "table":
            self._tables.pop()
        elif tag == "th" and table["header"] is not None:
            table["labels"].append(" ".join("".join(table["header"]).split()))
            table["header"] = None
        elif tag == "tr" and table["section"] == "thead" and table["labels"]:
            table["head_done"] = True  # the first header row names the columns

    def handle_data(self, data: str) -> None:
        if self._cells and data.strip(_BLANK):
            self._cells[-1][3] = True
        if self._tables and self._tables[-1]["header"] is not None:
            self._tables[-1]["header"].append(data)


def label_cells(html: str) -> str:
    """`html` with each table body cell labelled by its column's header."""
    if "<table" not in html:
        return html
    # Lines as the parser counts them: ended by "\n" only (not by other line separators).
    line_starts = [0] + [index + 1 for index, char in enumerate(html) if char == "\n"]
    parser = _Cells(line_starts)
    parser.feed(html)
    parser.close()
    out, last = [], 0
    # An outer cell's label is known at its end tag, after its inner cells': by offset.
    for offset, text in sorted(parser.insertions, key=lambda insertion: insertion[0]):
        out.append(html[last:offset])
        out.append(text)
        last = offset
    out.append(html[last:])
    return "".join(out)


def label_tables(site_dir: Path | str) -> list[Path]:
    """Label the table cells of every built page; returns the pages changed."""
    changed = []
    for page in sorted(Path(site_dir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        labelled = label_cells(text)
        if labelled != text:
            page.write_text(labelled, encoding="utf-8")
            changed.append(page)
    return changed
