"""JSON Schema for each data file, generated from the models: `python -m macros schema`.

Each YAML file in data/ names its schema on its first line
(`# yaml-language-server: $schema=schema/<file>.schema.json`), so an editor with the
YAML language server completes keys and flags mistakes while the file is being typed.
Each field carries its help text (field_help.py), shown on hover, and a field that names
ids in another file (citations, checklist items, progression variations, a FAQ's table,
linked records, the records a figure is shown with) lists the ids data/ holds, so they complete and are checked as typed:
regenerate after adding or renaming an id too. Run with `--check` to fail (exit 1) when
the committed schemas are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..checklists.kinds import CHECKLIST_KINDS
from ..data.field_help import help_for
from ..data.loading import read_text
from ..data.model import FILE_MODELS, records_by_id
from ..data.problems import DataError
from ..validate.load import check_file
from ..validate.rules import FIGURE_PLACES

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _close_keyed_mappings(node: object) -> None:
    # A mapping keyed by data (guide.yml `pages:`) lists its allowed keys as a pattern; the
    # model rejects any other key, so the editor's schema must too.
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_keyed_mappings(value)
    elif isinstance(node, list):
        for value in node:
            _close_keyed_mappings(value)


def cross_file_ids(data_dir: Path) -> dict[tuple[str, str], list[str]]:
    """The ids a field may name from another file, by (schema definition, field): citations,
    checklist items by kind, progression variations, the table a FAQ shows, linked records.
    Read from the files in `data_dir` that validate on their own; none for the others (an
    editor then gets the id pattern only, never a list that rejects every id)."""

    parts = {}
    for key in FILE_MODELS:
        path = data_dir / f"{key}.yml"
        if not path.is_file():
            continue
        try:
            text = read_text(path, f"{data_dir.name}/{key}.yml", root=data_dir)
        except DataError:
            continue
        record = check_file(key, f"{data_dir.name}/{key}.yml", text)[1]
        if record is not None:
            parts[key] = record
    ids: dict[tuple[str, str], list[str]] = {}
    if "references" in parts:
        ids[("CitedParagraph", "cites")] = sorted(r.id for r in parts["references"].references)
    if "variations" in parts:
        ids[("ProgressionStep", "variations")] = sorted(v.id for v in parts["variations"].variations)
    if "programming" in parts:
        ids[("Faq", "shows")] = [parts["programming"].guidelines.id]
    records = records_by_id(parts.values())
    if {"technique", "mistakes", "programming"} <= parts.keys():
        for kind in CHECKLIST_KINDS.values():
            ids[(kind.model.__name__, "items")] = sorted(r.id for r in records.values() if isinstance(r, kind.lists))
    if {"technique", "mistakes", "variations", "checklists"} <= parts.keys():
        ids[("Figure", "at")] = sorted(r.id for r in records.values() if isinstance(r, FIGURE_PLACES))
    if parts.keys() == FILE_MODELS.keys():
        ids[("PhraseLink", "to")] = ids[("Correction", "at")] = sorted(records)
    return ids


def _list_ids_as_enum(node: dict, values: list[str]) -> None:
    """Put `values` as the enum of the id (or ids, or optional id) that `node` describes."""
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        _list_ids_as_enum(node["items"], values)
    elif "anyOf" in node:
        for branch in node["anyOf"]:
            _list_ids_as_enum(branch, values)
    elif node.get("type") == "string":
        node["enum"] = list(values)


def _describe_fields(schema: dict, root: str, ids: dict[tuple[str, str], list[str]]) -> None:
    """Each field's help text (field_help.py) as its description, and the ids it may name."""
    definitions = [(root, schema), *schema.get("$defs", {}).items()]
    for name, definition in definitions:
        for field, node in definition.get("properties", {}).items():
            text = help_for(name, field)
            if text:
                node["description"] = text + (f" ({node['description']})" if "description" in node else "")
            if (name, field) in ids:
                _list_ids_as_enum(node, ids[(name, field)])


def schema_text(key: str, data_dir: Path | None = None) -> str:
    """The schema of data/<key>.yml as the exact text committed under data/schema/; with
    `data_dir`, fields naming ids in other files list the ids its files hold."""
    schema = {"$schema": DIALECT, **FILE_MODELS[key].model_json_schema()}
    _close_keyed_mappings(schema)
    _describe_fields(schema, FILE_MODELS[key].__name__, cross_file_ids(data_dir) if data_dir is not None else {})
    schema["title"] = f"data/{key}.yml"
    schema.setdefault("description", f"The {key} file of the guide; generated from macros/data/model.py.")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path(data_dir: Path, key: str) -> Path:
    return data_dir / "schema" / f"{key}.schema.json"


def stale_schemas(data_dir: Path) -> list[Path]:
    """Schema files under `data_dir` that are missing or differ from the models."""
    stale = []
    for key in FILE_MODELS:
        path = schema_path(data_dir, key)
        if not path.exists() or path.read_text(encoding="utf-8") != schema_text(key, data_dir):
            stale.append(path)
    return stale


def write_schemas(data_dir: Path) -> list[Path]:
    """(Re)write every schema file; return the ones that changed."""
    changed = stale_schemas(data_dir)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(path.name.removesuffix(".schema.json"), data_dir), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    """Write the schemas for the data folder in `argv` (default: data), or with --check say which are stale."""
    parser = argparse.ArgumentParser(prog="python -m macros schema",
                                     description="Regenerate the JSON Schemas editors use (data/schema/).")
    parser.add_argument("data_dir", metavar="DATA_DIR", nargs="?", default="data")
    parser.add_argument("--check", action="store_true", help="only report stale schemas (exit 1 if any)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    if args.check:
        stale = stale_schemas(data_dir)
        for path in stale:
            print(f"{path}: stale; run `make schema` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(data_dir):
        print(f"wrote {path}")
    return 0
