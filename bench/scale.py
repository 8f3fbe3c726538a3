"""Scale: build time and peak memory with the data at 1x, 10x and 100x the real item counts.

The growth exponent is the slope of log(build time) against log(item count); a build
whose work is linear in the data has slope <= 1 (start-up makes small sizes look cheaper,
so the 10x -> 100x slope is the one that shows how the build grows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml
from generate import generate
from project import Run, build, copy_project, median, site_pages, write_variant

SCALES = (1, 10, 100)


@dataclass
class Size:
    scale: int
    items: int
    pages: int
    runs: list[Run]

    @property
    def seconds(self) -> float:
        return median([r.seconds for r in self.runs])

    @property
    def cpu_seconds(self) -> float:
        return median([r.cpu_seconds for r in self.runs])

    @property
    def peak_mib(self) -> float:
        return max(r.peak_rss_mib for r in self.runs)


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def measure(work: Path, scales: tuple[int, ...] = SCALES, repeats: int = 3) -> list[Size]:
    """Build each size `repeats` times, interleaving the sizes."""
    configs, counts = {}, {}
    for scale in scales:
        project = copy_project(work / f"x{scale}")
        counts[scale] = sum(generate(project / "data", scale).values())
        configs[scale] = write_variant(project, "bench-scale", {})
    runs = {scale: [] for scale in scales}
    for _ in range(repeats):
        for scale in scales:
            runs[scale].append(build(configs[scale], work / f"site-x{scale}"))
    return [Size(s, counts[s], len(site_pages(work / f"site-x{s}")), runs[s]) for s in scales]


def exponents(sizes: list[Size], cpu: bool = False) -> dict[str, float]:
    """The overall log-log slope and the slope between consecutive sizes."""
    def time(s: Size) -> float:
        return s.cpu_seconds if cpu else s.seconds

    out = {"fit": slope([s.items for s in sizes], [time(s) for s in sizes])}
    for a, b in zip(sizes, sizes[1:]):
        out[f"{a.scale}×→{b.scale}×"] = slope([a.items, b.items], [time(a), time(b)])
    return out


# Long words: the issue-31 attack on the preview pictures (a page description with one
# word thousands of letters long took the build from 3 s to minutes). Every page's
# description gets one such word; the build time must not grow with its length.
WORD_LENGTHS = (0, 1500, 3000, 6000)


def with_long_descriptions(data: Path, letters: int) -> None:
    guide_file = data / "guide.yml"
    guide = yaml.safe_load(guide_file.read_text(encoding="utf-8"))
    word = "".join(chr(ord("a") + i % 26) for i in range(letters))
    for preview in guide["pages"].values():
        preview["description"] = f"{preview['description']} {word}".strip()
    guide_file.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def measure_long_words(work: Path, lengths: tuple[int, ...] = WORD_LENGTHS, repeats: int = 1) -> list[tuple[int, Run]]:
    """One build per word length (after one warm-up of the first): (letters, median run)."""
    configs = {}
    for letters in lengths:
        project = copy_project(work / f"words-{letters}")
        with_long_descriptions(project / "data", letters)
        configs[letters] = write_variant(project, "bench-words", {})
    build(configs[lengths[0]], work / "words-warm-up")
    runs = {letters: [build(configs[letters], work / f"site-words-{letters}") for _ in range(repeats)]
            for letters in lengths}
    return [(letters, min(runs[letters], key=lambda r: r.cpu_seconds)) for letters in lengths]
