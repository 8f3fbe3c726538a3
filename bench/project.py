"""Project copies, config variants and timed builds for the benchmarks.

Copying the project, its build environment and reading mkdocs.yml are shared with the
tests (tests/support.py). Variants are small child configs (`INHERIT: mkdocs.yml`) written next to a copy's
mkdocs.yml, so whatever other settings the real config gains are kept; only the keys a
benchmark changes are overridden (MkDocs replaces lists such as `plugins` wholesale).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

_ROOT = Path(__file__).resolve().parent.parent
for _path in (_ROOT, _ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from support import BUILD_ENV as ENV  # noqa: E402
from support import ROOT, copy_project, load_config  # noqa: E402, F401  (re-exported for the benchmarks)


def plugin_entries(config: dict) -> list[tuple[str, dict]]:
    """The `plugins` setting as (name, options) pairs, in order."""
    plugins = config.get("plugins", ["search"])
    if isinstance(plugins, dict):
        return [(name, dict(options or {})) for name, options in plugins.items()]
    entries = []
    for item in plugins:
        if isinstance(item, str):
            entries.append((item, {}))
        else:
            (name, options), = item.items()
            entries.append((name, dict(options or {})))
    return entries


def write_variant(project: Path, name: str, overrides: dict) -> Path:
    """Write `<name>.yml` inheriting the project's mkdocs.yml with `overrides` on top."""
    path = project / f"{name}.yml"
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", **overrides}, sort_keys=False), encoding="utf-8")
    return path


def plugins_setting(entries: list[tuple[str, dict]]) -> list:
    return [{name: options} if options else name for name, options in entries]


@dataclass
class Run:
    seconds: float  # wall
    cpu_seconds: float  # user + system of the build process: far less sensitive to other load
    peak_rss_mib: float


def build(config: Path, site_dir: Path, strict: bool = True) -> Run:
    """One `properdocs build` (the engine) in a fresh process: wall time and the child's peak RSS."""
    command = [sys.executable, "-m", "properdocs", "build", "--quiet", *(["--strict"] if strict else []),
               "--config-file", str(config), "--site-dir", str(site_dir)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=config.parent, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) is a max over all
        # children); reaping it here means Popen.wait must not be used for it.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise RuntimeError(f"build of {config} failed:\n{errors.read().decode()[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(values: list[float]) -> float:
    return statistics.median(values)


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, as paths relative to it (404 page excluded)."""
    return sorted(p.relative_to(site) for p in site.rglob("*.html") if p.name != "404.html")


def page_url(relative: Path) -> str:
    """The URL path MkDocs uses for a built page (directory URLs end in /)."""
    path = relative.as_posix()
    return path.removesuffix("index.html")
