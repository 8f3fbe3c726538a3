"""Mutations of the real data files, generated from their YAML node trees.

Every mapping entry, list item, id and cross-reference in data/*.yml yields mutations of
the kinds an editor's slip produces: a deleted field, a value of the wrong type, a
near-miss key, a duplicated id or key, a reference to a missing id, raw markup in prose,
YAML syntax errors and empty files. Each mutation says what must follow: the problem
(file, line, column, field path, key words) the report has to contain, or `None` when
the data stays valid and must render without losing text.

Edits are made on the text at PyYAML's node marks, so the file's comments and layout
survive and the expected line is known from where the edit was made, not from the code
under test. What is required, optional or plain text comes from the committed JSON
Schema (data/schema/), the contract editors see.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from support import DATA

FILES = tuple(path.stem for path in sorted(DATA.glob("*.yml")))
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Keys whose values name an id elsewhere in the guide, and the words the report uses.
REFERENCE_KEYS = {"cites": "unknown citation", "variations": "unknown variation", "shows": "unknown table",
                  "items": "unknown item", "at": "unknown id", "to": "unknown id"}
MARKUP = ("<script>alert(1)</script>", '<img src="x" onerror="alert(1)">', "[x](javascript:alert(1))")
MISSING_ID = "no-such-id"


@dataclass(frozen=True)
class Expect:
    """A problem the report must contain."""

    file: str
    line: int | None  # None: any line (the message then names the line)
    column: int | None
    field: str | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class Mutation:
    kind: str
    file: str
    text: str | None  # None: the file is removed
    expect: Expect | tuple[Expect, ...] | None  # the problem (or one of them); None: still valid
    where: str  # short label for the test id
    schema_sees_it: bool = False  # the JSON Schema alone must reject it too

    @property
    def valid(self) -> bool:
        return self.expect is None

    @property
    def accepted(self) -> tuple[Expect, ...]:
        """The problems of which the report must contain at least one."""
        return self.expect if isinstance(self.expect, tuple) else () if self.expect is None else (self.expect,)

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.file}:{self.where}"


def format_path(path: tuple) -> str:
    """The field path as reports write it: mistakes[2].solutions[0], pages["index.md"].title."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            out += f'["{part}"]'
        else:
            out += f".{part}" if out else part
    return out


# --- reading the real data --------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A value in a file: its path, its node, and the key node that holds it (if any)."""

    path: tuple
    node: yaml.Node
    key: yaml.ScalarNode | None
    parent: yaml.Node | None


@cache
def source(file: str) -> str:
    return (DATA / f"{file}.yml").read_text(encoding="utf-8")


@cache
def entries(file: str) -> tuple[Entry, ...]:
    found: list[Entry] = []

    def visit(node, path, key, parent):
        found.append(Entry(path, node, key, parent))
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                visit(value, path + (key_node.value,), key_node, node)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                visit(item, path + (i,), None, node)

    visit(yaml.compose(source(file), Loader=yaml.SafeLoader), (), None, None)
    return tuple(found)


@cache
def schema(file: str) -> dict:
    return json.loads((DATA / "schema" / f"{file}.schema.json").read_text(encoding="utf-8"))


def _resolve(root: dict, sub: dict) -> dict:
    while "$ref" in sub:
        sub = root["$defs"][sub["$ref"].rsplit("/", 1)[1]]
    return sub


def _branch(root: dict, sub: dict, node: yaml.Node) -> dict:
    """The anyOf branch of `sub` that describes a node of this kind."""
    sub = _resolve(root, sub)
    if "discriminator" in sub and isinstance(node, yaml.MappingNode):
        tag = next((v.value for k, v in node.value if k.value == sub["discriminator"]["propertyName"]), None)
        if tag in sub["discriminator"]["mapping"]:
            return _resolve(root, {"$ref": sub["discriminator"]["mapping"][tag]})
    options = sub.get("anyOf") or sub.get("oneOf")
    if not options:
        return sub
    want = {yaml.MappingNode: "object", yaml.SequenceNode: "array"}.get(type(node), "string")
    for option in options:
        option = _resolve(root, option)
        if option.get("type") == want:
            return option
    return _resolve(root, options[0])


