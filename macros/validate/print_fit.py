"""The rule that every checklist fits on one printed page (checklists/printfit.py
estimates the height), with advice an editor can act on: which column is too long and by
how many printed lines, the items in it with their own lengths, and the cheapest fix."""

from __future__ import annotations

import math

from ..checklists import printfit
from ..checklists.kinds import CHECKLIST_KINDS
from ..data.model import records_by_id
from ..data.problems import ordinal
from .registry import WHOLE_GUIDE, Context, Report, rule


def _lines(px: float, line: float) -> int:
    return math.ceil(px / line - 1e-9)


def _shown(px: float, line: float) -> int:
    """A length as an editor reads it: the nearest whole number of printed lines."""
    return max(1, round(px / line))


def _plural(n: int, word: str = "line") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def fit_advice(guide, checklist, records) -> str | None:
    """Why `checklist` does not fit and what would make it fit, or None when it fits."""
    kind = CHECKLIST_KINDS[checklist.kind]

    def height(items) -> float:
        return kind.print_fit(guide, checklist.model_copy(update={"items": list(items)}), records).height

    fit = kind.print_fit(guide, checklist, records)
    if fit.fits:
        return None
    line = printfit.line(printfit.TEXT_SIZE[checklist.paper.text])
    base = height([])  # title, intro, footer...: what the items share the page with
    room = fit.capacity - base  # the height of one column
    items = list(checklist.items)
    # Each item's own printed height (a sheet with it alone, less the sheet without items).
    own = [height([item]) - base for item in items]
    columns = checklist.paper.columns
    if columns == 1:
        split = len(items)
    else:
        split = min(range(len(items) + 1), key=lambda k: max(sum(own[:k]), sum(own[k:])))
    parts = [(0, split), (split, len(items))] if columns > 1 else [(0, len(items))]
    tall = max(parts, key=lambda p: sum(own[p[0]:p[1]]))
    over = _lines(sum(own[tall[0]:tall[1]]) - room, line)
    where = ("" if columns == 1 else f"its {ordinal(parts.index(tall) + 1)} column is ")
    described = []
    for n, (start, end) in enumerate(parts):
        listed = ", ".join(f"'{items[j]}' ({ordinal(j + 1)} item) {_plural(_shown(own[j], line))}"
                           for j in range(start, end))
        label = f"column {n + 1}" if columns > 1 else "its items"
        described.append(f"{label}: {listed or 'nothing'} = {sum(_shown(own[j], line) for j in range(start, end))} of "
                         f"{_plural(int(room // line))}")
    fixes = []
    # Cheapest first: a move that makes it fit as it is (two columns), then shortening one item.
    if columns > 1:
        for j in range(len(items)):
            rest = items[:j] + items[j + 1:]
            for k in range(len(rest) + 1):
                moved = rest[:k] + [items[j]] + rest[k:]
                if moved != items and kind.print_fit(guide, checklist.model_copy(update={"items": moved}),
                                                     records).fits:
                    fixes.append(f"move '{items[j]}' to be the {ordinal(k + 1)} item (nothing else changes)")
                    break
            if fixes:
                break
    longest = max(range(tall[0], tall[1]), key=lambda j: own[j])
    if _lines(own[longest], line) > over:
        fixes.append(f"shorten '{items[longest]}' (the longest in that column, {_plural(_shown(own[longest], line))}) "
                     f"by about {_plural(over)}, in mistakes.yml or technique.yml, or several of its items by as "
                     "much in all")
    else:
        fixes.append(f"shorten the items of that column by about {_plural(over)} in all")
    removable = [j for j in range(len(items))
                 if kind.print_fit(guide, checklist.model_copy(update={"items": items[:j] + items[j + 1:]}),
                                   records).fits]
    if removable:
        j = min(removable, key=lambda j: own[j])
        fixes.append(f"list one item fewer (without '{items[j]}' it fits)")
    else:
        fixes.append("list fewer items")
    denser = {name: value for name, value in (("columns", 2), ("text", "small"))
              if getattr(checklist.paper, name) != value}
    if denser:
        fixes.append("make its layout denser (paper: {" + ", ".join(f"{k}: {v}" for k, v in denser.items()) + "})")
    return (f"checklist '{checklist.id}' no longer fits on one printed page: {where}about "
            f"{_plural(over)} too long (estimated at {fit.share:.0%} of a portrait A4/US Letter page; "
            + "; ".join(described) + "); the cheapest fix: " + "; or ".join(fixes))


@rule(phase=WHOLE_GUIDE)
def checklists_fit_on_one_printed_page(context: Context, report: Report) -> None:
    """Each checklist whose estimated printed height (printfit) exceeds one portrait page,
    located at its `items`, with fit_advice's words."""
    guide = context.guide
    records = records_by_id(guide)
    for i, checklist in enumerate(guide.checklists.checklists):
        advice = fit_advice(guide, checklist, records)
        if advice is not None:
            report("checklists", ("checklists", i, "items"), advice)
