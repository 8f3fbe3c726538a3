"""Block syntax of every enabled Markdown extension is neutralised (data/block_syntax.py).

The table must name every extension mkdocs.yml enables (a new one fails here until its
block markers are listed); every marker, refused or rendered, is put at the start of a
value and rendered by the site's own converter in every kind of place a field reaches
(a paragraph, a list item, a tick item, a table cell, a heading, a box, a paragraph with
an attribute list after it): it must come out as its own characters, opening nothing.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from guide_pages import _config, site_markdown
from macros.data.block_syntax import BLOCK_SYNTAX, REFUSED_MARKERS, TEXT_MARKERS
from macros.data.model import _MARKUP
from macros.site.escaping import markdown_text
from support import ROOT, load_config

CONFIGS = ("mkdocs.yml", "mkdocs.zensical.yml")


def _enabled(name: str) -> set[str]:
    config = load_config(ROOT, name) if (ROOT / name).exists() else {}
    return {next(iter(item)) if isinstance(item, dict) else item for item in config.get("markdown_extensions", [])}


@pytest.mark.parametrize("config", CONFIGS)
def test_every_enabled_extension_has_its_block_syntax_listed(config):
    missing = _enabled(config) - set(BLOCK_SYNTAX)
    assert not missing, f"{config} enables {sorted(missing)}: list their block markers in macros/data/block_syntax.py"


def test_refused_markers_are_refused_at_the_start_of_a_value_and_only_there():
    for marker in REFUSED_MARKERS:
        assert _MARKUP.search(f"{marker} x words"), marker
        assert _MARKUP.search(f"  {marker} x words"), marker
    # After other words a marker is text (block syntax opens only at the start of a line).
    for marker in ("!!!", "???", "///", "===", "#"):
        assert not _MARKUP.search(f"words then {marker} more"), marker


# Where a field's text lands, as the templates write it ({} is the escaped value).
PLACES = {
    "paragraph": "{}\n",
    "list item": "- {}\n",
    "tick item": "- [ ] {}\n",
    "table cell": "| a | b |\n| --- | --- |\n| {} | x |\n",
    "heading": "## {}\n",
    "box": '!!! note "Note"\n\n    {}\n',
    "intro with attributes": "{}\n{{: .checklist__intro }}\n",
}
MARKERS = sorted(set(REFUSED_MARKERS) | set(TEXT_MARKERS))


@pytest.mark.parametrize("marker", MARKERS)
def test_every_marker_renders_as_its_own_characters_in_every_place(marker):
    converter = site_markdown()
    value = f'{marker} "Read this" words'
    for place, markdown in PLACES.items():
        html = converter.reset().convert(markdown.format(markdown_text(value)))
        soup = BeautifulSoup(html, "html.parser")
        assert " ".join(soup.get_text().split()).find(" ".join(value.split())) >= 0, (place, html)
        # Nothing opened: no tab, details, block, code, quote, rule, definition or nested list.
        opened = soup.find_all(["input", "details", "pre", "code", "blockquote", "hr", "dl", "ol", "h1", "h3", "h4",
                                "abbr", "sup", "script"]) + soup.select("div:not(.admonition)")
        expected = {"tick item": 1}.get(place, 0)  # the tick box the place itself makes
        assert len([t for t in opened if t.name == "input"]) == expected and not [t for t in opened if t.name != "input"], (place, html)
        assert "checklist__intro" not in soup.get_text(), (place, html)


def test_the_tab_marker_of_the_issue_stays_text_before_an_attribute_list():
    html = site_markdown().convert(markdown_text('=== "Read this"') + "\n{: .checklist__intro }\n")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("p", class_="checklist__intro").get_text() == '=== "Read this"', html


def test_the_configs_read_are_the_sites():
    assert _enabled("mkdocs.yml") == {next(iter(i)) if isinstance(i, dict) else i for i in _config()["markdown_extensions"]}
