"""The write-in columns and rows of the tracker and the session card, from what each exercise
logs (`logs`) and whether it is done per leg (`per_leg`): only the columns it needs."""

from __future__ import annotations

import re

from ..data.model import ProgressionStep, SessionExercise

LABELS = {"reps": "Reps", "time": "Time", "load": "Load"}
# Counted or held on each leg in turn; a load is the same weight for both sides.
PER_SIDE = frozenset({"reps", "time"})
SIDES = ("left", "right")


def columns(record: ProgressionStep | SessionExercise) -> list[str]:
    """The headings of what `record` logs: "Reps left", "Reps right", "Load"..."""
    headings = []
    for logged in record.logs:
        if record.per_leg and logged in PER_SIDE:
            headings += [f"{LABELS[logged]} {side}" for side in SIDES]
        else:
            headings.append(LABELS[logged])
    return headings


def set_rows(sets: str, most: int) -> int:
    """One write-in row per set: the largest number in `sets` ("3–4" -> 4), at most `most`;
    `most` when `sets` holds no number."""
    # Validation bounds the numbers (data/model.py MAX_SETS); a longer run is still never
    # given to int() (which refuses over 4,300 digits): it is more rows than `most` anyway.
    numbers = [int(n) if len(n) <= 6 else most for n in re.findall(r"\d+", sets)]
    return min(max(numbers), most) if numbers else most
