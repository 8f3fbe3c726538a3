"""Does a checklist still fit on one printed page? A build-time estimate of its height.

The build has no browser, so it estimates: text is wrapped word by word at an average
character width, and each block adds the heights print.css gives it. Sizes are CSS px
(96 per inch) taken from print.css; character widths are Arial/Liberation Sans averages
for English text, rounded up so the estimate errs high. tests/test_print.py measures the
real layout in Chromium and checks the estimate stays above it (and not far above).
Change print.css and these numbers together.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

MM = 96 / 25.4
PT = 96 / 72
# The narrower printable width (A4: 210 mm less 2 x 10 mm) and the shorter printable height
# (US Letter: 279.4 mm less the 12 mm top and 10 mm bottom margins): a checklist that fits
# both fits either. The title and address above the page sit in the margin.
PAGE_WIDTH = (210 - 20) * MM
PAGE_HEIGHT = (279.4 - 22) * MM

# A checklist's text size (PrintRules.text) in px: its items, intro and their spacing are
# sized in em of it; the write-in tables and the footer are not.
TEXT_SIZE = {"xx-large": 22 * PT, "x-large": 20 * PT, "large": 16 * PT, "normal": 14 * PT, "small": 11 * PT}
LINE_HEIGHT = 1.4
CHAR = 0.45                       # average advance of regular text, in em (measured 0.44-0.45)
BOLD_CHAR = 0.49                  # bold (measured 0.47-0.49)
ITEM_INDENT = 1.75                # em: list item margin (the tick box sits in it)
TICK_GAP = 0.9                    # em: a tick item's margin (its words are no paragraph)
ITEM_GAP = 0.6 + 0.3              # em: a fault or logged item's
COLUMN_GAP = 8 * MM

TITLE = 20 * PT * 1.25 + 20 * PT * 0.5         # h1: 20 pt, line-height 1.25, margin .5em
FOOTER = (18 + 3 + 2) * MM + 2                  # QR code, margin, padding, rule
TABLE_TEXT = 11 * PT                            # write-in tables: 11 pt whatever the item text
TABLE_HEAD = TABLE_TEXT * 1.3 + 2 * MM + 1      # header row: one short line, padding, border
TABLE_ROW = 8.5 * MM                            # a write-in row (border-box)
TABLE_MARGIN = 0.5                              # em of the item text: the table's margins
ADMONITION_SCALE = 0.8                          # a box on a checklist: .8em of its text
ADMONITION = 3.6                                # lines: title bar, padding and margins
FIGURE_WIDTH = 60 * MM                          # a figure on a checklist (print.css)
FIGURE_MARGINS = 1 + 1 + 0.8 + 0.4              # em: its wrapper's margins, its own, its caption's


@dataclass(frozen=True)
class Fit:
    """Estimated printed height of a checklist against the page it must fit."""

    height: float
    capacity: float = PAGE_HEIGHT
    # The items' own heights and their columns: what the sheet would be without one of them.
    items: tuple[float, ...] = ()
    columns: int = 1

    def without_each(self) -> list[float]:
        """The sheet's height with each item left out in turn (in the items' order): with
        the columns' sums made once, each in logarithmic time, so a long list costs about
        as much to advise on as to estimate."""
        rest = self.height - stacked(list(self.items), self.columns)
        return [rest + h for h in _stacked_without(self.items, self.columns)]

    @property
    def fits(self) -> bool:
        return self.height <= self.capacity

    @property
    def share(self) -> float:
        """Estimated height as a share of the page (1.0 = exactly full)."""
        return self.height / self.capacity


def line(size: float) -> float:
    """One printed line of text at `size` px."""
    return size * LINE_HEIGHT


def text_height(text: str, width: float, size: float, bold: bool = False) -> float:
    """Height of `text` at `size` px wrapped word by word into `width` px."""
    per_char = (BOLD_CHAR if bold else CHAR) * size
    per_line = max(1, int(width // per_char))
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= per_line:
            used = need
        else:
            lines += 1 + (len(word) - 1) // per_line
            used = len(word) % per_line or per_line
    return lines * line(size)


def stacked(items: list[float], columns: int) -> float:
    """Height of unbreakable items laid out in `columns` balanced columns."""
    if not items:
        return 0.0
    if columns == 1:
        return sum(items)
    # Chromium balances columns; items that must not split go whole to one column, so the
    # columns are the best split of the sequence (two columns: print.css allows no more).
    sums = [0.0, *accumulate(items)]
    return _best_split(lambda k: sums[k], len(items), sums[-1])


def _best_split(prefix, count: int, total: float) -> float:
    """min over k of max(prefix(k), total - prefix(k)) for a non-decreasing `prefix` of
    0..count: the best split sits where the first column passes half the total, so a
    binary search finds it (the two splits either side of that point are compared)."""
    low, high = 0, count
    while low < high:  # the first k whose prefix reaches half the total
        middle = (low + high) // 2
        if prefix(middle) * 2 < total:
            low = middle + 1
        else:
            high = middle
    return min(max(prefix(k), total - prefix(k)) for k in (low - 1, low) if 0 <= k <= count)


def _stacked_without(items: tuple[float, ...], columns: int) -> list[float]:
    """stacked(items without item j, columns) for every j."""
    total = sum(items)
    if columns == 1:
        return [total - h for h in items]
    sums = [0.0, *accumulate(items)]
    heights = []
    for j, h in enumerate(items):
        # The prefix sums of the list without item j, read from the whole list's.
        def prefix(k, j=j, h=h):
            return sums[k] if k <= j else sums[k + 1] - h
        heights.append(_best_split(prefix, len(items) - 1, total - h) if len(items) > 1 else 0.0)
    return heights


def column_width(columns: int) -> float:
    """Width of one column, in px."""
    return (PAGE_WIDTH - COLUMN_GAP * (columns - 1)) / columns


def page_height(intro: str | None, items: list[float], columns: int, size: float, extra: float = 0.0) -> Fit:
    """The whole sheet: title, intro, anything above the items (`extra`), the items in their
    columns, the footer."""
    intro_height = text_height(intro, PAGE_WIDTH, size) + size if intro else 0.0  # and its margin
    return Fit(TITLE + intro_height + extra + stacked(items, columns) + FOOTER, items=tuple(items), columns=columns)


def tick_item(text: str, width: float, size: float) -> float:
    return text_height(text, width - ITEM_INDENT * size, size) + TICK_GAP * size


def fault_item(title: str, lines: list[str], width: float, size: float) -> float:
    """A mistake's bold title over its short lines (symptom, check, fix), one paragraph."""
    inner = width - ITEM_INDENT * size
    height = text_height(title, inner, size, bold=True) + sum(text_height(t, inner, size) for t in lines)
    return height + ITEM_GAP * size + 0.6 * size


