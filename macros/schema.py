"""JSON Schema for each data file, generated from the models: `python -m macros.schema`.

Each YAML file in data/ names its schema on its first line
(`# yaml-language-server: $schema=schema/<file>.schema.json`), so an editor with the
YAML language server completes keys and flags mistakes while the file is being typed.
Run with `--check` to fail (exit 1) when the committed schemas are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import FILE_MODELS

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


def schema_text(key: str) -> str:
    """The schema of data/<key>.yml as the exact text committed under data/schema/."""
    schema = {"$schema": DIALECT, **FILE_MODELS[key].model_json_schema()}
    _close_keyed_mappings(schema)
    schema["title"] = f"data/{key}.yml"
    schema.setdefault("description", f"The {key} file of the guide; generated from macros/model.py.")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path(data_dir: Path, key: str) -> Path:
    return data_dir / "schema" / f"{key}.schema.json"


def stale_schemas(data_dir: Path) -> list[Path]:
    """Schema files under `data_dir` that are missing or differ from the models."""
    stale = []
    for key in FILE_MODELS:
        path = schema_path(data_dir, key)
        if not path.exists() or path.read_text(encoding="utf-8") != schema_text(key):
            stale.append(path)
    return stale


def write_schemas(data_dir: Path) -> list[Path]:
    """(Re)write every schema file; return the ones that changed."""
    changed = stale_schemas(data_dir)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(path.name.removesuffix(".schema.json")), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv[1:] if a != "--check"]
    data_dir = Path(args[0] if args else "data")
    if check:
        stale = stale_schemas(data_dir)
        for path in stale:
            print(f"{path}: stale; run `make schema` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(data_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
