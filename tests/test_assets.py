"""Our CSS and JS reach readers minified; the sources in overrides/ keep their comments."""

from __future__ import annotations

import pytest

from macros.postbuild.minify import minify_built_assets
from support import ROOT
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)


OURS = sorted(p.relative_to(ROOT / "overrides") for p in (ROOT / "overrides" / "assets").rglob("*")
              if p.suffix in (".css", ".js"))


def test_minifying_drops_comments_and_spacing_and_keeps_the_rules(tmp_path):
    theme, site = tmp_path / "overrides", tmp_path / "site"
    for root in (theme, site):
        (root / "assets").mkdir(parents=True)
        (root / "assets" / "a.css").write_text('/* why */\n.x {\n  content: "¶ /* kept */";\n  color: red;\n}\n')
        (root / "assets" / "a.js").write_text("// why\nvar answer = 1 + 2;  /* note */\n")
        (root / "assets" / "a.svg").write_text("<svg><!-- kept --></svg>")
    done = minify_built_assets(theme, site)
    assert sorted(p.name for p in done) == ["a.css", "a.js"]
    assert (site / "assets" / "a.css").read_text() == '.x{content:"¶ /* kept */";color:red}'
    assert (site / "assets" / "a.js").read_text() == "var answer=1+2;"
    assert (site / "assets" / "a.svg").read_text() == "<svg><!-- kept --></svg>"
    assert "/* why */" in (theme / "assets" / "a.css").read_text()


def test_the_built_site_serves_our_assets_minified(built_site):
    assert len(OURS) >= 4, OURS
    for path in OURS:
        source = (ROOT / "overrides" / path).read_text(encoding="utf-8")
        built = (built_site / path).read_text(encoding="utf-8")
        assert "/*" in source or "//" in source, f"{path}: the source should say why (comments)"
        assert "/*" not in built and "\n//" not in "\n" + built, f"{path}: comments reach the reader"
        assert len(built) < len(source) * 0.8, f"{path} is not minified ({len(built)} of {len(source)} bytes)"
    guide_css = (built_site / "assets" / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    assert ".print-footer{display:none}" in guide_css and 'content:"¶"' in guide_css
