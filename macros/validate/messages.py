"""Pydantic's validation errors as problems an editor can act on.

Each error becomes `file:line:column field.path: message`: located at the value (or, for
a missing field, at the mapping that lacks it), with the field path as written in the
YAML file and a message that says what was expected, with a did-you-mean when a close
match exists.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from ..data.loading import LoadedFile
from ..data.model import ID_PATTERN, invisible_character, named_character
from ..data.problems import Problem, closest_match, format_path

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


def describe_value(value: object) -> str:
    """What an editor wrote, in words: 'text', 'a list', 'nothing (an empty value)'."""
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            type(None): "nothing (an empty value)"}.get(type(value), type(value).__name__)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    """Every model an annotation may hold (one, or the members of a union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _tags(model: type[BaseModel]) -> set:
    """The literal values that pick `model` out of a discriminated union."""
    return {value for field in model.model_fields.values()
            if typing.get_origin(field.annotation) is typing.Literal for value in typing.get_args(field.annotation)}


def _child(node: object, part: object) -> object:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


def _is_mapping(annotation: object) -> bool:
    """A dict keyed by data (possibly optional): its keys are not field names."""
    if typing.get_origin(annotation) is dict:
        return True
    return any(_is_mapping(arg) for arg in typing.get_args(annotation) if arg is not type(None))


class _Walk:
    """A pydantic error location followed through the models and the file's data at once.

    Pydantic puts a discriminated union's tag into the location
    (checklists[0].ticks.title); the editor wrote no such key, so it is dropped from the
    path and used to pick the model instead.
    """

    def __init__(self, model: type[BaseModel], loaded: LoadedFile, loc: tuple):
        self.candidates: list[type[BaseModel]] = [model]
        self.path: tuple = ()
        keyed = False  # the next part is a key chosen by the editor (a page path), not a field
        node: object = loaded.data
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(part, int) or keyed:
                self.path += (part,)
                node = _child(node, part)
                keyed = False
                continue
            tagged = [m for m in self.candidates if part in _tags(m)]
            if len(self.candidates) > 1 and tagged and not (isinstance(node, dict) and part in node):
                self.candidates = tagged
                continue
            self.path += (part,)
            if not last:
                owner = next((m for m in self.candidates if part in m.model_fields), None)
                annotation = owner.model_fields[part].annotation if owner else None
                self.candidates = _models_in(annotation)
                keyed = _is_mapping(annotation)
            node = _child(node, part)
        self.node = node

    @property
    def owner(self) -> type[BaseModel] | None:
        """The model whose field the location names (the first, for an undecided union)."""
        return self.candidates[0] if self.candidates else None


def _existing(loaded: LoadedFile, path: tuple) -> tuple:
    """`path` cut back to what the file holds: a paragraph given as plain text is
    validated as {text: ...}, but the editor wrote no `text` key."""
    while path and path not in loaded.value_positions:
        path = path[:-1]
    return path


def _present_keys(loaded: LoadedFile, path: tuple) -> set:
    node: object = loaded.data
    for part in path:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


def _unknown_field(loaded: LoadedFile, path: tuple, models: list[type[BaseModel]],
                   renamed: set[tuple] | None = None) -> Problem:
    key = str(path[-1])
    present = _present_keys(loaded, path[:-1])
    fields = list(dict.fromkeys(name for model in models for name in model.model_fields))
    # Renaming `reps` to `rpes` also loses `reps`: a missing required field is the best guess.
    required = {name for model in models for name, field in model.model_fields.items() if field.is_required()}
    meant = closest_match(key, [name for name in fields if name not in present], required - present)
    message = f"unknown field '{key}'"
    hidden = invisible_character(key)
    if hidden is not None:
        # A byte-order mark or zero-width space pasted into a key: the message says which.
        meant = closest_match("".join(ch for ch in key if invisible_character(ch) is None), fields) or meant
        message += f" (it holds an invisible character, {named_character(hidden)}: delete it and retype the key)"
    message += f"; did you mean '{meant}'?" if meant else f"; expected one of: {', '.join(fields)}"
    if meant and renamed is not None:
        renamed.add(path[:-1] + (meant,))
    return Problem(loaded.key_position_of(path), format_path(path), message)


def _prose_read_as_a_field(loaded: LoadedFile, path: tuple) -> Problem | None:
    """A list item like `- Tip: you can...`: text with ': ' in it, which YAML reads as a field
    named 'Tip'. Only a one-key mapping whose key reads as words (a capital or a space, where
    every field name of ours is lowercase_with_underscores) and whose value is text."""
    node: object = loaded.data
    for part in path:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    if not (isinstance(node, dict) and len(node) == 1):
        return None
    [(key, value)] = node.items()
    if not (isinstance(key, str) and isinstance(value, str) and (key[:1].isupper() or " " in key.strip())):
        return None
    shown = f"{key}: {value}"
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return Problem(loaded.key_position_of(path + (key,)), format_path(path),
                   f"this text reads as a field named '{key}' because of the ': ' after '{key}'; to keep it "
                   f"as text, put it in quotes: \"{shown}\"")


def _pattern_message(pattern: str, value: object) -> str:
    if pattern == ID_PATTERN:
        return (f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, "
                "starting with a letter (e.g. step-set-up)")
    if pattern.startswith("^10"):
        return f"'{value}' is not a DOI: expected the bare DOI, e.g. 10.1519/JSC.0000000000000000"
    if pattern.startswith("^https"):
        return f"'{value}' is not a web address: expected a full https:// URL"
    return f"'{value}' does not match the pattern {pattern}"


def _one_of(allowed: list[str], value: object) -> str:
    got = repr(value) if isinstance(value, str) else describe_value(value)
    message = f"expected one of: {', '.join(allowed)}; got {got}"
    meant = closest_match(value, allowed) if isinstance(value, str) else None
    return message + (f"; did you mean '{meant}'?" if meant else "")


def _literals(expected: str) -> list[str]:
    """"'a', 'b' or 'c'" -> ['a', 'b', 'c']"""
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def problems_from(errors: list[dict], model: type[BaseModel], loaded: LoadedFile) -> list[Problem]:
    """Every pydantic error of one file as located problems (one error may give several)."""
    problems: list[Problem] = []
    # A misspelt key also leaves the field it names missing: one problem, one message, so
    # the "required field is missing" of a field an unknown key is taken for is dropped.
    missing: list[tuple[tuple, Problem]] = []
    renamed: set[tuple] = set()
    prose_reported: set[tuple] = set()
    for item in errors:
        kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
        walk = _Walk(model, loaded, tuple(item["loc"]))
        path = walk.path
        prose = _prose_read_as_a_field(loaded, path[:-1]) if kind in ("missing", "extra_forbidden") else None
        if prose is not None:
            # `- Tip: you can...`: the ': ' made text a one-field mapping. One problem, about quotes.
            if path[:-1] not in prose_reported:
                prose_reported.add(path[:-1])
                problems.append(prose)
            continue
        if kind == "missing":
            owner = walk.owner
            message = f"required field '{path[-1]}' is missing"
            if owner is not None:
                present = sorted(map(str, _present_keys(loaded, path[:-1])))
                message += (f" (this item has: {', '.join(present) if present else 'no fields'}; "
                            f"its fields are: {', '.join(owner.model_fields)})")
            problem = Problem(loaded.position_of(path[:-1]), format_path(path), message)
            missing.append((path, problem))
            problems.append(problem)
            continue
        if kind == "extra_forbidden":
            problems.append(_unknown_field(loaded, path, walk.candidates or [model], renamed))
            continue
        if kind == "union_tag_not_found":
            # Without its tag pydantic cannot tell which model applies, so it checks no
            # other key: check them against every member, so a misspelt tag key is named.
            tag = ctx.get("discriminator", "").strip("'")
            members = walk.candidates
            allowed = sorted({str(t) for m in members for t in _tags(m)})
            problem = Problem(loaded.position_of(path), format_path(path + (tag,)),
                              f"required field '{tag}' is missing (one of: {', '.join(allowed)})")
            missing.append((path + (tag,), problem))
            problems.append(problem)
            fields = {name for m in members for name in m.model_fields}
            for key in sorted(_present_keys(loaded, path) - fields, key=str):
                problems.append(_unknown_field(loaded, path + (key,), members, renamed))
            continue
        if kind == "union_tag_invalid":
            tag = ctx.get("discriminator", "").strip("'")
            where = path + (tag,)
            problems.append(Problem(loaded.position_of(where), format_path(where),
                                    _one_of(_literals(ctx.get("expected_tags", "")), walk.node.get(tag)
                                            if isinstance(walk.node, dict) else value)))
            continue
        path = _existing(loaded, path)
        prose = _prose_read_as_a_field(loaded, path) if kind in _TYPE_NAMES else None
        if prose is not None:
            if path not in prose_reported:
                prose_reported.add(path)
                problems.append(prose)
            continue
        if isinstance(value, float) and value != value:
            message = "'.nan' (not a number) is not a value this field can hold: write a number"
        elif kind in _TYPE_NAMES:
            message = f"expected {_TYPE_NAMES[kind]}, got {describe_value(value)}"
            if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
                # YAML reads 1:30 as 90 and 1e3 as a number: the editor meant text.
                message += " (YAML reads some text as a number, e.g. 1:30 as 90): put it in quotes to keep it as text"
        elif kind == "literal_error":
            message = _one_of(_literals(ctx.get("expected", "")), value)
        elif kind == "string_pattern_mismatch":
            message = _pattern_message(ctx.get("pattern", ""), value)
        elif kind == "string_too_short":
            message = "expected text, got an empty string"
        elif kind == "too_short":
            message = "expected at least one item, got an empty list"
        elif kind in ("too_long", "string_too_long") and isinstance(value, str):
            # A bounded text (a fault finder line): say how long, in characters.
            message = f"{len(value)} characters, at most {ctx.get('max_length')}: say it in fewer words"
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            # (str() of an int over 4,300 digits raises: a long one is described, not shown.)
            shown = (f"a number of about {round(value.bit_length() * 0.30103)} digits"
                     if isinstance(value, int) and value.bit_length() > 64 else repr(value))
            message = f"{shown} is out of range: {item['msg'].removeprefix('Input should be ')}"
        else:
            message = item["msg"].removeprefix("Value error, ")
        problems.append(Problem(loaded.position_of(path), format_path(path), message))
    dropped = {id(problem) for path, problem in missing if path in renamed}
    return [problem for problem in problems if id(problem) not in dropped]