def schema_at(file: str, entry: Entry) -> dict:
    """The JSON Schema that describes `entry`'s value."""
    root = schema(file)
    sub = root
    node = yaml.compose(source(file), Loader=yaml.SafeLoader)
    for part in entry.path:
        sub = _branch(root, sub, node)
        if isinstance(part, int):
            sub, node = sub["items"], node.value[part]
        else:
            # A field of a record, or an entry of a mapping keyed by data (guide.yml `pages:`).
            sub = sub["properties"][part] if "properties" in sub else _keyed_entry(sub)
            node = next(v for k, v in node.value if k.value == part)
    return _branch(root, sub, node)


def _keyed_entry(sub: dict) -> dict:
    if "patternProperties" in sub:
        return next(iter(sub["patternProperties"].values()))
    return sub["additionalProperties"]


def is_keyed_by_data(file: str, entry: Entry) -> bool:
    """The entry's key is data (a page path), not a field name."""
    parent = schema_at(file, Entry(entry.path[:-1], entry.parent, None, None))
    return "properties" not in parent and ("patternProperties" in parent or
                                           isinstance(parent.get("additionalProperties"), dict))




def is_required(file: str, entry: Entry) -> bool:
    parent = Entry(entry.path[:-1], entry.parent, None, None)
    return entry.path[-1] in schema_at(file, parent).get("required", [])


def is_text(file: str, entry: Entry) -> bool:
    """Reader-facing prose: the schema forbids markup in it."""
    return isinstance(entry.node, yaml.ScalarNode) and "not" in schema_at(file, entry)


def line_of(mark) -> int:
    return mark.line + 1


def col_of(mark) -> int:
    return mark.column + 1


def _span(file: str, entry: Entry) -> tuple[int, int]:
    """Text span of a value without the whitespace (and next indentation) that follows it."""
    start, end = entry.node.start_mark.index, entry.node.end_mark.index
    return start, start + len(source(file)[start:end].rstrip())


def replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def blank(text: str, start: int, end: int) -> str:
    """Blank a span out, keeping its line breaks so every other line keeps its number."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def comment_out(text: str, start: int, end: int) -> str:
    """Delete a block-style entry as an editor would, keeping line numbers: its lines become
    comments. (Blank lines would join a folded `>-` text above them as line breaks.)"""
    return text[:start] + re.sub(r"(?m)^([^\n])[^\n]*", lambda m: "#" + " " * (len(m.group()) - 1),
                                 text[start:end]) + text[end:]


def first_remaining_key(mapping: yaml.MappingNode, removed: yaml.Node) -> yaml.Node:
    keys = [k for k, _v in mapping.value if k is not removed]
    return keys[0]


def in_flow(entry: Entry) -> bool:
    return bool(getattr(entry.parent, "flow_style", False))


# --- generating the mutations -----------------------------------------------------

def _wrong_value(entry: Entry) -> str:
    node = entry.node
    if isinstance(node, yaml.ScalarNode):
        return "[wrong, type]" if node.tag.endswith(":str") else '"wrong type"'
    return "7"


def _near_miss(key: str) -> str:
    """A typo an editor makes: two letters swapped, or a short key's last letter doubled."""
    for i in range(1, len(key) - 1):
        swapped = key[:i] + key[i + 1] + key[i] + key[i + 2:]
        if swapped != key and len(key) > 3:
            return swapped
    return key + key[-1]


