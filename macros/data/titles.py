"""What a record is called away from its own heading: in search results and in the link
index (links.json)."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Disclaimer, Guide, Linkable, label


def record_title(record: Linkable) -> str:
    """What a record is called in search results and the link index (links.json)."""
    if isinstance(record, Disclaimer):
        return "Medical disclaimer"
    return label(record)


def step_titles(guide: Guide) -> Iterator[tuple[str, str]]:
    """(id, title) of each variation step: "Step 1" on the page, its variation's in search."""
    for variation in guide.variations.variations:
        for n, step in enumerate(variation.steps, start=1):
            yield step.id, f"{variation.name}: step {n}"
