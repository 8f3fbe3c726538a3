"""Macro overhead: the real build against the same site pre-rendered ahead of time.

Three configs are built in interleaved rounds (the order rotates each round, so drift in
machine load hits all three alike): ours; the pre-rendered copy without the macros plugin
(a); the pre-rendered copy with the plugin kept but none of our code loaded (b).
"""

from __future__ import annotations

import filecmp
from dataclasses import dataclass, field
from pathlib import Path

from prerender import prerender_docs
from project import Run, build, copy_project, load_config, median, plugin_entries, plugins_setting, site_pages, write_variant

VARIANTS = ("ours", "prerendered, no macros plugin", "prerendered, macros plugin kept")


@dataclass
class Overhead:
    runs: dict[str, list[Run]] = field(default_factory=dict)
    pages: int = 0
    identical: dict[str, int] = field(default_factory=dict)
    differing: list[str] = field(default_factory=list)

    def median_s(self, variant: str, cpu: bool = False) -> float:
        return median([r.cpu_seconds if cpu else r.seconds for r in self.runs[variant]])

    def ratio(self, variant: str, cpu: bool = False) -> float:
        return self.median_s("ours", cpu) / self.median_s(variant, cpu)


def make_variants(work: Path) -> dict[str, Path]:
    """The three configs: ours, and the pre-rendered copy with and without the plugin."""
    ours = copy_project(work / "ours")
    pre = copy_project(work / "prerendered")
    config = load_config(pre)
    prerender_docs(pre, config)
    entries = plugin_entries(config)
    without = [(name, options) for name, options in entries if name != "macros"]
    # Kept but inert: no module_name, so the plugin looks for a `main` module, finds none
    # and renders the (already plain) pages with its Jinja environment only.
    inert = [(name, {k: v for k, v in options.items() if k != "module_name"} if name == "macros" else options)
             for name, options in entries]
    return {
        "ours": write_variant(ours, "bench-ours", {}),
        VARIANTS[1]: write_variant(pre, "bench-no-macros", {"plugins": plugins_setting(without)}),
        VARIANTS[2]: write_variant(pre, "bench-plugin-kept", {"plugins": plugins_setting(inert)}),
    }


def measure(work: Path, rounds: int = 7) -> Overhead:
    """Interleaved builds of the three variants (one discarded warm-up each)."""
    configs = make_variants(work)
    sites = {name: work / f"site-{i}" for i, name in enumerate(configs)}
    result = Overhead(runs={name: [] for name in configs})
    for name, config in configs.items():
        build(config, sites[name])
    names = list(configs)
    for i in range(rounds):
        for name in names[i % 3:] + names[:i % 3]:
            result.runs[name].append(build(configs[name], sites[name]))
    pages = site_pages(sites["ours"])
    result.pages = len(pages)
    for name in names[1:]:
        same = [p for p in pages if (sites[name] / p).exists()
                and filecmp.cmp(sites["ours"] / p, sites[name] / p, shallow=False)]
        result.identical[name] = len(same)
        result.differing += [p.as_posix() for p in pages if p not in same and p.as_posix() not in result.differing]
    return result
