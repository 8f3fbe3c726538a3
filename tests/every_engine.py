"""Run a test module against every engine's build: import these two fixtures into it
(`from every_engine import built_site, site_url  # noqa: F401`) and its `built_site` and
`site_url` become conftest.py's `engine_site` and `engine_site_url`, so each of its tests
runs once on the ProperDocs site and once on the Zensical one."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def built_site(engine_site):
    return engine_site


@pytest.fixture(scope="session")
def site_url(engine_site_url):
    return engine_site_url
