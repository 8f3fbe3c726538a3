"""Session fixtures: the validated guide, one strict build of the real site, a local
server for it, and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from macros.validate.load import load_guide
from support import CHROMIUM, CHROMIUM_ARGS, DATA, ROOT, build_site, serve_directory, site_base_path


@pytest.fixture(scope="session")
def guide():
    return load_guide(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


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
