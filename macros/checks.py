"""Rules that span records and files: unique ids, citations and cross-references resolve."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .loading import LoadedFile, Problem, format_path
from .model import (CitedParagraph, Cue, Guide, Linkable, Mistake, ProgressionStep, SessionExercise,
                    Tip)

# What each kind of checklist may list, and how an error names it.
CHECKLIST_ITEMS: dict[str, tuple[tuple[type, ...], str]] = {
    "ticks": ((Cue, Tip), "a technique cue or a safety tip"),
    "fault-finder": ((Mistake,), "a mistake"),
    "progression-tracker": ((ProgressionStep,), "a progression step"),
    "session-card": ((SessionExercise,), "a sample-session exercise"),
}


def walk(record: BaseModel, path: tuple = (), owner: Linkable | None = None
         ) -> Iterator[tuple[tuple, BaseModel, Linkable | None]]:
    """Yield (field path, record, nearest linkable record holding it) for `record` and
    every record nested in it, in document order."""
    owner = record if isinstance(record, Linkable) else owner
    yield path, record, owner
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from walk(value, path + (name,), owner)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, path + (name, i), owner)


def records_by_id(guide: Guide) -> dict[str, Linkable]:
    """Every linkable record of the guide by its id (first one wins; duplicates are reported apart)."""
    found: dict[str, Linkable] = {}
    for file_key in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, file_key)):
            if isinstance(record, Linkable):
                found.setdefault(record.id, record)
    return found


def checklist_item_problems(guide: Guide) -> list[tuple[tuple, str]]:
    """(path in checklists.yml, message) for each checklist item that names nothing it may list."""
    records = records_by_id(guide)
    problems = []
    for i, checklist in enumerate(guide.checklists.checklists):
        allowed, described = CHECKLIST_ITEMS[checklist.kind]
        candidates = sorted(r.id for r in records.values() if isinstance(r, allowed))
        seen: set[str] = set()
        for j, item in enumerate(checklist.items):
            path = ("checklists", i, "items", j)
            record = records.get(item)
            if item in seen:
                problems.append((path, f"'{item}' is listed twice in checklist '{checklist.id}'"))
            elif record is None:
                problems.append((path, f"unknown item '{item}' in checklist '{checklist.id}' ({checklist.kind}): "
                                       f"expected the id of {described}, one of: {', '.join(candidates)}"))
            elif not isinstance(record, allowed):
                problems.append((path, f"'{item}' is a {type(record).__name__}, but checklist '{checklist.id}' "
                                       f"({checklist.kind}) lists {described}: one of {', '.join(candidates)}"))
            seen.add(item)
    return problems


def cross_reference_problems(guide: Guide, files: dict[str, LoadedFile]) -> list[Problem]:
    """Every problem that only shows when the files are read together."""
    problems: list[Problem] = []

    def problem(file_key: str, path: tuple, message: str) -> None:
        loaded = files[file_key]
        problems.append(Problem(loaded.position_of(path), format_path(path), message))

    seen: dict[str, tuple[str, tuple]] = {}
    cited: set[str] = set()
    reference_ids = {r.id for r in guide.references.references}
    variation_ids = {v.id for v in guide.variations.variations}

    for file_key in type(guide).model_fields:
        for path, record, _owner in walk(getattr(guide, file_key)):
            if isinstance(record, Linkable):
                for offset, anchor in enumerate([record.id, *record.aliases]):
                    where = path + (("id",) if offset == 0 else ("aliases", offset - 1))
                    if anchor in seen:
                        first_file, first_path = seen[anchor]
                        first = files[first_file].position_of(first_path)
                        problem(file_key, where, f"duplicate id '{anchor}': already used at {first} "
                                                 "(ids are link anchors and must be unique across the guide)")
                    else:
                        seen[anchor] = (file_key, where)
            if isinstance(record, CitedParagraph):
                for i, ref in enumerate(record.cites):
                    cited.add(ref)
                    if ref not in reference_ids:
                        problem(file_key, path + ("cites", i),
                                f"unknown citation '{ref}'; expected one of: {', '.join(sorted(reference_ids))}")

    for i, step in enumerate(guide.programming.progression.steps):
        for j, variation in enumerate(step.variations):
            if variation not in variation_ids:
                problem("programming", ("progression", "steps", i, "variations", j),
                        f"unknown variation '{variation}'; expected one of: {', '.join(sorted(variation_ids))}")

    showable = guide.programming.guidelines.id
    for i, faq in enumerate(guide.faq.faqs):
        if faq.shows is not None and faq.shows != showable:
            problem("faq", ("faqs", i, "shows"), f"unknown table '{faq.shows}'; expected '{showable}'")

    for path, message in checklist_item_problems(guide):
        problem("checklists", path, message)

    for i, ref in enumerate(guide.references.references):
        if ref.id not in cited:
            problem("references", ("references", i, "id"),
                    f"reference '{ref.id}' is never cited; cite it with `cites: [{ref.id}]` or remove it")
    return problems
