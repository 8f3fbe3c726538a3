"""Session fixtures: the validated guide, one strict build of the real site, a local
server for it, and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import subprocess
from pathlib import Path

import pytest

from macros.validate.load import load_guide
from support import (BUILD_ENV, CHROMIUM, CHROMIUM_ARGS, DATA, ROOT, build_site, copy_project, serve_directory,
                     site_base_path)

# The engines a feature test runs against (`engine_site`): the site's own, and its successor.
ENGINES = ("properdocs", "zensical")
ZENSICAL_VENV = ROOT / ".venv-zensical"


@pytest.fixture(scope="session")
def guide():
    return load_guide(DATA)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    """The real project built once with `properdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def built_site(properdocs_site) -> Path:
    """The site's own build (a module that runs its tests on every engine overrides this)."""
    return properdocs_site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The project built by Zensical (pinned in requirements-zensical.txt, its own venv) and
    finished by our post-build pipeline, as `make build-zensical` does."""
    _install_zensical()
    # Zensical writes the site inside the project (site_dir must be within its root): a copy.
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    env = {**BUILD_ENV, "PYTHONPATH": str(project)}
    result = subprocess.run([str(ZENSICAL_VENV / "bin" / "zensical"), "build", "--strict", "--config-file",
                             str(project / "mkdocs.yml")], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"zensical build --strict failed:\n{result.stdout}\n{result.stderr}"
    result = subprocess.run([str(ZENSICAL_VENV / "bin" / "python"), "-m", "macros", "postbuild", "site"],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"python -m macros postbuild failed:\n{result.stdout}\n{result.stderr}"
    return project / "site"


def _install_zensical() -> None:
    if (ZENSICAL_VENV / ".installed").exists():
        return
    # One installer at a time (pytest-xdist workers share the folder).
    with open(ROOT / ".venv-zensical.lock", "w") as lock, contextlib.ExitStack() as stack:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stack.callback(fcntl.flock, lock, fcntl.LOCK_UN)
        result = subprocess.run(["make", "--no-print-directory", ".venv-zensical/.installed"], cwd=ROOT,
                                capture_output=True, text=True)
    assert result.returncode == 0, "Zensical (requirements-zensical.txt) cannot be installed:\n" + "\n".join(
        (result.stdout + result.stderr).strip().splitlines()[-5:])


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """The engine a feature test runs against (see `engine_site`)."""
    return request.param


@pytest.fixture(scope="session")
def engine_site(engine, request) -> Path:
    """The site as each engine builds it: a feature test that takes this runs once per engine."""
    return request.getfixturevalue("properdocs_site" if engine == "properdocs" else "zensical_site")


@pytest.fixture(scope="session")
def engine_site_url(engine_site):
    """`engine_site` served under the path of its `site_url`, as it is deployed."""
    with serve_directory(engine_site, site_base_path()) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served under the path of its `site_url`, as it is deployed."""
    with serve_directory(built_site, site_base_path()) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    """Say how many data mutations ran, invalid and valid, by kind (issue 3 asks for the count)."""
    outcomes, kinds = collections.Counter(), collections.Counter()
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            test, _, case = report.nodeid.partition("[")
            if report.when != "call" or "test_data_mutations.py" not in test or not case:
                continue
            valid = "test_valid_" in test
            outcomes[(valid, outcome)] += 1
            kinds[case.split(":", 1)[0] + (" (valid)" if valid else "")] += 1
    if outcomes:
        total = sum(outcomes.values())
        terminalreporter.write_sep("-", "data mutation suite")
        terminalreporter.write_line(
            f"{total} cases: {outcomes[(False, 'passed')] + outcomes[(False, 'failed')]} invalid "
            f"({outcomes[(False, 'failed')]} failed), {outcomes[(True, 'passed')] + outcomes[(True, 'failed')]} "
            f"valid ({outcomes[(True, 'failed')]} failed)")
        terminalreporter.write_line(", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))