def field_mutations(file: str) -> list[Mutation]:
    text = source(file)
    name = f"data/{file}.yml"
    found = []
    for entry in entries(file):
        if not entry.path or in_flow(entry):
            continue
        path_s = format_path(entry.path)
        start, end = _span(file, entry)
        value_line, value_col = line_of(entry.node.start_mark), col_of(entry.node.start_mark)

        # (b) a value of the wrong type, for every field and list item
        found.append(Mutation("wrong-type", file, replace(text, start, end, _wrong_value(entry)),
                              Expect(name, value_line, value_col, path_s, ("expected",)), path_s,
                              schema_sees_it=True))

        if entry.key is None:
            continue
        key = entry.key
        key_line, key_col = line_of(key.start_mark), col_of(key.start_mark)
        parent_path = entry.path[:-1]
        keyed_by_data = is_keyed_by_data(file, entry)

        # (a) delete the field
        deleted = (blank if in_flow(entry) else comment_out)(text, key.start_mark.index, end)
        if is_required(file, entry):
            if len(entry.parent.value) > 1:
                anchor = first_remaining_key(entry.parent, key)
                expect = Expect(name, line_of(anchor.start_mark), col_of(anchor.start_mark),
                                path_s, (f"required field '{entry.path[-1]}' is missing",))
                found.append(Mutation("delete", file, deleted, expect, path_s, schema_sees_it=True))
        else:
            expect = _consequence_of_deleting(file, entry) or _source_lost(file, deleted)
            found.append(Mutation("delete", file, deleted, expect, path_s))

        # (c) rename the key to a near-miss spelling. A page path is data, checked against
        # the pages in docs/: the misspelt one is unknown (and the real one left undescribed).
        # A key from a fixed set (muscles.yml `roles:` by role) is refused as a value is:
        # the allowed ones, on the key's line.
        wrong = _near_miss(key.value)
        enum_keyed = keyed_by_data and "enum" in schema_at(
            file, Entry(entry.path[:-1], entry.parent, None, None)).get("propertyNames", {})
        words = ((f"expected one of:", f"got '{wrong}'", f"did you mean '{key.value}'?") if enum_keyed else
                 (f"unknown page '{wrong}'", f"did you mean '{key.value}'?") if keyed_by_data else
                 (f"unknown field '{wrong}'", f"did you mean '{key.value}'?"))
        if keyed_by_data and file == "figures":  # the body map is keyed by muscle id
            words = (f"'{wrong}' is not a muscle of muscles.yml",)
        found.append(Mutation(
            "rename", file, replace(text, key.start_mark.index, key.end_mark.index, wrong),
            Expect(name, key_line, None if enum_keyed else key_col, format_path(parent_path + (wrong,)), words),
            path_s, schema_sees_it=not keyed_by_data or enum_keyed))
        if keyed_by_data:
            continue

        # a duplicated key: a one-line entry given twice
        if isinstance(entry.node, yaml.ScalarNode) and "\n" not in text[key.start_mark.index:end]:
            line_end = text.index("\n", end) + 1
            copy = " " * key.start_mark.column + text[key.start_mark.index:line_end]
            found.append(Mutation(
                "duplicate-key", file, text[:line_end] + copy + text[line_end:],
                Expect(name, key_line + 1, key_col, path_s,
                       (f"duplicate key '{key.value}'", f"first given at line {key_line}")), path_s))
    return found


def referrers() -> list[tuple[str, Entry]]:
    """Every value that names an id elsewhere (a citation, a variation, a checklist item...)."""
    return [(file, e) for file in FILES for e in entries(file)
            if isinstance(e.node, yaml.ScalarNode) and _reference_key(e.path) in REFERENCE_KEYS]


def _reference_key(path: tuple) -> str | None:
    return next((p for p in reversed(path) if isinstance(p, str)), None)


def _fit_after_deleting_paper(checklist_path: tuple) -> Expect | None:
    """The problem a checklist's default layout gives, if its estimate then exceeds a page."""
    from macros.checklists.kinds import CHECKLIST_KINDS
    from macros.data.model import PrintRules
    from macros.validate.load import load_guide

    guide = load_guide(DATA)
    checklist = guide.checklists.checklists[checklist_path[-1]]
    plain = checklist.model_copy(update={"paper": PrintRules()})
    if CHECKLIST_KINDS[checklist.kind].print_fit(guide, plain).fits:
        return None
    items = next(e for e in entries("checklists") if e.path == checklist_path + ("items",))
    return Expect("data/checklists.yml", line_of(items.node.start_mark), col_of(items.node.start_mark),
                  format_path(checklist_path + ("items",)), (f"'{checklist.id}' no longer fits on one printed page",))


@cache
def manifest() -> tuple[str, ...]:
    """The link manifest's lines (data/links.lock)."""
    return tuple(line.strip() for line in (DATA / "links.lock").read_text(encoding="utf-8").splitlines())


@cache
def _figures():
    from macros.validate.load import load_guide
    return load_guide(DATA, check_manifest=False).figures


