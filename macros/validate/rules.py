"""Rules that span records and files: unique ids, citations and cross-references resolve.

Each rule names the data files it reads and runs whenever those files validated, so a
broken file elsewhere does not hide the rule's findings: an editor sees every problem
in one report.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import jinja2
from markdown.extensions.toc import slugify
from pydantic import BaseModel

from ..checklists.kinds import CHECKLIST_KINDS
from ..data.model import (FILE_MODELS, CitedParagraph, Correction, Figure, Guide, Linkable, Mistake, Step, TickChecklist, Variation,
                    records_by_id, walk)
from ..data.problems import DataError, closest_match
from ..figures.body_map import body_map_problems
from ..figures.checks import figures_problems
from ..render.environment import markdown_environment
from ..render.linked import link_spans, overlaps
from ..site.anchors import RESERVED_ID_PREFIXES
from ..site.manifest import manifest_lines
from ..site.pages import CHECKLIST_DIR
from .registry import Context, Report, rule


def _checklist_problems(checklists, records: dict[str, Linkable],
                        deleted: dict[str, str] | None = None) -> list[tuple[tuple, str]]:
    """`deleted`: anchors the link manifest still lists (id -> address): an item naming one
    names a record that was deleted, not a typo for another."""
    deleted = deleted or {}
    problems = []
    for i, checklist in enumerate(checklists.checklists):
        kind = CHECKLIST_KINDS[checklist.kind]
        allowed, described = kind.lists, kind.lists_described
        candidates = sorted(r.id for r in records.values() if isinstance(r, allowed))
        seen: set[str] = set()
        for j, item in enumerate(checklist.items):
            path = ("checklists", i, "items", j)
            record = records.get(item)
            if item in seen:
                problems.append((path, f"'{item}' is listed twice in checklist '{checklist.id}'"))
            elif record is None and item in deleted:
                problems.append((path, deleted_record(item, deleted[item], "this checklist's items")))
            elif record is None:
                problems.append((path, f"unknown item '{item}' in checklist '{checklist.id}' ({checklist.kind}): "
                                       f"expected the id of {described}, one of: {', '.join(candidates)}"))
            elif not isinstance(record, allowed):
                problems.append((path, f"'{item}' is a {type(record).__name__}, but checklist '{checklist.id}' "
                                       f"({checklist.kind}) lists {described}: one of {', '.join(candidates)}"))
            seen.add(item)
    return problems


def deleted_ids(context: Context) -> dict[str, str]:
    """The anchors the link manifest still lists (id -> address): a reference to one of them
    that no record has is to a deleted record, not a typo for another id."""
    try:
        listed = manifest_lines(context.data_dir) if context.data_dir is not None else []
    except DataError:
        listed = []  # a broken manifest is reported by its own rule
    return {address.partition("#")[2]: address for address, _line in listed if "#" in address}


def deleted_record(value: str, address: str, where: str) -> str:
    return (f"'{value}' is no longer in data/: the record was deleted (its address {address} is still in "
            f"data/links.lock); remove it from {where}, or restore the record")


def unknown_value(what: str, value: str, known: set[str]) -> str:
    """'unknown citation 'x'; did you mean 'y'? (expected one of: ...)'."""
    message = f"unknown {what} '{value}'"
    meant = closest_match(value, sorted(known))
    if meant:
        message += f"; did you mean '{meant}'?"
    return message + f" (expected one of: {', '.join(sorted(known))})"


@rule()
def ids_are_unique(context: Context, report: Report) -> None:
    # Ids are page anchors; ids on different pages could share a value, but one namespace
    # keeps every link and search result unambiguous.
    # A figure's id is in the same namespace: it names its drawing's element ids and is
    # found by the same search as any other id.
    seen: dict[str, tuple[str, tuple]] = {}
    for file_key, path, record in context.records:
        if not isinstance(record, (Linkable, Figure)):
            continue
        for offset, anchor in enumerate([record.id, *getattr(record, "aliases", [])]):
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
            report(file_key, path, unknown_value("citation", ref, known))


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
                       unknown_value("variation", variation, known))


@rule("faq", "programming")
def faq_shows_an_existing_table(context: Context, report: Report) -> None:
    showable = context.parts["programming"].guidelines.id
    for i, faq in enumerate(context.parts["faq"].faqs):
        if faq.shows is not None and faq.shows != showable:
            report("faq", ("faqs", i, "shows"), unknown_value("table", faq.shows, {showable}))


# Checklists list cues and tips (technique), mistakes and progression and session items
# (programming): without those files validated, every item would look unknown. What each
# kind may list is declared with the kind (checklists/kinds.py CHECKLIST_KINDS).
@rule("checklists", "technique", "mistakes", "programming")
def checklist_items_exist(context: Context, report: Report) -> None:
    records = records_by_id(context.parts.values())
    for path, message in _checklist_problems(context.parts["checklists"], records, deleted_ids(context)):
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
            report("guide", ("pages", page), unknown_value("page", page, set(context.site_pages)),
                   at_key=True)
    for page in sorted(set(context.site_pages) - previews.keys()):
        report("guide", ("pages",), f"no entry for page '{page}' (docs/{page}): give it a description, "
                                    "and a title if its heading is not what a shared link should show", at_key=True)


# The macro that shows each kind of checklist on its page (the registry's).
CHECKLIST_MACROS = {kind: entry.macro for kind, entry in CHECKLIST_KINDS.items()}
_KIND_OF_MACRO = {macro: kind for kind, macro in CHECKLIST_MACROS.items()}
# A macro called with one quoted argument in a docs page: {{ fault_finder("checklist-x") }}.
_MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_]+)\s*\(\s*(['\"])(.*?)\2\s*\)\s*-?\}\}")


@rule("checklists")
def checklists_match_their_pages(context: Context, report: Report) -> None:
    # Without this, a checklist renamed (or its kind changed) while its page still calls
    # it stopped the build with a traceback that `make check-data` never showed.
    if context.site_pages is None:
        return
    checklists = context.parts["checklists"].checklists
    by_id = {c.id: c for c in checklists}
    shown_on: dict[str, str] = {}
    for page, text in sorted(context.site_pages.items()):
        calls = [m for m in _MACRO_CALL.finditer(text) if m.group(1) in _KIND_OF_MACRO]
        for n, call in enumerate(calls):
            macro, checklist_id = call.group(1), call.group(3)
            checklist = by_id.get(checklist_id)
            if n > 0:
                context.report_page(page, text, call.start(), f"a second checklist on this page ('{checklist_id}'): "
                                                              "each checklist has a page of its own, printed as one sheet")
            elif checklist is None:
                context.report_page(page, text, call.start(), unknown_value("checklist", checklist_id, set(by_id)))
            elif checklist.kind != _KIND_OF_MACRO[macro]:
                context.report_page(page, text, call.start(),
                                    f"checklist '{checklist_id}' is a {checklist.kind} checklist: show it with "
                                    f"{{{{ {CHECKLIST_MACROS[checklist.kind]}(\"{checklist_id}\") }}}}")
            else:
                shown_on[checklist_id] = page
    folder = CHECKLIST_DIR + "/"
    pages = {page.removeprefix(folder) for page in context.site_pages if page.startswith(folder)}
    for i, checklist in enumerate(checklists):
        where = ("checklists", i, "page")
        if checklist.page not in pages:
            report("checklists", where, unknown_value(f"page in docs/{folder}", checklist.page, pages))
        elif shown_on.get(checklist.id) != folder + checklist.page:
            call = f'{{{{ {CHECKLIST_MACROS[checklist.kind]}("{checklist.id}") }}}}'
            elsewhere = shown_on.get(checklist.id)
            report("checklists", where, f"docs/{folder}{checklist.page} does not show checklist '{checklist.id}'"
                                        + (f" (docs/{elsewhere} does)" if elsewhere else "") + f": put {call} on it")


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
_EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_:.-]+)[^}]*\}\s*$")


def _page_headings(context: Context) -> Iterator[tuple[str, str, int]]:
    """(id, page, line) of every heading written in a docs page, in page order. A heading
    made from data ({{ guide.technique.title | md }}) is rendered from the validated data."""
    guide = Guide(**context.parts) if set(context.parts) == set(FILE_MODELS) else None
    environment = markdown_environment()
    for page, text in sorted((context.site_pages or {}).items()):
        for match in _HEADING.finditer(text):
            heading, line = match.group(2), text.count("\n", 0, match.start()) + 1
            explicit = _EXPLICIT_ID.search(heading)
            if explicit:
                yield explicit.group(1), page, line
                continue
            if "{{" in heading or "{%" in heading:
                if guide is None:
                    continue
                try:
                    heading = environment.from_string(heading).render(guide=guide)
                except jinja2.TemplateError:
                    continue
            plain = html.unescape(re.sub(r"\\(.)", r"\1", heading)).replace("*", "").replace("`", "")
            yield slugify(plain, "-"), page, line


def page_heading_ids(context: Context) -> dict[str, tuple[str, int]]:
    """The id of every heading written in a docs page: {id: (first page, line)}."""
    found: dict[str, tuple[str, int]] = {}
    for anchor, page, line in _page_headings(context):
        found.setdefault(anchor, (page, line))
    return found


def page_heading_pages(context: Context) -> dict[str, set[str]]:
    """The docs pages each heading id is written on: {id: {page, ...}} (a heading such as
    "Summary" may be on several)."""
    found: dict[str, set[str]] = {}
    for anchor, page, _line in _page_headings(context):
        found.setdefault(anchor, set()).add(page)
    return found


@rule()
def ids_leave_room_for_the_sites_own_anchors(context: Context, report: Report) -> None:
    # Two elements with one id: a link lands on whichever comes first, and the permalink
    # of the other never works.
    headings = page_heading_ids(context) if context.site_pages is not None else {}
    for file_key, path, record in context.records:
        if not isinstance(record, Linkable):
            continue
        for offset, anchor in enumerate([record.id, *record.aliases]):
            where = path + (("id",) if offset == 0 else ("aliases", offset - 1))
            prefix = next((p for p in RESERVED_ID_PREFIXES if anchor.startswith(p)), None)
            if prefix:
                report(file_key, where, f"'{anchor}': ids starting with '{prefix}' are kept for the anchors the "
                                        "site makes itself (citations, link-page sections); choose another id")
            elif anchor in headings:
                page, line = headings[anchor]
                report(file_key, where, f"'{anchor}' is already the id of a heading in docs/{page} (line {line}); "
                                        "ids are link anchors and must be unique: choose another id")


# Links between records (a paragraph's linked words, a correction's corrected place) name
# ids anywhere in the guide: checked once every file validated, else any id could look unknown.
@rule(*FILE_MODELS)
def record_links_resolve(context: Context, report: Report) -> None:
    known = set(records_by_id(context.parts.values()))
    for file_key, path, record in context.records:
        if isinstance(record, CitedParagraph):
            spans = link_spans(record.text, [link.text for link in record.links])
            for first, later in overlaps(spans):
                words = record.links[first.index].text
                report(file_key, path + ("links", later.index, "text"),
                       f"'{record.links[later.index].text}' overlaps '{words}' (link {first.index + 1}) where "
                       "both first occur in the text; one word can be one link: shorten one phrase")
            for i, (link, span) in enumerate(zip(record.links, spans)):
                if span is None:
                    report(file_key, path + ("links", i, "text"),
                           f"'{link.text}' is not in the paragraph's text; link words it has, as written")
                if link.to not in known:
                    report(file_key, path + ("links", i, "to"), unknown_value("id", link.to, known))
        elif isinstance(record, Correction) and record.at is not None and record.at not in known:
            report(file_key, path + ("at",), unknown_value("id", record.at, known))


# The search glossary (data/search.yml, used by postbuild/search_index.py) --------------------
def _words_of(record: BaseModel) -> str:
    """Every string a record and the records nested in it hold, lower-cased, one line."""
    strings = []
    for _path, part, _owner in walk(record):
        for name in type(part).model_fields:
            value = getattr(part, name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    strings.append(item)
    return " ".join(strings).lower()


@rule("search")
def search_terms_resolve(context: Context, report: Report) -> None:
    # Each term leads to records that exist and say, in their own words, what it means:
    # the glossary maps readers' words onto the guide, never onto words it does not use.
    records = {record.id: record for key, _path, record in context.records
               if key != "search" and isinstance(record, Linkable)}
    complete = all(key in context.parts for key in FILE_MODELS)
    words: dict[str, str] = {}  # a record's words, gathered once however many terms name it
    for i, term in enumerate(context.parts["search"].terms):
        seen: set[str] = set()
        for j, target in enumerate(term.at):
            path = ("terms", i, "at", j)
            if target in seen:
                # The About page links each listed record: one id twice is one link twice.
                report("search", path, f"'{target}' is listed twice; list each record once")
                continue
            seen.add(target)
            record = records.get(target)
            if record is None and not complete:
                continue  # it may be in a file that did not validate: that file's problems say why
            if record is None:
                meant = closest_match(target, sorted(records))
                report("search", path, f"unknown id '{target}'" + (f"; did you mean '{meant}'?" if meant else "")
                       + " (expected the id of a record in data/, e.g. a muscle, a cue or a safety tip)")
            elif term.means.lower() not in (words.get(target) or words.setdefault(target, _words_of(record))):
                report("search", path, f"'{target}' does not say '{term.means}': list a record whose "
                                       f"text uses the guide's term, or correct `means`")


# Figures (data/figures.yml) ------------------------------------------------------
# What a figure may be shown with: the components that own a position the source describes.
FIGURE_PLACES = (Step, Mistake, Variation, TickChecklist)
_PLACES_DESCRIBED = "a technique step, a mistake, a variation or a tick checklist"


@rule("figures", "technique", "mistakes", "variations", "checklists")
def figures_are_placed_where_they_belong(context: Context, report: Report) -> None:
    # A figure named at a missing record would silently never show; at a cue or a muscle it
    # would have no component to draw it.
    records = records_by_id(context.parts[key] for key in ("technique", "mistakes", "variations", "checklists"))
    places = {r.id for r in records.values() if isinstance(r, FIGURE_PLACES)}
    deleted = deleted_ids(context)
    for i, figure in enumerate(context.parts["figures"].figures):
        seen: set[str] = set()
        for j, place in enumerate(figure.at):
            path = ("figures", i, "at", j)
            record = records.get(place)
            if record is None and place in deleted:
                report("figures", path, deleted_record(place, deleted[place], "this figure's `at:`"))
            elif record is None:
                report("figures", path, unknown_value("id", place, places))
            elif not isinstance(record, FIGURE_PLACES):
                report("figures", path, f"'{place}' is a {type(record).__name__}: a figure is shown with "
                                        f"{_PLACES_DESCRIBED} (one of: {', '.join(sorted(places))})")
            elif place in seen:
                report("figures", path, f"'{place}' is listed twice")
            seen.add(place)


@rule("figures", "muscles")
def every_muscle_is_on_the_body_map(context: Context, report: Report) -> None:
    for path, message, at_key in body_map_problems(context.parts["muscles"].muscles, context.parts["figures"].body_map):
        report("figures", path, message, at_key=at_key)


@rule("figures")
def figures_can_be_drawn(context: Context, report: Report) -> None:
    # A pose the body can take: the geometry says which number puts the foot out of reach.
    # (Ids are checked with every other id, ids_are_unique.)
    # Then the body checks (figures/checks.py): ranges of motion, collisions, contacts, claims.
    for path, message in figures_problems(context.parts["figures"]):
        report("figures", path, message)
