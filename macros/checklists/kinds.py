"""The kinds of checklist, declared once: each is one macro called with a checklist's id
(`{{ tick_checklist("checklist-setup") }}`), with its model, the records it may list
(and how an error names them), its template and its printed-height estimate.

Adding a kind: its model in data/model.py (added to `Checklist` there), a `ChecklistKind`
below, its template in render/templates/, a test.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass, field

from ..data.model import (ChecklistBase, Cue, FaultFinder, Guide, Linkable, Mistake, ProgressionStep,
                          ProgressionTracker, SessionCard, SessionExercise, StopList, Tip, TickChecklist,
                          records_by_id)
from ..figures.svg import figure_aspect
from . import printfit, write_in

# Its printed height given the guide, the checklist, its items, its columns and text size (px).
Estimate = Callable[[Guide, ChecklistBase, list, int, float], printfit.Fit]


@dataclass(frozen=True, kw_only=True)
class ChecklistKind:
    """One macro per kind of checklist, called with the checklist's id. The checklist's
    own page is `checklists/<its page>`."""

    macro: str
    model: type[ChecklistBase]
    # What its items may name, and how an error names them.
    lists: tuple[type[Linkable], ...]
    lists_described: str
    template: str
    doc: str
    estimate: Estimate
    # Anything else the template needs.
    more_context: Callable[[Guide], dict] = field(default=lambda guide: {})

    @property
    def kind(self) -> str:
        """The `kind:` value in checklists.yml, from the model's literal."""
        return typing.get_args(self.model.model_fields["kind"].annotation)[0]

    def print_fit(self, guide: Guide, checklist: ChecklistBase, records: dict[str, Linkable] | None = None
                  ) -> printfit.Fit:
        """Estimated printed height of `checklist` against one portrait page (see printfit).
        `records` (records_by_id of the guide) saves walking the guide again."""
        records = records_by_id(guide) if records is None else records
        items = [records[item] for item in checklist.items]
        return self.estimate(guide, checklist, items, checklist.paper.columns,
                             printfit.TEXT_SIZE[checklist.paper.text])


def _ticks_fit(guide: Guide, c: TickChecklist | StopList, items: list, columns: int, size: float) -> printfit.Fit:
    disclaimer = guide.guide.disclaimer
    figures = [(figure_aspect(guide.figures, f), f.caption) for f in guide.figures.figures if c.id in f.at]
    return printfit.ticks(c.intro, [i.text for i in items], columns, size,
                          f"{disclaimer.short} {disclaimer.more}" if c.disclaimer else None, figures)


def _fault_finder_fit(guide: Guide, c: FaultFinder, items: list, columns: int, size: float) -> printfit.Fit:
    # The fault's three lines, as the template labels them.
    return printfit.fault_finder(
        c.intro, [(m.title, [m.fault.symptom, f"Check: {m.fault.check}", f"Change: {m.fault.fix}"]) for m in items],
        columns, size)


def _progression_fit(guide: Guide, c: ProgressionTracker, items: list, columns: int, size: float) -> printfit.Fit:
    rule = guide.programming.progression.advance_when
    return printfit.logged(c.intro, [f"Step 0: {s.name}" for s in items], [c.log_rows] * len(items),
                           columns, size, rule)


def _session_fit(guide: Guide, c: SessionCard, items: list, columns: int, size: float) -> printfit.Fit:
    # The exercise with its dose (as long as "3–4 sets of 6–8 reps per leg").
    titles = [f"{e.exercise}: {e.sets} sets of {e.reps or ''} reps per leg" for e in items]
    return printfit.logged(c.intro, titles, [write_in.set_rows(e.sets, c.set_rows) for e in items],
                           columns, size)


def _progression_context(guide: Guide) -> dict:
    progression = guide.programming.progression
    return {"progression": progression, "log_columns": write_in.columns,
            "step_numbers": {step.id: n for n, step in enumerate(progression.steps, start=1)}}


def _session_context(guide: Guide) -> dict:
    return {"log_columns": write_in.columns, "set_rows": write_in.set_rows}


KINDS: tuple[ChecklistKind, ...] = (
    ChecklistKind(
        macro="tick_checklist", model=TickChecklist, lists=(Cue, Tip),
        lists_described="a technique cue or a safety tip", template="checklist_ticks.md.j2",
        doc="Tick boxes for cues or safety tips (and the disclaimer, if the checklist asks for it).",
        estimate=_ticks_fit),
    # A bulleted list, no boxes: the same geometry as tick items.
    ChecklistKind(
        macro="stop_list", model=StopList, lists=(Tip,), lists_described="a safety tip",
        template="checklist_stop_list.md.j2",
        doc="Warning signs as a \"stop if\" list without tick boxes (and the disclaimer, if asked for).",
        estimate=_ticks_fit),
    ChecklistKind(
        macro="fault_finder", model=FaultFinder, lists=(Mistake,), lists_described="a mistake",
        template="checklist_fault_finder.md.j2",
        doc="Each listed mistake in short: what you notice, what to check, what to change.",
        estimate=_fault_finder_fit),
    ChecklistKind(
        macro="progression_tracker", model=ProgressionTracker, lists=(ProgressionStep,),
        lists_described="a progression step", template="checklist_progression.md.j2",
        doc="The listed progression steps, the rule for moving on and write-in rows for each step.",
        estimate=_progression_fit, more_context=_progression_context),
    ChecklistKind(
        macro="session_card", model=SessionCard, lists=(SessionExercise,),
        lists_described="a sample-session exercise", template="checklist_session.md.j2",
        doc="The listed session exercises, each with a write-in row per set and a column for what it logs.",
        estimate=_session_fit, more_context=_session_context),
)
# By the `kind:` value of checklists.yml.
CHECKLIST_KINDS: dict[str, ChecklistKind] = {kind.kind: kind for kind in KINDS}