def _figure_without(path: tuple) -> tuple[str, ...]:
    """The fields the body checks report once this optional field of a figure is left out."""
    from macros.data.problems import format_path as located
    from macros.figures.checks import pose_problems
    figures = _figures()
    index, rest = path[1], path[2:]
    figure = figures.figures[index]
    if rest[0] == "pose" and len(rest) == 2:
        data = figure.pose.model_dump(exclude_unset=True)
        data.pop(rest[1], None)
        figure = figure.model_copy(update={"pose": type(figure.pose).model_validate(data)})
    elif rest[0] == "pose" and rest[1] == "arms" and len(rest) == 3:
        arms = figure.pose.arms.model_copy(update={rest[2]: type(figure.pose.arms).model_fields[rest[2]].default})
        figure = figure.model_copy(update={"pose": figure.pose.model_copy(update={"arms": arms})})
    elif len(rest) == 1:
        figure = figure.model_copy(update={rest[0]: type(figure).model_fields[rest[0]].default})
    else:
        return ()
    return tuple(sorted({located(("figures", index, *where)) for where, _ in pose_problems(figure, figures)}))


def _consequence_of_deleting(file: str, entry: Entry) -> Expect | tuple[Expect, ...] | None:
    """Deleting an optional field keeps the data valid, unless it held records whose ids
    are named elsewhere (each such reference then dangles) or the only citation of a
    reference (which then is never cited)."""
    if file == "checklists" and entry.path[-1] == "paper":
        # Without its denser layout a checklist may no longer fit its printed page.
        return _fit_after_deleting_paper(entry.path[:-1])
    if file == "checklists" and entry.path[-1] == "disclaimer" and entry.node.value == "true":
        # The disclaimer a checklist prints has an address on that checklist's page (in the
        # link manifest): without it, that link lands on a page without the anchor.
        page = next(e.node.value for e in entries(file) if e.path == entry.path[:-1] + ("page",))
        anchor = next(e.node.value for e in entries("guide") if e.path == ("disclaimer", "id"))
        address = "/checklists/" + page.removesuffix(".md") + "/#" + anchor
        if address in manifest():
            return Expect("data/links.lock", None, 1, None, (f"{address}: '{anchor}' is on",))
    if file == "guide" and entry.path[0] == "pages" and len(entry.path) <= 2:
        # Every page in docs/ needs its entry (title and description of a shared link).
        if len(entry.path) == 1:  # the whole mapping: every page lacks its entry
            return Expect("data/guide.yml", None, None, "pages", ("no entry for page '",))
        pages_key = next(e.key for e in entries(file) if e.path == ("pages",))
        return Expect("data/guide.yml", line_of(pages_key.start_mark), col_of(pages_key.start_mark), "pages",
                      (f"no entry for page '{entry.path[1]}'",))
    if file == "figures" and entry.path[0] == "body_map":
        # Every muscle needs its regions on the body map.
        named = entry.path[1] if len(entry.path) == 2 else ""
        return Expect("data/figures.yml", None, None, "body_map", (f"the muscle '{named}",))
    if file == "figures" and entry.path[0] == "figures" and len(entry.path) > 2:
        # A figure's pose numbers and claims depend on each other: without the field, the
        # body checks (macros/figures/checks.py) say what no longer holds, at its number.
        broken = _figure_without(entry.path)
        if broken:
            return tuple(Expect("data/figures.yml", None, None, field, ()) for field in broken)
    inside = len(entry.path)
    removed = {e.node.value for e in entries(file)
               if e.path[:inside] == entry.path and e.path[-1:] == ("id",)}
    dangling = tuple(
        Expect(f"data/{f}.yml", line_of(r.node.start_mark), col_of(r.node.start_mark), format_path(r.path),
               (r.node.value,))
        for f, r in referrers() if r.node.value in removed and not (f == file and r.path[:inside] == entry.path))
    if dangling:
        return dangling
    # Records and old names (aliases) whose addresses the link manifest promises: their links
    # would break (a renamed record's alias, once deleted, is such an address).
    aliases = {e.node.value for e in entries(file)
               if e.path[:inside] == entry.path[:inside] and e.path[-2:-1] == ("aliases",)}
    promised = sorted(anchor for anchor in removed | aliases if any(line.endswith(f"#{anchor}") for line in manifest()))
    if promised:
        return Expect("data/links.lock", None, 1, None, (f"the id '{promised[0]}' any more", "aliases:"))
    if entry.path[-1] != "cites":
        return None
    removed = {item.value for item in entry.node.value}
    for ref in sorted(removed):
        if citation_count(ref) == sum(1 for item in entry.node.value if item.value == ref):
            line, col = reference_id_position(ref)
            return Expect("data/references.yml", line, col, None, (f"reference '{ref}' is never cited",))
    return None


