"""Before/after: interleaved builds of two project trees at 1x and 100x data, CPU time.

    python bench/compare.py BEFORE_DIR AFTER_DIR [rounds]

Each tree builds its own data and its own data scaled 100x by bench/generate.py. Used for
the before/after figures in bench/notes.md (BEFORE_DIR = the tree with an optimization
reverted).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from generate import generate
from project import build, copy_project, median, write_variant


def compare(before: Path, after: Path, rounds: int = 5) -> list[str]:
    lines = ["| data | before CPU s | after CPU s | after ÷ before | before peak MiB | after peak MiB |",
             "| --- | --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        work = Path(tmp)
        for factor in (1, 100):
            configs = {}
            for label, tree in (("before", before), ("after", after)):
                project = copy_project(work / f"{label}-x{factor}", src=tree)
                generate(project / "data", factor, data_dir=tree / "data")
                configs[label] = write_variant(project, "bench-compare", {})
            runs = {label: [] for label in configs}
            for label, config in configs.items():
                build(config, work / f"site-{label}")  # warm-up
            for i in range(rounds):
                for label in (("before", "after") if i % 2 == 0 else ("after", "before")):
                    runs[label].append(build(configs[label], work / f"site-{label}"))
            b, a = (median([r.cpu_seconds for r in runs[k]]) for k in ("before", "after"))
            lines.append(f"| {factor}× | {b:.3f} | {a:.3f} | {a / b:.2f} | "
                         f"{max(r.peak_rss_mib for r in runs['before']):.0f} | "
                         f"{max(r.peak_rss_mib for r in runs['after']):.0f} |")
    return lines


if __name__ == "__main__":
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    print("\n".join(compare(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), rounds)))
