"""The link tools read site_url and the redirects from mkdocs.yml without MkDocs, as
MkDocs reads them (its `!ENV` tag included)."""

from __future__ import annotations

from macros.site.config import read_site_config
from support import ROOT, load_config


def test_reads_what_mkdocs_reads_from_the_real_config():
    config = load_config()
    redirects = next((p["redirects"].get("redirect_maps") or {} for p in config["plugins"]
                      if isinstance(p, dict) and "redirects" in p), {})
    assert read_site_config(ROOT / "mkdocs.yml").site_url == config["site_url"]
    assert read_site_config(ROOT / "mkdocs.yml").redirects == redirects


def test_env_tag_and_redirects(tmp_path, monkeypatch):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV [GUIDE_TEST_URL, 'https://example.org/guide/']\n"
                    "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                    "plugins:\n  - search\n  - redirects:\n      redirect_maps:\n        faq.md: questions.md\n",
                    encoding="utf-8")
    monkeypatch.delenv("GUIDE_TEST_URL", raising=False)
    config = read_site_config(path)
    assert (config.site_url, config.redirects) == ("https://example.org/guide/", {"faq.md": "questions.md"})
    monkeypatch.setenv("GUIDE_TEST_URL", "https://coach.example/hips/")
    assert read_site_config(path).site_url == "https://coach.example/hips/"