def logged_item(title: str, width: float, rows: int, size: float) -> float:
    return (text_height(title, width - ITEM_INDENT * size, size, bold=True) + TABLE_MARGIN * size
            + TABLE_HEAD + rows * TABLE_ROW + ITEM_GAP * size)


def admonition(text: str, size: float) -> float:
    small = size * ADMONITION_SCALE
    return text_height(text, PAGE_WIDTH - 2 * small, small) + ADMONITION * line(small)


def figure(aspect: float, caption: str, size: float) -> float:
    """A figure (height/width `aspect`) at its printed width, with its caption."""
    return FIGURE_WIDTH * aspect + text_height(caption, FIGURE_WIDTH, size) + FIGURE_MARGINS * size


def ticks(intro, texts: list[str], columns: int, size: float, disclaimer: str | None = None,
          figures: list[tuple[float, str]] = ()) -> Fit:
    """A list of tick boxes, optionally after figures ((aspect, caption) each, stacked: side
    by side is not assumed) and followed by the disclaimer admonition."""
    width = column_width(columns)
    extra = admonition(disclaimer, size) if disclaimer else 0.0
    extra += sum(figure(aspect, caption, size) for aspect, caption in figures)
    return page_height(intro, [tick_item(t, width, size) for t in texts], columns, size, extra)


def fault_finder(intro, faults: list[tuple[str, list[str]]], columns: int, size: float) -> Fit:
    """(title, lines) for each mistake."""
    width = column_width(columns)
    return page_height(intro, [fault_item(t, lines, width, size) for t, lines in faults], columns, size)


def logged(intro, titles: list[str], rows: list[int], columns: int, size: float, rule: str | None = None) -> Fit:
    """Items each followed by a write-in table (`rows`: its rows, per item): tracker and session card."""
    width = column_width(columns)
    extra = admonition(rule, size) if rule else 0.0
    return page_height(intro, [logged_item(t, width, n, size) for t, n in zip(titles, rows)], columns, size, extra)
