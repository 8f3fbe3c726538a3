"""Synthetic guide data at N times the real guide's item counts, for the scale benchmark.

The real data/ is the template: each scaled list (steps, mistakes, muscles, variations,
FAQs, references) is repeated N times. Copy 0 keeps the real ids, so every cross-reference
the real data makes still resolves; copy k gets `-x<k>` on every id, alias and citation
inside it, so ids stay unique and copy k of a citing paragraph cites copy k of its
reference (every reference stays cited). The result must pass `load_guide`.

    python bench/generate.py --scale 10 --out /tmp/data-10x
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# data file -> the list in it that is scaled
SCALED = {
    "technique": "steps",
    "mistakes": "mistakes",
    "muscles": "muscles",
    "variations": "variations",
    "faq": "faqs",
    "references": "references",
}
# Mappings in files that are not scaled whose keys are ids of scaled records (file -> key):
# every copy of the record needs its own entry (a muscle without a body-map region is an error).
_ID_KEYED_MAPPINGS = {"figures": "body_map"}
# Keys whose values are ids that must follow their copy (the rest point at copy 0).
_ID_KEYS = {"id", "aliases", "cites"}
# What a reader sees as an item's name; the copy number keeps headings distinguishable.
_LABEL_KEYS = ("title", "name", "question")


def _suffixed(node: object, suffix: str) -> object:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _ID_KEYS:
                out[key] = [f"{v}{suffix}" for v in value] if isinstance(value, list) else f"{value}{suffix}"
            else:
                out[key] = _suffixed(value, suffix)
        return out
    if isinstance(node, list):
        return [_suffixed(item, suffix) for item in node]
    return node


def clone_item(item: dict, k: int) -> dict:
    """Copy k of one list item: ids, aliases and citations suffixed, label numbered."""
    if k == 0:
        return copy.deepcopy(item)
    clone = _suffixed(item, f"-x{k}")
    for key in _LABEL_KEYS:
        if isinstance(clone.get(key), str):
            clone[key] = f"{clone[key]} (copy {k})"
            break
    return clone


def scale_file(document: dict, list_key: str, scale: int) -> dict:
    """The document with `list_key` repeated `scale` times."""
    out = dict(document)
    out[list_key] = [clone_item(item, k) for k in range(scale) for item in document[list_key]]
    return out


def generate(out_dir: Path, scale: int, data_dir: Path = DATA) -> dict[str, int]:
    """Write data/ scaled `scale` times into `out_dir`; return the item count per scaled list."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(data_dir, out_dir)  # keeps files the generator does not scale
    if scale > 1:
        # The copies' ids are new to the link manifest, which would stop the build ("run
        # `make links-lock`"); synthetic data promises no links, so it has no manifest.
        (out_dir / "links.lock").unlink(missing_ok=True)
    counts = {}
    for file_key, list_key in SCALED.items():
        path = out_dir / f"{file_key}.yml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        scaled = scale_file(document, list_key, scale)
        counts[list_key] = len(scaled[list_key])
        path.write_text(yaml.safe_dump(scaled, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    _cite_copies_from_unscaled_files(out_dir, scale)
    return counts


def _cite_copies_from_unscaled_files(out_dir: Path, scale: int) -> None:
    """A citation in a file that is not scaled (a benefit's `closing:`, the guide's summary)
    has no copies to follow its reference's copies: it cites them all, so every copy of the
    reference stays cited. An id-keyed mapping there (the body map) gets an entry per copy."""
    if scale == 1:
        return
    for path in sorted(out_dir.glob("*.yml")):
        if path.stem in SCALED:
            continue
        text = path.read_text(encoding="utf-8")
        document = yaml.safe_load(text)
        changed = _cite_every_copy(document, scale)
        mapping_key = _ID_KEYED_MAPPINGS.get(path.stem)
        if mapping_key and isinstance(document.get(mapping_key), dict):
            original = document[mapping_key]
            document[mapping_key] = {**original, **{f"{key}-x{k}": copy.deepcopy(value)
                                                   for k in range(1, scale) for key, value in original.items()}}
            changed = True
        if changed:
            path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
                            encoding="utf-8")


def _cite_every_copy(node: object, scale: int) -> bool:
    changed = False
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cites" and isinstance(value, list):
                node[key] = value + [f"{ref}-x{k}" for k in range(1, scale) for ref in value]
                changed = True
            else:
                changed |= _cite_every_copy(value, scale)
    elif isinstance(node, list):
        for item in node:
            changed |= _cite_every_copy(item, scale)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.scale)
    sys.path.insert(0, str(ROOT))
    from macros.validate.load import load_guide

    load_guide(args.out)
    print(f"{args.out}: " + ", ".join(f"{n} {key}" for key, n in counts.items()) + " (valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
