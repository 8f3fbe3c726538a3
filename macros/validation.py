"""Load every data file, validate it against the model and the cross-file rules.

`load_guide` is the one entry point: it returns a Guide or raises DataError listing
every problem (file:line:column field: message), never just the first.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .checks import cross_reference_problems
from .loading import DataError, LoadedFile, Problem, format_path, load_file
from .model import FILE_MODELS, Guide

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
            type(None): "nothing (empty)"}.get(type(value), type(value).__name__)


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
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _problems_from(error: ValidationError, model: type[BaseModel], loaded: LoadedFile) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "missing":
            position = loaded.position_of(loc[:-1])
            owner = _model_at(model, loc[:-1])
            message = f"required field '{loc[-1]}' is missing"
            if owner is not None:
                message += f" (fields here: {', '.join(owner.model_fields)})"
        elif kind == "extra_forbidden":
            position = loaded.key_position_of(loc)
            owner = _model_at(model, loc[:-1])
            expected = list(owner.model_fields) if owner else []
            message = f"unknown field '{loc[-1]}'"
            guess = difflib.get_close_matches(str(loc[-1]), expected, n=1, cutoff=0.6)
            if guess:
                message += f"; did you mean '{guess[0]}'?"
            elif expected:
                message += f"; expected one of: {', '.join(expected)}"
        elif kind in _TYPE_NAMES:
            position = loaded.position_of(loc)
            message = f"expected {_TYPE_NAMES[kind]}, got {_describe(item.get('input'))}"
        elif kind == "string_pattern_mismatch" and loc[-1] in ("id", "aliases", "cites", "variations", "shows") or (
            kind == "string_pattern_mismatch" and isinstance(loc[-1], int)
        ):
            position = loaded.position_of(loc)
            message = (f"'{item.get('input')}' is not a valid id: use lowercase letters, digits and "
                       "single hyphens, starting with a letter (e.g. step-set-up)")
        else:
            position = loaded.position_of(loc)
            message = item["msg"].removeprefix("Value error, ")
        problems.append(Problem(position, format_path(loc), message))
    return problems


def load_guide(data_dir: Path | str) -> Guide:
    """Load, validate and cross-check every file in `data_dir`; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    files: dict[str, LoadedFile] = {}
    validated: dict[str, BaseModel] = {}
    for key, model in FILE_MODELS.items():
        path = data_dir / f"{key}.yml"
        label = f"{data_dir.name}/{key}.yml"
        try:
            loaded = load_file(path, label)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        files[key] = loaded
        if not isinstance(loaded.data, dict):
            problems.append(Problem(loaded.position_of(()), "", f"expected a mapping of fields, got {_describe(loaded.data)}"))
            continue
        try:
            validated[key] = model.model_validate(loaded.data)
        except ValidationError as exc:
            problems.extend(_problems_from(exc, model, loaded))
    if problems:
        raise DataError(problems)
    guide = Guide(**validated)
    problems = cross_reference_problems(guide, files)
    if problems:
        raise DataError(problems)
    return guide
