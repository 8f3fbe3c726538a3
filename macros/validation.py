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

from .checks import cross_reference_problems
from .loading import DataError, LoadedFile, Problem, parse_yaml, read_text
from .messages import describe, problems_from
from .model import FILE_MODELS, Guide


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


def site_pages(docs_dir: Path | str) -> frozenset[str]:
    """The site's pages: every Markdown file under `docs_dir`, as a path relative to it."""
    docs_dir = Path(docs_dir)
    return frozenset(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))


def load_guide(data_dir: Path | str, pages: frozenset[str] | None = None) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all
    problems. With `pages` (see `site_pages`), guide.yml `pages:` must describe exactly those."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    files: dict[str, LoadedFile] = {}
    validated: dict[str, BaseModel] = {}
    for key in FILE_MODELS:
        label = f"{data_dir.name}/{key}.yml"
        try:
            text = read_text(data_dir / f"{key}.yml", label)
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
    return Guide(**validated)
