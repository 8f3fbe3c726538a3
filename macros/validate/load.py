"""Load every data file, validate it against the model and the cross-file rules.

`load_guide` is the one entry point: it returns a Guide or raises DataError listing
every problem (file:line:column field: message), never just the first. Each file is
validated on its own, and the cross-file rules then run over every file that passed,
so one broken file does not hide the problems of the others.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..data.loading import LoadedFile, parse_yaml, read_text
from ..data.model import FILE_MODELS, Guide
from ..data.problems import DataError, Position, Problem, closest_match, printable
from ..site.manifest import FILE_NAME as MANIFEST_FILE
from ..site.manifest import read_manifest
# The rules register themselves in the phases they run in (registry.py) when imported.
from . import manifest, preview_glyphs, print_fit, rules, source_fidelity  # noqa: F401
from .messages import describe_value, problems_from
from .registry import ACROSS_FILES, WHOLE_GUIDE, Context, run_rules


@functools.lru_cache(maxsize=64)
def check_file(key: str, label: str, text: str) -> tuple[LoadedFile | None, BaseModel | None, tuple[Problem, ...]]:
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
                                      f"got {describe_value(loaded.data)}"),)
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


# What data/ may hold besides the data files: the link manifest, the generated
# schemas and the source text (source_fidelity.py). Names starting with "." (editor backups, .DS_Store) are not data.
_OTHER_ENTRIES = {MANIFEST_FILE: "file", "schema": "folder", source_fidelity.FILE_NAME: "file"}
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
        message = f"unexpected {'folder' if entry.is_dir() else 'file'} '{printable(entry.name)}' in the data folder"
        meant = closest_match(entry.name, sorted(expected))
        message += (f"; did you mean '{meant}'?" if meant else
                    f"; it holds only {', '.join(sorted(expected))}")
        problems.append(Problem(Position(f"{label}/{printable(entry.name)}", 1, 1), "", message))
    schema = data_dir / "schema"
    if schema.exists() and (schema.is_symlink() or not schema.is_dir()):
        problems.append(Problem(Position(f"{label}/schema", 1, 1), "", "must be a folder (the generated JSON Schemas)"))
    return problems


def load_guide(data_dir: Path | str, pages: dict[str, str] | None = None, check_manifest: bool = True) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all
    problems. With `pages` (see `site_pages`), guide.yml `pages:` must describe exactly those.
    With `check_manifest`, ids must match the link manifest (see manifest.py);
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
        loaded, record, file_problems = check_file(key, label, text)
        problems.extend(file_problems)
        if loaded is not None:
            files[key] = loaded
        if record is not None:
            validated[key] = record
    context = Context.of(validated, files, pages, data_dir=data_dir, check_manifest=check_manifest)
    problems.extend(run_rules(ACROSS_FILES, context))
    if problems:
        raise DataError(problems)
    context.guide = Guide(**validated)
    problems = run_rules(WHOLE_GUIDE, context)
    if problems:
        raise DataError(problems)
    return context.guide


