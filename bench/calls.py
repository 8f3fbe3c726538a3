"""Where one build's time goes, and how often the expensive steps run (cProfile).

Profile entries are keyed by file, line and function name, so counts survive the
module reloads `define_env` does. Loading and validation must run once per build, each
template must be compiled once, whatever the number of pages and macro calls.
"""

from __future__ import annotations

import importlib
import os
import pstats
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from project import ENV, ROOT

# (label, file suffix, function name). A dotted name (Class.method) of one of our modules
# is also matched on its line, so another class's method of that name is not counted.
WATCHED = (
    ("define_env", "macros/engine/adapter.py", "define_env"),
    ("load_guide (load + validate)", "macros/validate/load.py", "load_guide"),
    ("YAML files parsed", "macros/data/loading.py", "parse_yaml"),
    ("GuideRenderer built", "macros/render/renderer.py", "GuideRenderer.__init__"),
    ("component renders", "macros/render/renderer.py", "GuideRenderer._render"),
    ("Jinja templates compiled (all)", "jinja2/environment.py", "_compile"),
    ("macros plugin page renders", "mkdocs_macros/plugin.py", "render"),
    ("Markdown conversions", "mkdocs/structure/pages.py", "render"),
)


@dataclass
class Call:
    label: str
    count: int
    seconds: float  # cumulative


def profile_build(config: Path, site_dir: Path, out: Path) -> tuple[float, list[Call]]:
    """Profile one build; return its total profiled time and the watched functions' figures."""
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--quiet",
                    "--config-file", str(config), "--site-dir", str(site_dir)],
                   cwd=config.parent, env=ENV, check=True, capture_output=True)
    stats = pstats.Stats(str(out))
    calls = []
    for label, suffix, qualname in WATCHED:
        name, line = _function(suffix, qualname)
        count, seconds = 0, 0.0
        for (filename, at, function), (_cc, ncalls, _tt, cumtime, _callers) in stats.stats.items():
            if function == name and filename.replace(os.sep, "/").endswith(suffix) and line in (None, at):
                count += ncalls
                seconds += cumtime
        calls.append(Call(label, count, seconds))
    return stats.total_tt, calls


def _function(suffix: str, qualname: str) -> tuple[str, int | None]:
    """The profile's name for a watched function, and its line when the name is dotted."""
    if "." not in qualname:
        return qualname, None
    target = importlib.import_module(suffix.removesuffix(".py").replace("/", ".").removesuffix(".__init__"))
    for part in qualname.split("."):
        target = getattr(target, part)
    return qualname.rpartition(".")[2], target.__code__.co_firstlineno


if __name__ == "__main__":
    total, found = profile_build(ROOT / "mkdocs.yml", Path("/tmp/bench-calls-site"), Path("/tmp/bench-calls.prof"))
    print(f"total {total:.3f}s")
    for c in found:
        print(f"{c.label:32} {c.count:6} {c.seconds:8.3f}s")


def template_compiles(project: Path) -> tuple[int, int, int]:
    """Pre-render every page of `project` in-process (the same macros a build runs) and count
    (template compilations, distinct templates, macro calls) for the project's templates."""
    from collections import Counter

    from jinja2 import Environment

    from prerender import prerender_docs
    from project import load_config

    templates = (project / "macros" / "templates").resolve()
    compiled: Counter = Counter()
    original = Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        if filename and Path(filename).resolve().is_relative_to(templates):
            compiled[name] += 1
        return original(self, source, name, filename, *args, **kwargs)

    Environment.compile = counting
    try:
        macro_calls = prerender_docs(project, load_config(project), count_calls=True)
    finally:
        Environment.compile = original
    return sum(compiled.values()), len(compiled), macro_calls
