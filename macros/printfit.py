"""Does a checklist still fit on one printed page? A build-time estimate of its height.

The build has no browser, so it estimates: text is wrapped word by word at an average
character width, and each block adds the heights print.css gives it. Sizes are CSS px
(96 per inch) taken from print.css; character widths are Arial/Liberation Sans averages
for English text, rounded up so the estimate errs high. tests/test_print.py measures the
real layout in Chromium and checks the estimate stays above it (and not far above).
Change print.css and these numbers together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM = 96 / 25.4
# The narrower printable width (A4: 210 mm less 2 x 12 mm) and the shorter printable height
# (US Letter: 279.4 mm less 2 x 10 mm): a checklist that fits both fits either.
PAGE_WIDTH = (210 - 24) * MM
PAGE_HEIGHT = (279.4 - 20) * MM

BODY = 13.6                       # .md-typeset print font size (Material: .68rem of 20 px)
LINE = BODY * 1.6
CHAR = 0.47 * BODY                # average advance of regular text (measured 0.44-0.45 em)
BOLD_CHAR = 0.51 * BODY           # bold (measured 0.47-0.49 em)
ITEM_INDENT = 1.85 * BODY         # list item margin (the tick box sits in it)
ITEM_GAP = 0.4 * BODY + 0.15 * BODY   # item margin, paragraph margin
COLUMN_GAP = 8 * MM
# Text size of a checklist (PrintRules.text) relative to BODY, as print.css sets it.
TEXT_SCALE = {"normal": 1.0, "small": 0.9}

FRAME = 1.7 * BODY * 1.3 + 0.6 * 1.7 * BODY + BODY   # h1 (1.7 em, line-height 1.3), its margin, list margin
FOOTER = (20 + 3 + 2) * MM + 2        # QR code, margin, padding, rule
TABLE_HEAD = 0.9 * BODY * 1.3 + 6      # header row: one short line and padding
TABLE_ROW = 0.9 * BODY * 1.7 + 6       # write-in row: 1.7em plus padding and border
ADMONITION = 3.6 * LINE                # title bar, padding and margins around its text
FIGURE_WIDTH = 60 * MM                 # a figure on a checklist (print.css)
FIGURE_MARGINS = (1 + 1 + 0.8 + 0.4) * BODY   # its wrapper's margins, its own, its caption's


@dataclass(frozen=True)
class Fit:
    """Estimated printed height of a checklist against the page it must fit."""

    height: float
    capacity: float = PAGE_HEIGHT

    @property
    def fits(self) -> bool:
        return self.height <= self.capacity

    @property
    def share(self) -> float:
        """Estimated height as a share of the page (1.0 = exactly full)."""
        return self.height / self.capacity


def text_height(text: str, width: float, bold: bool = False) -> float:
    """Height of `text` wrapped word by word into `width` px."""
    per_char = BOLD_CHAR if bold else CHAR
    per_line = max(1, int(width // per_char))
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= per_line:
            used = need
        else:
            lines += 1 + (len(word) - 1) // per_line
            used = len(word) % per_line or per_line
    return lines * LINE


def stacked(items: list[float], columns: int) -> float:
    """Height of unbreakable items laid out in `columns` balanced columns."""
    if not items:
        return 0.0
    if columns == 1:
        return sum(items)
    # Chromium balances columns; items that must not split go whole to one column, so the
    # columns are the best split of the sequence (two columns: print.css allows no more).
    return min(max(sum(items[:k]), sum(items[k:])) for k in range(len(items) + 1))


def column_width(columns: int, scale: float = 1.0) -> float:
    """Width of one column, in px of text at `scale` (small text fits more per line)."""
    return (PAGE_WIDTH - COLUMN_GAP * (columns - 1)) / columns / scale


def page_height(intro: str | None, items: list[float], columns: int, extra: float = 0.0,
                scale: float = 1.0) -> Fit:
    """The whole sheet: frame, intro, anything above the items, the items in their columns,
    the footer. Everything inside the checklist is sized in em, so text at `scale` scales
    all of it: items and `extra` are given as laid out at scale 1 in a width of 1/scale."""
    intro_height = text_height(intro, PAGE_WIDTH / scale) + BODY if intro else 0.0  # and margin
    body = intro_height + extra + stacked(items, columns)
    return Fit(FRAME + body * scale + FOOTER)


def tick_item(text: str, width: float) -> float:
    return text_height(text, width - ITEM_INDENT) + ITEM_GAP


def fault_item(title: str, problem: str, solutions: list[str], width: float) -> float:
    inner = width - ITEM_INDENT
    height = text_height(title, inner, bold=True) + text_height("What goes wrong: " + problem, inner)
    height += LINE  # "What to change:"
    height += sum(text_height(s, inner - 2 * BODY) + 0.15 * BODY for s in solutions)
    return height + ITEM_GAP + 0.6 * BODY


def logged_item(title: str, width: float, rows: int) -> float:
    return text_height(title, width - ITEM_INDENT, bold=True) + TABLE_HEAD + rows * TABLE_ROW + ITEM_GAP + BODY


def admonition(text: str, scale: float = 1.0) -> float:
    return text_height(text, PAGE_WIDTH / scale - 2 * BODY) + ADMONITION


def figure(aspect: float, caption: str, scale: float = 1.0) -> float:
    """A figure (height/width `aspect`) at its printed width, with its caption."""
    return (FIGURE_WIDTH * aspect) / scale + text_height(caption, FIGURE_WIDTH / scale) + FIGURE_MARGINS


def ticks(intro, texts: list[str], columns: int, scale: float, disclaimer: str | None = None,
          figures: list[tuple[float, str]] = ()) -> Fit:
    """A list of tick boxes, optionally after figures ((aspect, caption) each, side by side
    is not assumed: stacked) and followed by the disclaimer admonition."""
    width = column_width(columns, scale)
    extra = admonition(disclaimer, scale) if disclaimer else 0.0
    extra += sum(figure(aspect, caption, scale) for aspect, caption in figures)
    return page_height(intro, [tick_item(t, width) for t in texts], columns, extra, scale)


def fault_finder(intro, faults: list[tuple[str, str, list[str]]], columns: int, scale: float) -> Fit:
    """(title, problem, solutions) for each mistake."""
    width = column_width(columns, scale)
    return page_height(intro, [fault_item(t, p, s, width) for t, p, s in faults], columns, 0.0, scale)


def logged(intro, titles: list[str], rows: int, columns: int, scale: float, rule: str | None = None) -> Fit:
    """Items each followed by a write-in table of `rows` rows (tracker and session card)."""
    width = column_width(columns, scale)
    extra = admonition(rule, scale) if rule else 0.0
    return page_height(intro, [logged_item(t, width, rows) for t in titles], columns, extra, scale)
