"""Load every data file, validate it against the model and the cross-file rules.

`load_guide` is the one entry point: it returns a Guide or raises DataError listing
every problem (file:line:column field: message), never just the first. Each file is
validated on its own, and the cross-file rules then run over every file that passed,
so one broken file does not hide the problems of the others.
"""

from __future__ import annotations

import difflib
import math
import functools
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import printfit
from .checks import cross_reference_problems
from .components import CHECKLIST_KINDS
from .loading import DataError, LoadedFile, Position, Problem, format_path, ordinal, parse_yaml, read_text, shown
from .messages import describe, guess, problems_from
from .model import FILE_MODELS, Guide, Linkable, records_by_id, walk


@functools.lru_cache(maxsize=64)
def _check_file(key: str, label: str, text: str) -> tuple[LoadedFile | None, BaseModel | None, tuple[Problem, ...]]:
    """Parse and validate one file's text. Memoized on the text: `mkdocs serve` rebuilds
    after every edit, and usually only one file has changed."""
    try:
        loaded = parse_yaml(text, label)
    except DataError as exc:
        return None, None, tuple(exc.problems)
    model = FILE_MODELS[key]
    if not isinstance(loaded.data, dict):
        return loaded, None, (Problem(loaded.position_of(()), "",
                                      f"expected a mapping of fields ({', '.join(model.model_fields)}), "
                                      f"got {describe(loaded.data)}"),)
    try:
        return loaded, model.model_validate(loaded.data), ()
    except ValidationError as exc:
        return loaded, None, tuple(problems_from(exc.errors(), model, loaded))


def site_pages(docs_dir: Path | str) -> dict[str, str]:
    """The site's pages: every Markdown file under `docs_dir` (its path relative to it) and
    its text, which the cross-file rules read for headings and checklist calls."""
    docs_dir = Path(docs_dir)
    return {path.relative_to(docs_dir).as_posix(): read_text(path, f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}",
                                                             root=docs_dir)
            for path in sorted(docs_dir.rglob("*.md"))}


