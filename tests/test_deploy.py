"""The real address: the Pages workflow builds with the address GitHub Pages serves the site at
(SITE_URL from actions/configure-pages), a deploy build refuses the placeholder, and every
address the site prints or declares (QR codes, canonical, og:url, sitemap) follows SITE_URL."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup

from macros.checklists.qr import qr_svg
from macros.site import deploy
from printing import print_pdf, rasterize
from support import QUIET, ROOT, load_config, serve_directory

# An address that is not the placeholder, as a fork's Pages site would have.
REAL_URL = "https://hipthrust-coach.github.io/slht-guide/"
PLACEHOLDER = "https://example.org/single-leg-hip-thrust/"


# --- the check, at the unit level -------------------------------------------------------------
@pytest.mark.parametrize("url", [PLACEHOLDER, "http://127.0.0.1:8000/", "https://localhost/x/", None, "",
                                 "https://guide.example/", "https://www.example.com/guide/", "ftp://x.org/"])
def test_a_deploy_build_refuses_an_address_that_leads_nowhere(url):
    with pytest.raises(deploy.NotPublishable) as error:
        deploy.check_site_url(url, {"DEPLOY": "1"})
    assert "Refusing to deploy" in str(error.value) and "SITE_URL" in str(error.value)


@pytest.mark.parametrize("url", [REAL_URL, "https://physio.co.uk/guide/", "https://guide.example.co/"])
def test_a_deploy_build_accepts_a_public_address(url):
    deploy.check_site_url(url, {"DEPLOY": "1"})


@pytest.mark.parametrize("flag", [None, "", "0"])
def test_a_local_build_keeps_the_placeholder(flag):
    deploy.check_site_url(PLACEHOLDER, {} if flag is None else {"DEPLOY": flag})


def test_site_url_comes_from_the_environment_with_the_placeholder_as_local_default(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config()["site_url"] == PLACEHOLDER
    monkeypatch.setenv("SITE_URL", REAL_URL)
    assert load_config()["site_url"] == REAL_URL


# --- the workflow --------------------------------------------------------------------------------
def test_the_pages_workflow_builds_with_the_pages_address_as_a_deploy_build():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    pages = [s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages")]
    assert len(pages) == 1 and pages[0].get("id"), "the build job has no configure-pages step with an id"
    build = [s for s in steps if "make build" in s.get("run", "")]
    assert len(build) == 1, "the build job runs `make build` once"
    assert steps.index(pages[0]) < steps.index(build[0])
    env = build[0].get("env") or {}
    assert re.fullmatch(r"\$\{\{\s*steps\." + re.escape(pages[0]["id"]) + r"\.outputs\.base_url\s*\}\}/",
                        env.get("SITE_URL", "")), f"SITE_URL is {env.get('SITE_URL')!r}"
    assert deploy.is_deploy({k: str(v) for k, v in env.items()}), "the published build is no deploy build"


# --- builds ----------------------------------------------------------------------------------------
def _build(site_dir, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in __import__("os").environ.items() if k not in ("SITE_URL", "DEPLOY")}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=ROOT, capture_output=True, text=True, env={**clean, **QUIET, **env})


def test_a_deploy_build_with_the_placeholder_fails_with_the_message(tmp_path):
    # Stops in define_env, before any page is rendered.
    result = _build(tmp_path / "site", DEPLOY="1")
    assert result.returncode != 0
    assert "Refusing to deploy" in result.stderr and "example.org" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The one extra build: a deploy build with a public address passed through the environment."""
    site = tmp_path_factory.mktemp("real-url") / "site"
    result = _build(site, SITE_URL=REAL_URL, DEPLOY="1")
    assert result.returncode == 0, result.stderr
    return site


def test_canonical_og_url_and_sitemap_follow_site_url(real_site):
    for rel in ("", "technique/", "checklists/setup/"):
        soup = BeautifulSoup((real_site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('link[rel="canonical"]')["href"] == REAL_URL + rel
        assert soup.select_one('meta[property="og:url"]')["content"] == REAL_URL + rel
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(REAL_URL) for loc in locations)
    assert "example.org" not in sitemap


@pytest.mark.browser
def test_printed_qr_code_leads_to_the_address_the_build_was_given(real_site, browser, tmp_path):
    with serve_directory(real_site, urllib.parse.urlsplit(REAL_URL).path) as url:
        page = browser.new_page()
        page.goto(url + "checklists/setup/")
        pdf = print_pdf(page, tmp_path / "setup.pdf", "A4")
        page.close()
    image = rasterize(pdf, dpi=150)
    decoded = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert decoded == [REAL_URL + "checklists/setup/"]


# --- the address as hostile input: generated from the characters a site address may not hold ---
_ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/%@!$&()*+,;=")
FORBIDDEN = sorted({chr(c) for c in range(0x00, 0x80) if chr(c) not in _ALLOWED} | {"\u00e9", "\u202e", "\u3000"})


@pytest.mark.parametrize("character", FORBIDDEN, ids=lambda ch: f"U+{ord(ch):04X}")
@pytest.mark.parametrize("flag", ["1", ""])
def test_an_address_with_a_character_it_may_not_hold_is_refused_by_every_build(character, flag):
    url = "https://guide.co.uk/x/" + character + "/"
    with pytest.raises(deploy.NotPublishable) as error:
        deploy.check_site_url(url, {"DEPLOY": flag})
    message = str(error.value)
    assert "SITE_URL" in message and repr(character) in message and "character 23" in message, message


def test_an_address_a_qr_code_cannot_hold_is_refused_and_the_longest_accepted_one_encodes():
    base = "https://guide.co.uk/"
    longest = base + "a" * (deploy.MAX_ADDRESS_LENGTH - len(base))
    deploy.check_site_url(longest, {"DEPLOY": "1"})
    # With the longest path a checklist's code adds (its page and an anchor), it still encodes.
    assert qr_svg(longest + "checklists/progression-tracker/#" + "x" * 200).startswith("<svg")
    with pytest.raises(deploy.NotPublishable) as error:
        deploy.check_site_url(longest + "a", {})
    assert f"at most {deploy.MAX_ADDRESS_LENGTH:,}" in str(error.value)
    with pytest.raises(deploy.NotPublishable):
        deploy.check_site_url(base + "a" * 3000, {})


def test_the_theme_escapes_the_canonical_address_it_writes():
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="{{ page.canonical_url | e }}">' in template
