"""Load every data file, validate it against the model and the cross-file rules.

`load_guide` is the one entry point: it returns a Guide or raises DataError listing
every problem (file:line:column field: message), never just the first. Each file is
validated on its own, and the cross-file rules then run over every file that passed,
so one broken file does not hide the problems of the others.
"""

from __future__ import annotations

import difflib
import functools
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .checks import cross_reference_problems
from .loading import DataError, LoadedFile, Problem, format_path, parse_yaml, read_text
from .model import FILE_MODELS, ID_PATTERN, Guide

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            type(None): "nothing (an empty value)"}.get(type(value), type(value).__name__)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the field at `loc` (for listing expected field names)."""
    current: object = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _pattern_message(pattern: str, value: object) -> str:
    if pattern == ID_PATTERN:
        return (f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, "
                "starting with a letter (e.g. step-set-up)")
    if pattern.startswith("^10"):
        return f"'{value}' is not a DOI: expected the bare DOI, e.g. 10.1519/JSC.0000000000000000"
    if pattern.startswith("^https"):
        return f"'{value}' is not a web address: expected a full https:// URL"
    return f"'{value}' does not match the pattern {pattern}"


def _existing(loaded: LoadedFile, loc: tuple) -> tuple:
    """`loc` cut back to what the file holds: a paragraph given as plain text is validated
    as {text: ...}, but the editor wrote no `text` key."""
    while loc and loc not in loaded.value_positions:
        loc = loc[:-1]
    return loc


def _message(item: dict, model: type[BaseModel], loaded: LoadedFile) -> Problem:
    """One pydantic error as a located, plain-words problem."""
    loc = tuple(item["loc"])
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    if kind not in ("missing", "extra_forbidden"):
        loc = _existing(loaded, loc)
    position = loaded.position_of(loc)
    if kind == "missing":
        position = loaded.position_of(loc[:-1])
        owner = _model_at(model, loc[:-1])
        message = f"required field '{loc[-1]}' is missing"
        if owner is not None:
            message += f" (fields here: {', '.join(owner.model_fields)})"
    elif kind == "extra_forbidden":
        position = loaded.key_position_of(loc)
        owner = _model_at(model, loc[:-1])
        message = f"unknown field '{loc[-1]}'"
        guess = _guess_field(owner, str(loc[-1]), _present_keys(loaded, loc[:-1])) if owner else None
        if guess:
            message += f"; did you mean '{guess}'?"
        elif owner:
            message += f"; expected one of: {', '.join(owner.model_fields)}"
    elif kind in _TYPE_NAMES:
        message = f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}"
    elif kind == "literal_error":
        allowed = [a.strip().strip("'") for a in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        message = f"expected one of: {', '.join(allowed)}; got {value!r}" if isinstance(value, str) \
            else f"expected one of: {', '.join(allowed)}; got {_describe(value)}"
        guess = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6) if isinstance(value, str) else []
        if guess:
            message += f"; did you mean '{guess[0]}'?"
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(ctx.get("pattern", ""), value)
    elif kind == "string_too_short":
        message = "expected text, got an empty string"
    elif kind == "too_short":
        message = "expected at least one item, got an empty list"
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = f"{value} is out of range: {item['msg'].removeprefix('Input should be ')}"
    else:
        message = item["msg"].removeprefix("Value error, ")
    return Problem(position, format_path(loc), message)


def _guess_field(owner: type[BaseModel], key: str, present: set) -> str | None:
    """The field a misspelled key was meant to be: a close match among the fields not
    given, a missing required one first (renaming `reps` to `rpes` also loses `reps`)."""
    absent = [name for name in owner.model_fields if name not in present]
    close = difflib.get_close_matches(key, absent, n=3, cutoff=0.6)
    required = [name for name in close if owner.model_fields[name].is_required()]
    return (required or close or [None])[0]


def _present_keys(loaded: LoadedFile, path: tuple) -> set:
    """The keys the mapping at `path` actually has (so did-you-mean offers only absent fields)."""
    node: object = loaded.data
    for part in path:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


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
                                      f"got {_describe(loaded.data)}"),)
    try:
        return loaded, model.model_validate(loaded.data), ()
    except ValidationError as exc:
        return loaded, None, tuple(_message(item, model, loaded) for item in exc.errors())


def load_guide(data_dir: Path | str) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all problems."""
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
    problems.extend(cross_reference_problems(validated, files))
    if problems:
        raise DataError(problems)
    return Guide(**validated)
