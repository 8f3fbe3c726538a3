"""Rules that span records and files: unique ids, citations and cross-references resolve.

Each rule names the data files it reads and runs whenever those files validated, so a
broken file elsewhere does not hide the rule's findings: an editor sees every problem
in one report.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from .loading import LoadedFile, Problem, format_path
from .model import (FILE_MODELS, CitedParagraph, Correction, Cue, Guide, Linkable, Mistake, ProgressionStep,
                    SessionExercise, Tip)

# What each kind of checklist may list, and how an error names it.
CHECKLIST_ITEMS: dict[str, tuple[tuple[type, ...], str]] = {
    "ticks": ((Cue, Tip), "a technique cue or a safety tip"),
    "fault-finder": ((Mistake,), "a mistake"),
    "progression-tracker": ((ProgressionStep,), "a progression step"),
    "session-card": ((SessionExercise,), "a sample-session exercise"),
}


@dataclass
class Context:
    """What a rule reads: the files that validated (`parts`), every file that parsed
    (`files`), and every record of the validated files, walked once."""

    parts: dict[str, BaseModel]
    files: dict[str, LoadedFile]
    records: list[tuple[str, tuple, BaseModel]] = field(default_factory=list)
    # The site's pages (paths in docs/), when the data is checked for a site; None otherwise.
    site_pages: frozenset[str] | None = None


# report(file key, field path, message) records one problem at that field's position
# (at its key's position with at_key=True: for a key that is itself wrong).
Report = Callable[..., None]
Rule = Callable[[Context, Report], None]
_RULES: list[tuple[tuple[str, ...], Rule]] = []


def rule(*needs: str) -> Callable[[Rule], Rule]:
    """Register a cross-file rule that runs when every file in `needs` validated."""

    def register(func: Rule) -> Rule:
        _RULES.append((needs, func))
        return func

    return register


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


def _records_by_id(parts) -> dict[str, Linkable]:
    found: dict[str, Linkable] = {}
    for part in parts:
        for _path, record, _owner in walk(part):
            if isinstance(record, Linkable):
                found.setdefault(record.id, record)
    return found


def records_by_id(guide: Guide) -> dict[str, Linkable]:
    """Every linkable record of the guide by its id (first one wins; duplicates are reported apart)."""
    return _records_by_id(getattr(guide, key) for key in type(guide).model_fields)


def _checklist_problems(checklists, records: dict[str, Linkable]) -> list[tuple[tuple, str]]:
    problems = []
    for i, checklist in enumerate(checklists.checklists):
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


def checklist_item_problems(guide: Guide) -> list[tuple[tuple, str]]:
    """(path in checklists.yml, message) for each checklist item that names nothing it may list."""
    return _checklist_problems(guide.checklists, records_by_id(guide))


def cross_reference_problems(parts: dict[str, BaseModel], files: dict[str, LoadedFile],
                             site_pages: frozenset[str] | None = None) -> list[Problem]:
    """Every problem that only shows when the files are read together (and with the site's
    pages, when `site_pages` lists them).

    `parts` holds the files that validated (by file key), `files` every file that parsed.
    """
    problems: list[Problem] = []

    def report(file_key: str, path: tuple, message: str, at_key: bool = False) -> None:
        loaded = files[file_key]
        position = loaded.key_position_of(path) if at_key else loaded.position_of(path)
        problems.append(Problem(position, format_path(path), message))

    context = Context(parts, files, [(key, path, record) for key, part in parts.items()
                                     for path, record, _owner in walk(part)], site_pages)
    for needs, check in _RULES:
        if all(name in parts for name in needs):
            check(context, report)
    return problems


def unknown(what: str, value: str, known: set[str]) -> str:
    """'unknown citation 'x'; did you mean 'y'? (expected one of: ...)'."""
    message = f"unknown {what} '{value}'"
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    if guess:
        message += f"; did you mean '{guess[0]}'?"
    return message + f" (expected one of: {', '.join(sorted(known))})"


@rule()
def ids_are_unique(context: Context, report: Report) -> None:
    # Ids are page anchors; ids on different pages could share a value, but one namespace
    # keeps every link and search result unambiguous.
    seen: dict[str, tuple[str, tuple]] = {}
    for file_key, path, record in context.records:
        if not isinstance(record, Linkable):
            continue
        for offset, anchor in enumerate([record.id, *record.aliases]):
            where = path + (("id",) if offset == 0 else ("aliases", offset - 1))
            if anchor in seen:
                first_file, first_path = seen[anchor]
                first = context.files[first_file].position_of(first_path)
                report(file_key, where, f"duplicate id '{anchor}': already used at {first} "
                                        "(ids are link anchors and must be unique across the guide)")
            else:
                seen[anchor] = (file_key, where)


def _citations(context: Context) -> Iterator[tuple[str, tuple, str]]:
    for file_key, path, record in context.records:
        if isinstance(record, CitedParagraph):
            for i, ref in enumerate(record.cites):
                yield file_key, path + ("cites", i), ref


@rule("references")
def citations_resolve(context: Context, report: Report) -> None:
    known = {r.id for r in context.parts["references"].references}
    for file_key, path, ref in _citations(context):
        if ref not in known:
            report(file_key, path, unknown("citation", ref, known))


def _raw_cites(node: object) -> Iterator[str]:
    """Citation keys in a file that parsed but did not validate (read from its plain data)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cites" and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from _raw_cites(value)
    elif isinstance(node, list):
        for item in node:
            yield from _raw_cites(item)