def _source_lost(file: str, text: str) -> Expect | None:
    """Deleting text that holds a sentence of the source text (data/source.txt), which no
    correction or rewording accounts for: check-data says so at the text most like it."""
    from macros.validate import source_fidelity as fidelity

    source = DATA / fidelity.FILE_NAME
    if not source.is_file():
        return None
    parsed = {key: _parsed(key) for key in FILES}
    parsed[file] = yaml.safe_load(text)
    leaves = [(key, path, value, owner) for key in FILES if key != "search"
              for path, value, owner in fidelity._leaves(parsed[key])
              if not (key == "guide" and path[:1] in (("corrections",), ("rewordings",)))]
    guide = parsed["guide"]
    quotes = [c["quote"] for c in guide.get("corrections", []) if c.get("quote")] + \
             [r["quote"] for r in guide.get("rewordings", []) if r.get("quote")]
    lost = fidelity.unaccounted(source.read_text(encoding="utf-8"), leaves, quotes)
    if not lost:
        return None
    key, path, _owner = fidelity._closest(lost[0], leaves)
    return Expect(f"data/{key}.yml", None, None, format_path(path), ("is no longer in the guide",))


@cache
def citation_count(ref: str) -> int:
    return sum(1 for file in FILES for e in entries(file)
               if len(e.path) > 1 and e.path[-2] == "cites" and e.node.value == ref)


def reference_id_position(ref: str) -> tuple[int, int]:
    for e in entries("references"):
        if e.path[-1:] == ("id",) and e.node.value == ref:
            return line_of(e.node.start_mark), col_of(e.node.start_mark)
    raise LookupError(ref)


def id_entries() -> list[tuple[str, Entry]]:
    return [(file, e) for file in FILES for e in entries(file) if e.path[-1:] == ("id",)]


def id_mutations() -> list[Mutation]:
    """Every id, given to a second record: the report names both places."""
    ids = id_entries()
    found = []
    for i, (file, entry) in enumerate(ids):
        other_file, other = ids[(i + 1) % len(ids)]
        start, end = _span(other_file, other)
        text = replace(source(other_file), start, end, entry.node.value)
        here = (f"data/{file}.yml", line_of(entry.node.start_mark), col_of(entry.node.start_mark))
        there = (f"data/{other_file}.yml", line_of(other.node.start_mark), col_of(other.node.start_mark))
        # The report marks whichever comes later and names where the id was first used.
        words = f"duplicate id '{entry.node.value}'"
        found.append(Mutation(
            "duplicate-id", other_file, text,
            (Expect(*there, format_path(other.path), (words, "already used at {}:{}:{}".format(*here))),
             Expect(*here, format_path(entry.path), (words, "already used at {}:{}:{}".format(*there)))),
            f"{format_path(entry.path)}@{format_path(other.path)}"))
    return found


def reference_mutations(file: str) -> list[Mutation]:
    """Every cross-reference pointed at an id that does not exist."""
    found = []
    for entry in entries(file):
        key = _reference_key(entry.path)
        if key not in REFERENCE_KEYS or not isinstance(entry.node, yaml.ScalarNode):
            continue
        start, end = _span(file, entry)
        found.append(Mutation(
            "dangling-ref", file, replace(source(file), start, end, MISSING_ID),
            Expect(f"data/{file}.yml", line_of(entry.node.start_mark), col_of(entry.node.start_mark),
                   format_path(entry.path), (REFERENCE_KEYS[key], MISSING_ID)), format_path(entry.path)))
    return found


