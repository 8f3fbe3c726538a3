"""Linked words (`links:`) are found in the paragraph's own text, in one pass
(macros/render/linked.py): generated phrase pairs from the real data's linked paragraph.

Any two phrases of the paragraph either overlap where they first occur (make check-data
and the build refuse them at the later one's `links:` entry) or both become links showing
exactly their words, the rest of the text intact, whatever the link targets contain
(the targets here hold the phrases' own words, which a substitution would match again).
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup

from data_mutations import source, write_data
from guide_pages import site_markdown
from macros.data.model import CitedParagraph
from macros.data.problems import DataError
from macros.render.linked import link_spans, linked_text, overlaps
from macros.validate.load import load_guide, site_pages
from support import ROOT


def _linked_paragraph(node, path=()) -> tuple[tuple, dict] | None:
    """The path and value of the first paragraph with links in data/guide.yml."""
    if isinstance(node, dict) and node.get("links") and "text" in node:
        return path, node
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    return next((found for key, child in children if (found := _linked_paragraph(child, path + (key,)))), None)


PATH, REAL = _linked_paragraph(yaml.safe_load(source("guide")))
WORDS = REAL["text"].split()[:14]
# Every phrase of one to three consecutive words near the start, paired with every other.
PHRASES = sorted({" ".join(WORDS[i:i + n]) for n in (1, 2, 3) for i in range(len(WORDS) - n + 1)})
PAIRS = list(itertools.combinations(PHRASES, 2))
OVERLAPPING = [pair for pair in PAIRS if overlaps(link_spans(REAL["text"], list(pair)))]
SEPARATE = [pair for pair in PAIRS if pair not in OVERLAPPING]


def _href(record_id: str) -> str:
    # A target that holds the phrases' words: a later phrase must never be found in it.
    return f"{record_id}.md#{'-'.join(WORDS)}"


def _render(paragraph: CitedParagraph) -> BeautifulSoup:
    return BeautifulSoup(site_markdown().convert(linked_text(paragraph, _href)), "html.parser")


def test_there_are_overlapping_and_separate_pairs():
    assert len(OVERLAPPING) > 50 and len(SEPARATE) > 300


@pytest.mark.parametrize("pair", SEPARATE, ids=" + ".join)
def test_two_separate_phrases_are_two_links_showing_their_words(pair):
    paragraph = CitedParagraph(text=REAL["text"], links=[{"text": w, "to": "safety"} for w in pair])
    soup = _render(paragraph)
    links = [a.get_text() for a in soup.find_all("a")]
    assert sorted(links) == sorted(pair), soup
    assert all(a["href"] == _href("safety") for a in soup.find_all("a"))
    assert " ".join(soup.get_text().split()) == " ".join(REAL["text"].split())


def _with_links(data_dir, links: list[dict]) -> DataError | None:
    guide = yaml.safe_load(source("guide"))
    node = guide
    for key in PATH:
        node = node[key]
    node["links"] = links
    (data_dir / "guide.yml").write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_guide(data_dir, site_pages(ROOT / "docs"))
    except DataError as error:
        return error
    finally:
        (data_dir / "guide.yml").write_text(source("guide"), encoding="utf-8")
    return None


def test_overlapping_phrases_are_refused_at_the_later_links_entry(tmp_path):
    data_dir = write_data(tmp_path / "data")
    sample = OVERLAPPING[::max(1, len(OVERLAPPING) // 6)][:6]
    for pair in sample:
        error = _with_links(data_dir, [{"text": w, "to": "safety"} for w in pair])
        assert error is not None, pair
        located = [p for p in error.problems if "overlaps" in p.message]
        assert len(located) == 1 and located[0].field.endswith(f"links[1].text"), error.report()
        assert located[0].position.file == "data/guide.yml" and located[0].position.line > 1


def test_a_phrase_written_in_another_normal_form_is_found(tmp_path):
    text = "Setup for the caf\u00e9 bench, then rest."
    decomposed = unicodedata.normalize("NFD", "caf\u00e9 bench")
    paragraph = CitedParagraph(text=text, links=[{"text": decomposed, "to": "safety"}])
    assert [a.get_text() for a in _render(paragraph).find_all("a")] == ["caf\u00e9 bench"]