@rule("references")
def every_reference_is_cited(context: Context, report: Report) -> None:
    # A file that did not parse may hold the only citation of a reference: saying "never
    # cited" then would send the editor after a problem that is not there.
    if any(key not in context.files for key in FILE_MODELS):
        return
    cited = {ref for _file, _path, ref in _citations(context)}
    for key, loaded in context.files.items():
        if key not in context.parts:
            cited.update(_raw_cites(loaded.data))
    for i, ref in enumerate(context.parts["references"].references):
        if ref.id not in cited:
            report("references", ("references", i, "id"),
                   f"reference '{ref.id}' is never cited; cite it with `cites: [{ref.id}]` or remove it")


@rule("programming", "variations")
def progression_names_existing_variations(context: Context, report: Report) -> None:
    known = {v.id for v in context.parts["variations"].variations}
    for i, step in enumerate(context.parts["programming"].progression.steps):
        for j, variation in enumerate(step.variations):
            if variation not in known:
                report("programming", ("progression", "steps", i, "variations", j),
                       unknown("variation", variation, known))


@rule("faq", "programming")
def faq_shows_an_existing_table(context: Context, report: Report) -> None:
    showable = context.parts["programming"].guidelines.id
    for i, faq in enumerate(context.parts["faq"].faqs):
        if faq.shows is not None and faq.shows != showable:
            report("faq", ("faqs", i, "shows"), unknown("table", faq.shows, {showable}))


# Checklists list cues and tips (technique), mistakes and progression and session items
# (programming): without those files validated, every item would look unknown.
@rule("checklists", "technique", "mistakes", "programming")
def checklist_items_exist(context: Context, report: Report) -> None:
    records = _records_by_id(context.parts.values())
    for path, message in _checklist_problems(context.parts["checklists"], records):
        report("checklists", path, message)


@rule("guide")
def every_page_has_a_preview(context: Context, report: Report) -> None:
    # A misspelt page path would otherwise be ignored and its page would go out without
    # the description a shared link shows.
    if context.site_pages is None:
        return
    previews = context.parts["guide"].pages
    for page in previews:
        if page not in context.site_pages:
            report("guide", ("pages", page), unknown("page", page, set(context.site_pages)),
                   at_key=True)
    for page in sorted(context.site_pages - previews.keys()):
        report("guide", ("pages",), f"no entry for page '{page}' (docs/{page}): give it a description, "
                                    "and a title if its heading is not what a shared link should show", at_key=True)


# Links between records (a paragraph's linked words, a correction's corrected place) name
# ids anywhere in the guide: checked once every file validated, else any id could look unknown.
@rule(*FILE_MODELS)
def record_links_resolve(context: Context, report: Report) -> None:
    known = set(_records_by_id(context.parts.values()))
    for file_key, path, record in context.records:
        if isinstance(record, CitedParagraph):
            for i, link in enumerate(record.links):
                if link.text not in record.text:
                    report(file_key, path + ("links", i, "text"),
                           f"'{link.text}' is not in the paragraph's text; link words it has, as written")
                if link.to not in known:
                    report(file_key, path + ("links", i, "to"), unknown("id", link.to, known))
        elif isinstance(record, Correction) and record.at is not None and record.at not in known:
            report(file_key, path + ("at",), unknown("id", record.at, known))