def markup_mutations(file: str) -> list[Mutation]:
    """Raw HTML, an event handler or a Markdown link in every text field."""
    found = []
    texts = [e for e in entries(file) if e.path and not in_flow(e) and is_text(file, e)]
    for n, entry in enumerate(texts):
        # Each field gets one payload, in turn, so each kind reaches every file.
        payload = MARKUP[n % len(MARKUP)]
        start, end = _span(file, entry)
        value = json.dumps(f"{entry.node.value} {payload}", ensure_ascii=False)
        found.append(Mutation(
            "markup", file, replace(source(file), start, end, value),
            Expect(f"data/{file}.yml", line_of(entry.node.start_mark), col_of(entry.node.start_mark),
                   format_path(entry.path), ("markup is not allowed",)),
            f"{format_path(entry.path)}#{n % len(MARKUP)}", schema_sees_it=True))
    return found


def edit_mutations(file: str) -> list[Mutation]:
    """Every text field given new words: valid, and the new words must reach the page."""
    found = []
    for entry in entries(file):
        if not entry.path or in_flow(entry) or not is_text(file, entry):
            continue
        if file == "search" and entry.path[-1] == "means":
            continue  # the guide's term: it must stay words of its records (checks.py says so)
        if entry.path[-1] == "quote":
            continue  # the source's words, verbatim: source_fidelity.py reads them
        start, end = _span(file, entry)
        words = f"Edited {file} {format_path(entry.path)}: {entry.node.value}"
        if _on_a_full_checklist(file, entry.path):
            # No room for more words there (the fit check would rightly refuse them): the same
            # words with the first letter's case swapped, which must still render.
            words = entry.node.value[:1].swapcase() + entry.node.value[1:]
        # A field with a length bound (a fault finder line) stays within it.
        limit = schema_at(file, entry).get("maxLength")
        words = f"Edited {entry.node.value}"[:limit] if limit and len(words) > limit else words
        value = json.dumps(words, ensure_ascii=False)
        found.append(Mutation("edit", file, replace(source(file), start, end, value), None,
                              format_path(entry.path)))
    return found


# The longest prefix an edit adds ("Edited " + file + the field path + ": "), in characters.
_EDIT_PREFIX = 80


@cache
def full_checklist_items() -> frozenset[str]:
    """The ids of each checklist without room for an edit's prefix in one of its items, and
    of its items: the page's capacity less the estimate, against the prefix's lines in a column at
    the checklist's text size, plus a line for a changed wrap (an editor may fill a
    checklist to its last line)."""
    from macros.checklists import printfit
    from macros.checklists.kinds import CHECKLIST_KINDS
    from macros.validate.load import load_guide

    guide = load_guide(DATA)
    full = set()
    for checklist in guide.checklists.checklists:
        size = printfit.TEXT_SIZE[checklist.paper.text]
        per_line = printfit.column_width(checklist.paper.columns) / (printfit.BOLD_CHAR * size)
        need = (int(_EDIT_PREFIX / per_line) + 2) * printfit.line(size)
        fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist)
        if fit.capacity - fit.height < need:
            # Its items, and itself (its intro): the words of either are printed on it.
            full.update(checklist.items)
            full.add(checklist.id)
    return frozenset(full)


@cache
def _parsed(file: str):
    return yaml.safe_load(source(file))


def _on_a_full_checklist(file: str, path: tuple) -> bool:
    node = _parsed(file)
    ids = []
    for key in path:
        node = node[key]
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append(node["id"])
        if isinstance(node, dict) and isinstance(node.get("at"), list):
            ids.extend(node["at"])  # a figure printed on a checklist (its caption)
    return bool(set(ids) & full_checklist_items())


def _key_lines(file: str) -> list[tuple[int, int]]:
    """(line index, key column) of every line whose first token is a mapping key."""
    lines = source(file).split("\n")
    found = []
    for entry in entries(file):
        if entry.key is None or in_flow(entry):
            continue
        line = entry.key.start_mark.line
        before = lines[line][:entry.key.start_mark.column]
        if before.strip() == "":
            found.append((line, entry.key.start_mark.column))
    return sorted(set(found))


