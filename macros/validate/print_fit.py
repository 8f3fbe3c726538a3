"""The rule that every checklist fits on one printed page (checklists/printfit.py
estimates the height), with advice an editor can act on."""

from __future__ import annotations

import heapq
import math

from ..checklists import printfit
from ..checklists.kinds import CHECKLIST_KINDS
from ..data.model import records_by_id
from ..data.problems import ordinal
from .registry import WHOLE_GUIDE, Context, Report, rule


@rule(phase=WHOLE_GUIDE)
def checklists_fit_on_one_printed_page(context: Context, report: Report) -> None:
    """Each checklist whose estimated printed height (printfit) exceeds one portrait page,
    located at its `items`: by how many lines, which items take the most room, and the
    changes that would still help (a layout already set is not suggested again)."""
    guide = context.guide
    records = records_by_id(guide)
    for i, checklist in enumerate(guide.checklists.checklists):
        fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist, records)
        if fit.fits:
            continue
        line = printfit.line(printfit.TEXT_SIZE[checklist.paper.text])
        over = math.ceil((fit.height - fit.capacity) / line)
        # What each item costs: the sheet's height with and without it, in printed lines.
        # (The estimate keeps the items' heights: leaving each out is not a new estimate.)
        costs = [(fit.height - without, j, item)
                 for j, (item, without) in enumerate(zip(checklist.items, fit.without_each()))]
        longest = heapq.nlargest(3, costs)
        named = ", ".join(f"'{item}' ({ordinal(j + 1)} item, about {math.ceil(cost / line)} lines)"
                          for cost, j, item in longest)
        remedies = [f"shorten the words of its items by about {over} printed line{'s' if over > 1 else ''} "
                    f"in all (the longest: {named})", "list fewer items"]
        denser = {name: value for name, value in (("columns", 2), ("text", "small"))
                  if getattr(checklist.paper, name) != value}
        if denser:
            remedies.append("make its layout denser (paper: {" + ", ".join(f"{k}: {v}" for k, v in denser.items()) + "})")
        report("checklists", ("checklists", i, "items"),
               f"checklist '{checklist.id}' no longer fits on one printed page: about {over} "
               f"line{'s' if over > 1 else ''} too long (its estimated height is {fit.share:.0%} "
               "of a portrait A4/US Letter page); " + "; or ".join(remedies))
