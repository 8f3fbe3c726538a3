"""How a rule is declared and run: every rule that reads more than one field of one file
is a function registered with `@rule`, in one of two named phases.

- `ACROSS_FILES`: runs over the files that validated on their own, whenever the files it
  `needs` did, so a broken file elsewhere does not hide its findings: an editor sees every
  problem in one report.
- `WHOLE_GUIDE`: runs once every file and every `ACROSS_FILES` rule passed, on the
  assembled `Guide` (the printed fit of each checklist, ids against the link manifest).

A rule reports through `report(file key, field path, message)`, located at that field
(at its key with at_key=True), or `context.report_at(position, message)` for a place
outside the data files (a docs page, a line of the link manifest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..data.loading import LoadedFile
from ..data.model import Guide, walk
from ..data.problems import Position, Problem, format_path, position_at

ACROSS_FILES = "across files"
WHOLE_GUIDE = "whole guide"
PHASES = (ACROSS_FILES, WHOLE_GUIDE)


@dataclass
class Context:
    """What a rule reads: the files that validated (`parts`), every file that parsed
    (`files`), and every record of the validated files, walked once."""

    parts: dict[str, BaseModel]
    files: dict[str, LoadedFile]
    records: list[tuple[str, tuple, BaseModel]] = field(default_factory=list)
    # The site's pages (path in docs/ -> Markdown), when the data is checked for a site.
    site_pages: dict[str, str] | None = None
    # The data folder, and whether ids are checked against its link manifest.
    data_dir: Path | None = None
    check_manifest: bool = True
    # The assembled guide, in the WHOLE_GUIDE phase.
    guide: Guide | None = None
    # Problems located outside the data files' fields (see report_at, report_page).
    other_problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, parts: dict[str, BaseModel], files: dict[str, LoadedFile], site_pages: dict[str, str] | None = None,
           **more) -> "Context":
        """The context of `parts`, with their records walked."""
        records = [(key, path, record) for key, part in parts.items() for path, record, _owner in walk(part)]
        return cls(parts, files, records, site_pages, **more)

    def report_at(self, position: Position, message: str) -> None:
        """Record a problem at `position` (a place outside the data files' fields)."""
        self.other_problems.append(Problem(position, "", message))

    def report_page(self, page: str, text: str, index: int, message: str) -> None:
        """Record a problem at character `index` of docs page `page`."""
        self.report_at(position_at(f"docs/{page}", text, index), message)


# report(file key, field path, message) records one problem at that field's position
# (at its key's position with at_key=True: for a key that is itself wrong).
Report = Callable[..., None]
Rule = Callable[[Context, Report], None]
_RULES: dict[str, list[tuple[tuple[str, ...], Rule]]] = {phase: [] for phase in PHASES}


def rule(*needs: str, phase: str = ACROSS_FILES) -> Callable[[Rule], Rule]:
    """Register a rule of `phase` that runs when every file in `needs` validated."""

    def register(func: Rule) -> Rule:
        _RULES[phase].append((needs, func))
        return func

    return register


def run_rules(phase: str, context: Context) -> list[Problem]:
    """Every problem the rules of `phase` find in `context`."""
    problems: list[Problem] = []

    def report(file_key: str, path: tuple, message: str, at_key: bool = False) -> None:
        loaded = context.files[file_key]
        position = loaded.key_position_of(path) if at_key else loaded.position_of(path)
        problems.append(Problem(position, format_path(path), message))

    context.other_problems = []
    for needs, check in _RULES[phase]:
        if all(name in context.parts for name in needs):
            check(context, report)
    return problems + context.other_problems
