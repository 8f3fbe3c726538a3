"""Read the guide's YAML files, keeping the line and column of every node.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node tree ourselves so each value's position survives into error messages.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import DataError, Path_, Position, Problem, format_path, position_at, printable



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
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # An implicit type whose value is impossible, e.g. the date 2019-13-45.
        problems.append(Problem(_mark(loaded.name, node.start_mark), format_path(path),
                                f"'{printable(node.value)}' cannot be read ({printable(exc)}); put it in quotes to keep it as text"))
        return None


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


# `title:Set up`: a field name and its value with no space after the colon.
_COLON_WITHOUT_SPACE = re.compile(r"^(\s*(?:- )?)([a-z_]+):(\S.*)$")
# A value that opens a quote: `key: 'text` or `- "text`.
_OPENING_QUOTE = re.compile(r"^(\s*(?:- |[A-Za-z_]+: )+)(['\"])")


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the last value before `error_line` that opens a quote and
    does not close it on its line, or None."""
    for number in range(min(error_line, len(lines) - 1), -1, -1):
        match = _OPENING_QUOTE.match(lines[number])
        if not match:
            continue
        quote, rest = match.group(2), lines[number][match.end():]
        # In '...' a doubled '' is an escaped quote; in "..." a \" is.
        closed = rest.replace("''", "") if quote == "'" else rest.replace('\\"', "")
        if quote not in closed:
            return number, match.end() - 1, quote
        return None  # the nearest quoted value is closed: the error is something else
    return None


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Turn a PyYAML parse error into one located problem an editor can act on.

    An unclosed quote or bracket and a line without its ':' are found only later, where
    the parser gives up; the construct that is wrong starts at the error's context mark.
    """
    problem, context = exc.problem or "", exc.context or ""
    where = exc.problem_mark or exc.context_mark
    since = exc.context_mark
    buffer = getattr(where, "buffer", None) if where else None
    lines = buffer.rstrip("\0").splitlines() if isinstance(buffer, str) else []
    never_closed = context.startswith("while scanning a quoted scalar") and "end of stream" in problem
    opened = _unclosed_quote(lines, where.line) if lines and "tab" not in problem and not never_closed else None
    spaceless = (_COLON_WITHOUT_SPACE.match(lines[since.line]) if lines and since and since.line < len(lines)
                 and context.startswith("while scanning a simple key") else None)
    if opened is not None:
        # A quote not closed on its line runs on to the next quote of its kind, often an
        # apostrophe ("don't") lines later, where the parser gives up: report where it opened.
        line, column, quote = opened
        return Problem(Position(name, line + 1, column + 1), "",
                       f"YAML syntax error: the {quote} opened here is not closed on its line, so YAML reads "
                       f"on to the next {quote} (line {where.line + 1} or before); add the closing {quote} at "
                       f"the end of this text, or remove this one")
    if spaceless is not None:
        key = spaceless.group(2)
        return Problem(Position(name, since.line + 1, since.column + 1), "",
                       f"YAML syntax error: '{key}:' needs a space after the colon: "
                       f"write '{key}: {spaceless.group(3).strip()}'")
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


# Real data files are a few KB; this leaves room for a guide a hundred times larger and
# stops a pasted blob or a link to a device before it is read into memory.
MAX_FILE_BYTES = 1_000_000
# The data nests five or six levels; deeper nesting is a mistake or an attack on the
# (recursive) builders.
MAX_DEPTH = 40


def _events(text: str, loader) -> list:
    return list(yaml.parse(text, Loader=loader))


def _parse_events(text: str, name: str) -> list:
    """The file's YAML events; DataError, located, for anything that does not parse."""
    try:
        return _events(text, _FAST_LOADER or yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError) as fast_error:
        try:
            _events(text, yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            raise DataError([_syntax_problem(name, exc)]) from None
        except yaml.reader.ReaderError as exc:
            where = position_at(name, text, exc.position)
            character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
            raise DataError([Problem(where, "", f"a character YAML does not allow: {printable(character)} "
                                                "(an invisible control character; retype the text around it)")]) from None
        except (yaml.YAMLError, RecursionError, ValueError) as exc:
            raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {printable(exc)}")]) from None
        # Only libyaml refuses it (e.g. an escaped lone surrogate, "\ud800"): its own marks.
        if isinstance(fast_error, yaml.MarkedYAMLError):
            raise DataError([_syntax_problem(name, fast_error)]) from None
        raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {printable(fast_error)}")]) from None


def _unsafe_constructs(events: list, name: str) -> list[Problem]:
    """Anchors, aliases, merge keys and explicit tags, and nesting beyond MAX_DEPTH.

    None of them is needed to write the guide, and each costs something: an alias
    repeated inside aliases grows exponentially when the data is built (a 400-byte
    "billion laughs" line exhausts memory), a tag asks the loader to make a Python object
    or a value of another type, and deep nesting exhausts the recursive builders.
    """
    problems = []
    open_nodes: list[list[bool]] = []  # per open collection: [is a mapping, next node is a key]
    for event in events:
        where = _mark(name, event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(where, "", f"a YAML alias (*{printable(event.anchor)}) is not allowed: "
                                               "write the value out where it is needed"))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            open_nodes.pop()
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            continue
        is_key = bool(open_nodes) and open_nodes[-1][0] and open_nodes[-1][1]
        if open_nodes and open_nodes[-1][0]:
            open_nodes[-1][1] = not open_nodes[-1][1]
        if event.anchor is not None:
            problems.append(Problem(where, "", f"a YAML anchor (&{printable(event.anchor)}) is not allowed: "
                                               "write the value out where it is needed"))
        if event.tag is not None:
            problems.append(Problem(where, "", f"a YAML tag ({printable(event.tag)}) is not allowed: "
                                               "remove it and write plain text, numbers or true/false"))
        if isinstance(event, yaml.ScalarEvent):
            if is_key and event.value == "<<" and not event.style:
                problems.append(Problem(where, "", "a YAML merge key (<<) is not allowed: write the fields out"))
            continue
        open_nodes.append([isinstance(event, yaml.MappingStartEvent), True])
        if len(open_nodes) > MAX_DEPTH:
            problems.append(Problem(where, "", f"nested more than {MAX_DEPTH} levels deep; "
                                               "the guide's files need far fewer"))
            break
    return problems


def _compose(text: str, name: str) -> yaml.Node | None:
    events = _parse_events(text, name)
    problems = _unsafe_constructs(events, name)
    if problems:
        raise DataError(problems)
    try:
        return yaml.compose(text, Loader=_FAST_LOADER or yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:  # parsed above, so unexpected
        raise DataError([Problem(Position(name, 1, 1), "", f"YAML error: {printable(exc)}")]) from None


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
    problems.extend(_glued_list_items(node, text.splitlines(), name))
    if problems:
        raise DataError(problems)
    return loaded


def _glued_list_items(node: yaml.Node, lines: list[str], name: str, path: tuple = ()) -> list[Problem]:
    """A `- ` line indented further than the list item above it continues that item's
    plain text: YAML folds it in ("...the glute. - Brace your core"), and the item it was
    meant to be silently disappears. Each such line is a problem, located at its `-`."""
    if isinstance(node, yaml.MappingNode):
        return [p for key, value in node.value for p in _glued_list_items(value, lines, name, path + (key.value,))]
    if isinstance(node, yaml.SequenceNode):
        return [p for i, item in enumerate(node.value) for p in _glued_list_items(item, lines, name, path + (i,))]
    # Plain text and folded text (`>-`, the style of every long text in data/) both join their
    # lines; a literal block (`|`) keeps them, and quoted text is what the editor typed.
    if (not isinstance(node, yaml.ScalarNode) or node.style not in (None, "", ">")
            or node.start_mark.line == node.end_mark.line):
        return []
    problems = []
    folded = node.style == ">"
    # A block's end mark is where the next token starts: only lines at least as indented as
    # its first line of text belong to it.
    body = node.start_mark.line + 1
    while folded and body < len(lines) and not lines[body].strip():
        body += 1
    content = len(lines[body]) - len(lines[body].lstrip(" ")) if folded and body < len(lines) else 0
    for number in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        line = lines[number]
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") or stripped == "-":
            indent = len(line) - len(stripped)
            if folded and indent < content:
                continue
            if folded:
                problems.append(Problem(
                    Position(name, number + 1, indent + 1), format_path(path),
                    f"this '- ' line is inside the folded text (>-) above it, so YAML joined it onto that "
                    f"paragraph ('... {printable(stripped[:40])}'); to make it a list item of its own, line "
                    "its '-' up with the '-' of the item above; if the dash belongs to the text, rewrap the "
                    "lines so that no line starts with '- '"))
                continue
            problems.append(Problem(
                Position(name, number + 1, indent + 1), format_path(path),
                f"this '- ' line is indented further than the list around it, so YAML joined it onto the text "
                f"above ('... {printable(stripped[:40])}'); to make it a list item of its own, line its '-' up with "
                "the '-' of the item above (or, if the '- ' belongs to the text, put the text in quotes)"))
    return problems


def _file_problem(path: Path, name: str, root: Path | None) -> str | None:
    """Why `path` cannot be read as a data file, or None: only regular files, inside
    `root` once symlinks are followed, no larger than MAX_FILE_BYTES."""
    try:
        info = path.stat()  # follows symlinks
    except FileNotFoundError:
        return "file not found" if not path.is_symlink() else "a symlink to a file that does not exist"
    except OSError as exc:
        return f"cannot be read ({printable(exc.strerror or exc)})"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe, socket or device); data files must be plain files"
    if root is not None:
        real, real_root = path.resolve(), root.resolve()
        if real != real_root and real_root not in real.parents:
            return "is a symlink to a file outside the project's data folder; copy the file in instead"
    if info.st_size > MAX_FILE_BYTES:
        return f"is {info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} a data file may hold"
    return None


def read_text(path: Path, name: str, root: Path | None = None) -> str:
    """The text of one data file; DataError, located, if it is missing, not a regular file
    (inside `root`), too large, unreadable or not UTF-8."""
    path = Path(path)
    problem = _file_problem(path, name, root)
    if problem == "file not found":
        problem += "; every data file is required"
    if problem:
        raise DataError([Problem(Position(name, 1, 1), "", problem)])
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError([Problem(Position(name, 1, 1), "", f"cannot be read ({printable(exc.strerror or exc)})")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(Position(name, 1, 1), "", f"more than the {MAX_FILE_BYTES:,} bytes a data file may hold")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[:exc.start].decode("utf-8")
        where = position_at(name, good, len(good))
        raise DataError([Problem(where, "", f"not UTF-8 text (byte {raw[exc.start]:#04x} here); "
                                            "save the file as UTF-8")]) from None