def syntax_mutations(file: str) -> list[Mutation]:
    text = source(file)
    name = f"data/{file}.yml"
    lines = text.split("\n")
    found = []
    for line, column in _key_lines(file):
        # a tab in the indentation of the line
        tabbed = lines.copy()
        tabbed[line] = "\t" + lines[line][1:] if column else "\t" + lines[line]
        found.append(Mutation("tab", file, "\n".join(tabbed), Expect(name, line + 1, None, None, ("tab",)),
                              f"line {line + 1}"))
        if column:
            # The line indented one space less than its siblings. YAML cannot tell which of
            # two lines that disagree is wrong: the report may name the next line instead.
            # A block that nests deeper may still line up, and the parser then complains where
            # the block ends, naming the line the block starts on.
            shifted = lines.copy()
            shifted[line] = lines[line][1:]
            shifted_text = "\n".join(shifted)
            after = next((i for i in range(line + 1, len(lines)) if lines[i].strip()[:1] not in ("", "#")), line)
            expect = (Expect(name, line + 1, None, None, ("YAML syntax error", "indent")),
                      Expect(name, after + 1, None, None, ("YAML syntax error", "indent")),
                      Expect(name, None, None, None, ("YAML syntax error", "indent", f"starts at line {line + 1})")))
            try:
                same = yaml.load(shifted_text, Loader=_LOADER) == yaml.load(text, Loader=_LOADER)
            except yaml.YAMLError:
                same = False
            # Dedenting the only key of a mapping still lines up with itself: same data, valid.
            found.append(Mutation("bad-indent", file, shifted_text, None if same else expect, f"line {line + 1}"))
    for entry in entries(file):
        node = entry.node
        if entry.key is None or in_flow(entry) or not isinstance(node, yaml.ScalarNode) or node.style is not None:
            continue
        if line_of(node.start_mark) != line_of(node.end_mark):
            continue
        start = node.start_mark.index
        where = f"{format_path(entry.path)}"
        expect_line, expect_col = line_of(node.start_mark), col_of(node.start_mark)
        if '"' not in text[start:]:
            found.append(Mutation("unclosed-quote", file, replace(text, start, start, '"'),
                                  Expect(name, expect_line, expect_col, None, ("never closed",)), where))
        found.append(Mutation("unclosed-bracket", file, replace(text, start, start, "["),
                              Expect(name, expect_line, expect_col, None, ("not closed",)), where))
    for entry in entries(file):
        node = entry.node
        if isinstance(node, yaml.SequenceNode) and node.flow_style and node.value:
            end = node.end_mark.index
            found.append(Mutation("unclosed-bracket", file, replace(text, end - 1, end, ""),
                                  Expect(name, line_of(node.start_mark), col_of(node.start_mark), None,
                                         ("not closed",)), format_path(entry.path)))
    return found


def file_mutations(file: str) -> list[Mutation]:
    name = f"data/{file}.yml"
    comments = "".join(line for line in source(file).splitlines(keepends=True) if line.startswith("#"))
    return [
        Mutation("empty-file", file, "", Expect(name, 1, 1, None, ("empty",)), "empty"),
        Mutation("empty-file", file, comments, Expect(name, 1, 1, None, ("empty",)), "only comments"),
        Mutation("not-a-mapping", file, comments + "- just\n- a list\n",
                 Expect(name, comments.count("\n") + 1, 1, None, ("expected a mapping of fields", "got a list")),
                 "list", schema_sees_it=True),
        Mutation("missing-file", file, None, Expect(name, 1, 1, None, ("file not found",)), "removed"),
    ]


@cache
def all_mutations() -> tuple[Mutation, ...]:
    found: list[Mutation] = []
    for file in FILES:
        found += field_mutations(file)
        found += reference_mutations(file)
        found += markup_mutations(file)
        found += edit_mutations(file)
        found += syntax_mutations(file)
        found += file_mutations(file)
    found += id_mutations()
    return tuple(found)


def write_data(target: Path) -> Path:
    """Fill `target` with the real data files (and the files beside them); return it."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DATA.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    return target


@contextmanager
def applied(target: Path, mutation: Mutation):
    """Apply `mutation` to the real data files in `target`, and undo it afterwards."""
    path = target / f"{mutation.file}.yml"
    if mutation.text is None:
        path.unlink()
    else:
        path.write_text(mutation.text, encoding="utf-8")
    try:
        yield target
    finally:
        path.write_text(source(mutation.file), encoding="utf-8")


def mutated_data(mutation: Mutation) -> dict[str, object]:
    """Every file's plain data with `mutation` applied (for a valid mutation)."""
    return {file: yaml.load(mutation.text if file == mutation.file else source(file), Loader=_LOADER)
            for file in FILES}

