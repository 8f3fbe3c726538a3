"""Load every data file, validate it against the model and the cross-file rules.

`load_guide` is the one entry point: it returns a Guide or raises DataError listing
every problem (file:line:column field: message), never just the first. Each file is
validated on its own, and the cross-file rules then run over every file that passed,
so one broken file does not hide the problems of the others.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .checks import cross_reference_problems
from .components import CHECKLIST_KINDS
from .loading import DataError, LoadedFile, Position, Problem, format_path, parse_yaml, read_text, shown
from .messages import describe, problems_from
from .model import FILE_MODELS, Guide, records_by_id


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
        addresses.append(address)
    if problems:
        raise DataError(problems)
    return addresses


def load_guide(data_dir: Path | str, pages: dict[str, str] | None = None) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all
    problems. With `pages` (see `site_pages`), guide.yml `pages:` must describe exactly those."""
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
    if problems:
        raise DataError(problems)
    return guide


def print_fit_problems(guide: Guide, checklists_file: LoadedFile) -> list[Problem]:
    """Each checklist whose estimated printed height (printfit) exceeds one portrait page,
    located at its `items`, with the changes that would still help."""
    records = records_by_id(guide)
    problems = []
    for i, checklist in enumerate(guide.checklists.checklists):
        fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist, records)
        if fit.fits:
            continue
        remedies = ["shorten the words of its items", "list fewer items"]
        denser = {name: value for name, value in (("columns", 2), ("text", "small"))
                  if getattr(checklist.paper, name) != value}
        if denser:
            remedies.append("make its layout denser (paper: {" + ", ".join(f"{k}: {v}" for k, v in denser.items()) + "})")
        path = ("checklists", i, "items")
        problems.append(Problem(checklists_file.position_of(path), format_path(path),
                                f"checklist '{checklist.id}' no longer fits on one printed page: its estimated "
                                f"height is {fit.share:.0%} of a portrait A4/US Letter page; "
                                + "; or ".join(remedies)))
    return problems
