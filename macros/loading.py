"""Read the guide's YAML files, keeping the line and column of every node.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node tree ourselves so each value's position survives into error messages.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple  # a field path such as ("mistakes", 2, "solutions", 0)


@dataclass(frozen=True)
class Position:
    """Where a node starts in its file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    position: Position
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.position} {self.field}:" if self.field else f"{self.position}:"
        return f"{where} {self.message}"


@dataclass
class LoadedFile:
    """A parsed YAML file: its data and the position of every value and key."""

    name: str
    data: object
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)

    def position_of(self, path: Path_) -> Position:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), Position(self.name, 1, 1))

    def key_position_of(self, path: Path_) -> Position:
        """Position of the key that holds `path` (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.position_of(path)


class DataError(Exception):
    """The data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.position.file, p.position.line, p.position.column))
        super().__init__(self.report())

    def report(self) -> str:
        """One line per problem, then a count."""
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) in the guide data; the site was not built.")
        return "\n".join(lines)


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def format_path(path: Path_) -> str:
    """Render ("mistakes", 2, "solutions", 0) as mistakes[2].solutions[0], and a key that
    is not a plain name as pages["index.md"]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _NAME.match(str(part)):
            out += f'["{part}"]'
        else:
            out += f".{part}" if out else str(part)
    return out


def _mark(name: str, mark) -> Position:
    return Position(name, mark.line + 1, mark.column + 1)


def _build(node: yaml.Node, path: tuple, loaded: LoadedFile, problems: list[Problem], constructor) -> object:
    loaded.value_positions[path] = _mark(loaded.name, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(_mark(loaded.name, key_node.start_mark), format_path(path), "a key must be a plain name"))
                continue
            key = key_node.value
            child = path + (key,)
            if key in result:
                first = loaded.key_positions[child]
                problems.append(Problem(_mark(loaded.name, key_node.start_mark), format_path(child),
                                        f"duplicate key '{key}' (first given at line {first.line})"))
                continue
            loaded.key_positions[child] = _mark(loaded.name, key_node.start_mark)
            result[key] = _build(value_node, child, loaded, problems, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), loaded, problems, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


# libyaml composes ~8-15x faster than pure Python; its node marks are the same. A file it
# rejects is composed again by the pure loader, whose messages and marks the reports
# below are written for (so they do not depend on libyaml being installed).
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


# What the parser's token names mean to an editor.
_TOKENS = {
    "'<block mapping start>'": "key",
    "'<block sequence start>'": "list item",
    "'-'": "list item",
    "'<scalar>'": "text",
    "'?'": "'?'",
}


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Turn a PyYAML parse error into one located problem an editor can act on.

    An unclosed quote or bracket and a line without its ':' are found only later, where
    the parser gives up; the construct that is wrong starts at the error's context mark.
    """
    problem, context = exc.problem or "", exc.context or ""
    where = exc.problem_mark or exc.context_mark
    since = exc.context_mark
    if "'\\t'" in problem or "tab character" in problem:
        message = "a tab character; YAML must be indented with spaces, not tabs"
    elif context.startswith("while scanning a quoted scalar") and "end of stream" in problem:
        where = since
        message = "this quoted text is never closed: add the closing quote"
    elif context.startswith("while parsing a flow"):
        bracket = "]" if "sequence" in context else "}"
        where, since = since, where
        message = (f"the {'[' if bracket == ']' else '{'} opened here is not closed: "
                   f"expected ',' or '{bracket}' before line {since.line + 1}, column {since.column + 1}")
    elif context.startswith("while scanning a simple key"):
        where, since = since, where
        message = ("expected 'key: value' or '- item' on this line (is the ':' missing, "
                   "or the line indented too little?)")
    elif problem.startswith("expected <block end>"):
        found = _TOKENS.get(problem.partition("but found ")[2], "text")
        message = f"unexpected {found} here: this line is not indented like the lines above it"
        if since:
            message += f" (in the block that starts at line {since.line + 1})"
        message += "; or a quote or bracket opened earlier is not closed"
    elif problem.startswith("mapping values are not allowed"):
        message = ("a 'key:' is not allowed here: the line is indented more than the keys around it, "
                   "or text containing ': ' needs quotes")
    else:
        message = problem or context
        if context and problem and since and since is not where:
            message += f" ({context} at line {since.line + 1})"
    position = _mark(name, where) if where else Position(name, 1, 1)
    return Problem(position, "", f"YAML syntax error: {message}")


def _compose(text: str, name: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER or yaml.SafeLoader)
    except yaml.YAMLError as fast_error:
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            raise DataError([_syntax_problem(name, exc)]) from None
        except yaml.YAMLError as exc:  # reader errors (bad characters) carry no marks
            raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {exc}")]) from None
        raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {fast_error}")]) from None


def parse_yaml(text: str, name: str) -> LoadedFile:
    """Parse one YAML document into plain data with positions; raise DataError on any problem."""
    node = _compose(text, name)
    if node is None:
        raise DataError([Problem(Position(name, 1, 1), "",
                                 "the file is empty (or only comments); expected a mapping of fields")])
    loaded = LoadedFile(name=name, data=None)
    problems: list[Problem] = []
    constructor = yaml.SafeLoader("")
    loaded.data = _build(node, (), loaded, problems, constructor)
    if problems:
        raise DataError(problems)
    return loaded


def read_text(path: Path, name: str) -> str:
    """The text of one data file; DataError if it is missing or not UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(Position(name, 1, 1), "", "file not found; every data file is required")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(Position(name, 1, 1), "", f"not UTF-8 text ({exc.reason})")]) from None

