"""A fault finder made to overflow its printed page the way an editor would: laid out in two
columns (so the advice has columns to name), then short, valid mistakes added to it one at a
time until `make check-data`'s fit advice says it no longer fits. Shared by the editor tests
(the message) and the print test (the message against Chromium's print)."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.data.model import records_by_id
from macros.validate.load import load_guide
from macros.validate.print_fit import fit_advice

NEW_MISTAKE = "test-short-mistake"


def _mistake(n: int) -> str:
    return (f"  - id: {NEW_MISTAKE}-{n}\n    title: Short {n}\n    problem:\n      - Too fast.\n"
            "    solutions:\n      - Slow down.\n    fault:\n      symptom: It feels rushed.\n"
            "      check: Are you rushing the reps?\n      fix: Slow down.\n")


def write_fault_finder(data: Path, items: list[str], columns: int = 2) -> None:
    """The fault finder in checklists.yml listing `items`, in `columns` columns (its text
    size as the data has it)."""
    path = data / "checklists.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    finder = next(c for c in document["checklists"] if c["kind"] == "fault-finder")
    finder["items"] = list(items)
    finder["paper"] = {**finder.get("paper", {}), "columns": columns}
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")


def overflow_fault_finder(data: Path, limit: int = 40) -> tuple[str, list[str], str]:
    """Add short mistakes to the two-column fault finder until it no longer fits:
    (the checklist's id, its items, the fit advice)."""
    finder = next(c for c in yaml.safe_load((data / "checklists.yml").read_text(encoding="utf-8"))["checklists"]
                  if c["kind"] == "fault-finder")
    items = list(finder["items"])
    mistakes = data / "mistakes.yml"
    for n in range(1, limit + 1):
        mistakes.write_text(mistakes.read_text(encoding="utf-8") + _mistake(n), encoding="utf-8")
        write_fault_finder(data, items)
        # Valid so far (the new ids are not locked yet); the advice for the sheet with it.
        guide = load_guide(data, check_manifest=False)
        items.append(f"{NEW_MISTAKE}-{n}")
        checklist = next(c for c in guide.checklists.checklists if c.id == finder["id"])
        advice = fit_advice(guide, checklist.model_copy(update={"items": items}), records_by_id(guide))
        if advice is not None:
            write_fault_finder(data, items)
            return finder["id"], items, advice
    raise AssertionError(f"the fault finder still fits with {limit} more mistakes")
