"""Read the guide's YAML files, keeping the line and column of every node.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node tree ourselves so each value's position survives into error messages.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

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


def format_path(path: Path_) -> str:
    """Render ("mistakes", 2, "solutions", 0) as mistakes[2].solutions[0]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
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


# libyaml composes about 8x faster than the pure-Python loader (the bulk of load time on
# large data). Its error messages differ, so a file it rejects is composed again by the
# pure loader, whose messages and marks the error reports are written for.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> LoadedFile:
    """Parse one YAML document into plain data with positions; raise DataError on any problem."""
    loaded = LoadedFile(name=name, data=None)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _mark(name, mark) if mark else Position(name, 1, 1)
        message = f"YAML syntax error: {exc.problem}"
        if exc.context:
            message += f" ({exc.context})"
        if "\t" in text and "tab" in str(exc.problem):
            message += "; indent with spaces, not tabs"
        raise DataError([Problem(position, "", message)]) from None
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry no problem_mark
        raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {exc}")]) from None
    if node is None:
        raise DataError([Problem(Position(name, 1, 1), "", "the file is empty; expected a mapping of fields")])
    problems: list[Problem] = []
    constructor = yaml.SafeLoader("")
    loaded.data = _build(node, (), loaded, problems, constructor)
    if problems:
        raise DataError(problems)
    return loaded


def load_file(path: Path, name: str | None = None) -> LoadedFile:
    """Read and parse one YAML file; `name` is how errors refer to it (e.g. data/faq.yml)."""
    name = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(Position(name, 1, 1), "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(Position(name, 1, 1), "", f"not UTF-8 text ({exc.reason})")]) from None
    return parse_yaml(text, name)