MANIFEST = "links.lock"
# What data/ may hold besides the data files: the link manifest and the generated
# schemas. Names starting with "." (editor backups, .DS_Store) are not data.
_OTHER_ENTRIES = {MANIFEST: "file", "schema": "folder"}
# A manifest line: a site path with an optional #anchor, e.g. /mistakes/#overextending.
_ADDRESS = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*(?:#[a-z][a-z0-9]*(?:-[a-z0-9]+)*)?$")


def _folder_problems(data_dir: Path) -> list[Problem]:
    """data/ itself, and every entry in it that is not a data file, the manifest or schema/."""
    label = data_dir.name
    if not data_dir.is_dir():
        return [Problem(Position(label, 1, 1), "", "the data folder is missing (or is not a folder)")]
    expected = {f"{key}.yml" for key in FILE_MODELS} | set(_OTHER_ENTRIES)
    problems = []
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in expected:
            continue
        message = f"unexpected {'folder' if entry.is_dir() else 'file'} '{shown(entry.name)}' in the data folder"
        guess = difflib.get_close_matches(entry.name, sorted(expected), n=1, cutoff=0.6)
        message += (f"; did you mean '{guess[0]}'?" if guess else
                    f"; it holds only {', '.join(sorted(expected))}")
        problems.append(Problem(Position(f"{label}/{shown(entry.name)}", 1, 1), "", message))
    schema = data_dir / "schema"
    if schema.exists() and (schema.is_symlink() or not schema.is_dir()):
        problems.append(Problem(Position(f"{label}/schema", 1, 1), "", "must be a folder (the generated JSON Schemas)"))
    return problems


def read_manifest(data_dir: Path | str) -> list[str]:
    """The link manifest's addresses (data/links.lock), in file order; none if there is no
    manifest yet. DataError, located, for a file that cannot be read or a malformed line."""
    return [address for address, _line in manifest_lines(data_dir)]


def manifest_lines(data_dir: Path | str) -> list[tuple[str, int]]:
    """The link manifest's addresses with the line each is on (see read_manifest)."""
    data_dir = Path(data_dir)
    path = data_dir / MANIFEST
    if not path.exists() and not path.is_symlink():
        return []
    label = f"{data_dir.name}/{MANIFEST}"
    text = read_text(path, label, root=data_dir)
    addresses, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        address = line.strip()
        if not address or address.startswith("#"):
            continue
        if not _ADDRESS.match(address):
            column = len(line) - len(line.lstrip()) + 1
            problems.append(Problem(Position(label, number, column), "",
                                    f"'{shown(address)}' is not a site address such as /mistakes/#an-id; "
                                    "regenerate the file with `make links-lock`"))
        addresses.append((address, number))
    if problems:
        raise DataError(problems)
    return addresses


def load_guide(data_dir: Path | str, pages: dict[str, str] | None = None, check_manifest: bool = True) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all
    problems. With `pages` (see `site_pages`), guide.yml `pages:` must describe exactly those.
    With `check_manifest`, ids must match the link manifest (see `manifest_problems`);
    `make links-lock` turns that off for the build it reads the new addresses from."""
    data_dir = Path(data_dir)
    problems: list[Problem] = _folder_problems(data_dir)
    if problems and not data_dir.is_dir():
        raise DataError(problems)
    try:
        read_manifest(data_dir)
    except DataError as exc:
        problems.extend(exc.problems)
    files: dict[str, LoadedFile] = {}
    validated: dict[str, BaseModel] = {}
    for key in FILE_MODELS:
        label = f"{data_dir.name}/{key}.yml"
        try:
            text = read_text(data_dir / f"{key}.yml", label, root=data_dir)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        loaded, record, file_problems = _check_file(key, label, text)
        problems.extend(file_problems)
        if loaded is not None:
            files[key] = loaded
        if record is not None:
            validated[key] = record
    problems.extend(cross_reference_problems(validated, files, pages))
    if problems:
        raise DataError(problems)
    guide = Guide(**validated)
    problems = print_fit_problems(guide, files["checklists"])
    if check_manifest:
        problems += manifest_problems(guide, files, data_dir, pages)
    if problems:
        raise DataError(problems)
    return guide


def print_fit_problems(guide: Guide, checklists_file: LoadedFile) -> list[Problem]:
    """Each checklist whose estimated printed height (printfit) exceeds one portrait page,
    located at its `items`: by how many lines, which items take the most room, and the
    changes that would still help (a layout already set is not suggested again)."""
    records = records_by_id(guide)
    problems = []
    for i, checklist in enumerate(guide.checklists.checklists):
        fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist, records)
        if fit.fits:
            continue
        kind = CHECKLIST_KINDS[checklist.kind]
        line = printfit.line(printfit.TEXT_SIZE[checklist.paper.text])
        over = math.ceil((fit.height - fit.capacity) / line)
        # What each item costs: the sheet's height with and without it, in printed lines.
        costs = []
        for j, item in enumerate(checklist.items):
            rest = checklist.model_copy(update={"items": checklist.items[:j] + checklist.items[j + 1:]})
            costs.append((fit.height - kind.print_fit(guide, rest, records).height, j, item))
        longest = sorted(costs, reverse=True)[:3]
        named = ", ".join(f"'{item}' ({ordinal(j + 1)} item, about {math.ceil(cost / line)} lines)"
                          for cost, j, item in longest)
        remedies = [f"shorten the words of its items by about {over} printed line{'s' if over > 1 else ''} "
                    f"in all (the longest: {named})", "list fewer items"]
        denser = {name: value for name, value in (("columns", 2), ("text", "small"))
                  if getattr(checklist.paper, name) != value}
        if denser:
            remedies.append("make its layout denser (paper: {" + ", ".join(f"{k}: {v}" for k, v in denser.items()) + "})")
        path = ("checklists", i, "items")
        problems.append(Problem(checklists_file.position_of(path), format_path(path),
                                f"checklist '{checklist.id}' no longer fits on one printed page: about {over} "
                                f"line{'s' if over > 1 else ''} too long (its estimated height is {fit.share:.0%} "
                                "of a portrait A4/US Letter page); " + "; or ".join(remedies)))
    return problems

REGENERATE = "make links-lock"
DROP = "make links-lock DROP=1"


def _anchored_ids(guide: Guide) -> dict[str, tuple[str, tuple, str, str]]:
    """Every id and alias a reader can link to: {id: (file key, field path, page address, id it names)}."""
    from .components import Pages, address_of  # the registry imports the model, not the rules

    pages = Pages(guide)
    found = {}
    for key in FILE_MODELS:
        for path, record, _owner in walk(getattr(guide, key)):
            if not isinstance(record, Linkable):
                continue
            try:
                address = "/" + address_of(pages.of(record.id))
            except KeyError:  # shown on no page: no address to promise
                continue
            found.setdefault(record.id, (key, path + ("id",), address, record.id))
            for i, alias in enumerate(record.aliases):
                found.setdefault(alias, (key, path + ("aliases", i), address, record.id))
    return found


def manifest_problems(guide: Guide, files: dict[str, LoadedFile], data_dir: Path,
                      pages: dict[str, str] | None = None) -> list[Problem]:
    """The link manifest (data/links.lock) against the ids in data/, so `make check-data`
    says what the link tests would only say after a build:

    - an id with no address in the manifest is new: run `make links-lock`;
    - an anchor in the manifest that names no id any more (checked when the site's `pages`
      are known, so a heading's own id is not taken for a vanished one) is a link that
      would break: keep the old id in `aliases:`, or drop it with `make links-lock DROP=1`.

    A rename without an alias gives both; they are one problem, reported at the new id.
    Nothing is checked before there is a manifest."""
    from .checks import RESERVED_ID_PREFIXES, Context, _page_heading_ids

    lines = manifest_lines(data_dir)
    if not lines:
        return []
    label = f"{data_dir.name}/{MANIFEST}"
    listed = {address for address, _line in lines}
    anchored = _anchored_ids(guide)
    new = {anchor: where for anchor, where in anchored.items() if f"{where[2]}#{anchor}" not in listed}
    problems: list[Problem] = []
    if pages is not None:
        headings = _page_heading_ids(Context({key: getattr(guide, key) for key in FILE_MODELS}, files, [], pages))
        for address, line in lines:
            page, _, anchor = address.partition("#")
            if not anchor or anchor in anchored or anchor in headings or anchor.startswith(RESERVED_ID_PREFIXES):
                continue
            on_page = sorted(a for a, where in new.items() if where[2] == page and a == where[3])
            renamed = guess(anchor, on_page) or (on_page[0] if len(on_page) == 1 else None)
            if renamed is not None:
                key, path, _page, _id = new.pop(renamed)
                problems.append(Problem(
                    files[key].position_of(path), format_path(path),
                    f"'{renamed}' replaces '{anchor}'? {address} is in {label} and would no longer land: keep "
                    f"the old link working with `aliases: [{anchor}]` next to `id: {renamed}`, then run "
                    f"`{REGENERATE}`; if '{anchor}' was removed on purpose, run `{DROP}`"))
                continue
            problems.append(Problem(
                Position(label, line, 1), "",
                f"{address}: no record in data/ has the id '{anchor}' any more, so this link would break; "
                f"if you renamed it, keep the old link working with `aliases: [{anchor}]` next to the new id; "
                f"if you removed it on purpose, run `{DROP}`"))
    for anchor, (key, path, page, _id) in new.items():
        problems.append(Problem(
            files[key].position_of(path), format_path(path),
            f"'{anchor}' is new: its address {page}#{anchor} is not in {label} yet; run `{REGENERATE}` "
            f"and commit {label}"))
    return problems
