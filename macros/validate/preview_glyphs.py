"""The rule that the preview pictures can draw every character they show (site/glyphs.py):
the guide's name, each page's title and description. A character the bundled font lacks
(CJK, emoji) would be an empty box in every chat app that shows the link."""

from __future__ import annotations

import unicodedata

from ..site.pages import checklist_page
from ..site.glyphs import undrawable
from .registry import WHOLE_GUIDE, Context, Report, rule


def _refusal(ch: str) -> str:
    name = unicodedata.name(ch, f"U+{ord(ch):04X}")
    return (f"the link-preview picture cannot draw {ch!r} ({name}): its font (DejaVu Sans) has no such "
            "letter and would show an empty box; write it in Latin, Greek or Cyrillic letters, or leave it out")


@rule(phase=WHOLE_GUIDE)
def preview_pictures_can_draw_their_text(context: Context, report: Report) -> None:
    guide = context.guide.guide
    if (ch := undrawable(guide.title)) is not None:
        report("guide", ("title",), _refusal(ch))
    titled = {page for page, preview in guide.pages.items() if preview.title}
    for page, preview in guide.pages.items():
        for name in ("title", "description"):
            value = getattr(preview, name)
            if value and (ch := undrawable(value)) is not None:
                report("guide", ("pages", page, name), _refusal(ch))
    # A checklist's own page is titled with the checklist's title when guide.yml gives none.
    for i, checklist in enumerate(context.guide.checklists.checklists):
        if checklist_page(checklist.page) in guide.pages and checklist_page(checklist.page) not in titled \
                and (ch := undrawable(checklist.title)) is not None:
            report("checklists", ("checklists", i, "title"), _refusal(ch))
