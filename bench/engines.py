"""Engines side by side: MkDocs 1.6, ProperDocs and Zensical on the same data at 1x, 10x, 100x.

Build: a full build (`build --strict`; Zensical with `--clean`, so its cache is not reused),
CPU time (user + system, every thread) of the build process, interleaved rounds.
Serve rebuild: each engine serves a copy; after its first build, the title in
data/mistakes.yml is changed and the served mistakes page polled until it shows the new
title; the CPU the server process spent from the save to then (read from /proc) is the
rebuild's. Zensical runs from .venv-zensical (`make build-zensical` installs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from editloop import DATA_FILE, TITLE_LINE, _get, _wait_for
from generate import generate
from project import ENV, ROOT, copy_project, load_config, median
from support import free_port

ENGINES = ("mkdocs", "properdocs", "zensical")
SCALES = (1, 10, 100)
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
TICKS = os.sysconf("SC_CLK_TCK")


def _command(engine: str, *args: str) -> list[str]:
    if engine == "zensical":
        return [str(ZENSICAL), *args]
    return [sys.executable, "-m", engine, *args]


def _env(engine: str, project: Path) -> dict:
    return {**ENV, "PYTHONPATH": str(project)} if engine == "zensical" else ENV


def build_cpu(engine: str, project: Path) -> float:
    """CPU seconds of one full build of `project` (its site goes to project/site)."""
    args = ["build", "--strict", "--config-file", str(project / "mkdocs.yml")]
    args += ["--clean"] if engine == "zensical" else ["--quiet", "--site-dir", str(project / "site")]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(_command(engine, *args), cwd=project, env=_env(engine, project),
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise RuntimeError(f"{engine} build of {project} failed:\n{errors.read().decode()[-3000:]}")
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime: every thread of the process


def rebuild_cpu(engine: str, project: Path, timeout: float = 300.0) -> float | None:
    """CPU seconds the server spent from an edit in data/ to serving the rebuilt page;
    None if the page never showed the edit."""
    port = free_port()
    mount = urllib.parse.urlsplit(load_config(project).get("site_url") or "/").path or "/"
    # Zensical serves at the root; MkDocs and ProperDocs under site_url's path.
    base = f"http://127.0.0.1:{port}" + ("/" if engine == "zensical" else mount.rstrip("/") + "/")
    path = project / "data" / DATA_FILE
    original = path.read_text(encoding="utf-8")
    title = TITLE_LINE.search(original).group(1).strip().strip("\"'")
    server = subprocess.Popen(_command(engine, "serve", "--config-file", str(project / "mkdocs.yml"),
                                       "--dev-addr", f"127.0.0.1:{port}"),
                              cwd=project, env=_env(engine, project), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = base + "mistakes/"
        _wait_for(url, title, timeout)
        time.sleep(2.0)  # let the watcher settle after the first build
        before = _process_cpu(server.pid)
        marker = f"Edited {time.time_ns()}"
        path.write_text(TITLE_LINE.sub(f"title: {marker}", original, count=1), encoding="utf-8")
        try:
            _wait_for(url, marker, timeout)
        except TimeoutError:
            return None
        return _process_cpu(server.pid) - before
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Cell:
    build: list[float]
    rebuild: float | None


def measure(work: Path, scales: tuple[int, ...] = SCALES, rounds: int = 2) -> dict[tuple[str, int], Cell]:
    if not ZENSICAL.exists():
        subprocess.run(["make", "--no-print-directory", ".venv-zensical/.installed"], cwd=ROOT, check=True)
    projects = {}
    for scale in scales:
        for engine in ENGINES:
            project = copy_project(work / f"{engine}-x{scale}")
            generate(project / "data", scale)
            projects[engine, scale] = project
    cells = {key: Cell([], None) for key in projects}
    for _ in range(rounds):  # interleaved: load on the machine hits every engine alike
        for scale in scales:
            for engine in ENGINES:
                cells[engine, scale].build.append(build_cpu(engine, projects[engine, scale]))
    for scale in scales:
        for engine in ENGINES:
            cells[engine, scale].rebuild = rebuild_cpu(engine, projects[engine, scale])
    return cells


def rows(cells: dict[tuple[str, int], Cell], scales: tuple[int, ...] = SCALES) -> list[list[str]]:
    """One row per scale: CPU s per engine, and each engine's ratio to MkDocs."""
    out = []
    for scale in scales:
        base = median(cells["mkdocs", scale].build)
        base_rebuild = cells["mkdocs", scale].rebuild
        row = [f"{scale}×"]
        for engine in ENGINES:
            b = median(cells[engine, scale].build)
            row.append(f"{b:.2f} ({b / base:.2f}×)")
        for engine in ENGINES:
            r = cells[engine, scale].rebuild
            row.append("not picked up" if r is None else
                       f"{r:.2f}" + (f" ({r / base_rebuild:.2f}×)" if base_rebuild else ""))
        out.append(row)
    return out


HEADER = ["size", *(f"build {e}" for e in ENGINES), *(f"serve rebuild {e}" for e in ENGINES)]
