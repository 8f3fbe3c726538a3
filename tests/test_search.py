"""Search that answers the reader's question (issue 16): the built index holds one entry
per record and nothing else (no checklist pages, glyphs or control labels), the reader
vocabulary (data/search.yml) is validated like the rest of the data, and the query suite
(tests/search_queries.yml) finds its record in the first three results of the site's own
search in Chromium, at phone and desktop widths."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from macros.render.registry import page_table
from macros.site.urls import address_of
from macros.data.model import Correction, Linkable, Variation, walk
from macros.postbuild.search_index import answer_index
from macros.validate.load import load_guide
from support import DATA
from search_ui import HEIGHT, WIDTHS, SearchBox, load_queries
from test_data_errors import data, edit, report_of  # noqa: F401  (data: a fixture)

# What never belongs in a search result: link glyphs, permalink signs, control labels
# and the printed footer's words.
NOT_IN_INDEX = ("↗", "¶", "↩", "Print this checklist", "Where the guide explains this", "Permanent link",
                "In the guide")


@pytest.fixture(scope="module")
def index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_no_glyph_control_label_or_print_text_reaches_the_index(index, guide):
    printed = guide.guide.disclaimer.short  # the printed footer repeats it under each checklist
    for doc in index["docs"]:
        words = doc["title"] + " " + doc["text"]
        assert not [s for s in NOT_IN_INDEX if s in words], doc["location"]
        assert words.count(printed[:40]) <= 1, doc["location"]


def test_checklist_pages_and_the_link_page_are_out_of_the_index(index):
    pages = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert not [p for p in pages if p.startswith("checklists/") and p != "checklists/"]
    assert "links/" not in pages
    # The checklists' section page stays: its titles lead to each printable page.
    assert "checklists/" in pages


def test_every_linkable_record_is_one_entry_at_its_own_anchor(index, guide):
    locations = [doc["location"] for doc in index["docs"]]
    pages = page_table(guide)
    indexed = {loc.partition("#")[0] for loc in locations}
    expected = []
    for key in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, key)):
            if isinstance(record, Linkable) and not isinstance(record, Correction):
                page = address_of(pages.of(record.id))
                if page in indexed:
                    expected.append(f"{page}#{record.id}")
    assert len(expected) >= 80
    assert [loc for loc in expected if locations.count(loc) != 1] == []


def test_no_entry_repeats_a_record_that_has_its_own(index):
    # A record's words live in its own entry, not again in the section or page that holds
    # it (another page may name it in a link: that is a cross-reference, not a repeat).
    own = {doc["location"]: doc for doc in index["docs"] if "#" in doc["location"]}
    for location, doc in own.items():
        name = doc["title"]
        if len(name) < 25:
            continue  # short names ("Core") are words other entries may use
        page = location.partition("#")[0]
        repeats = [d["location"] for d in index["docs"]
                   if d is not doc and d["location"].partition("#")[0] == page and name in d["text"]]
        assert repeats == [], f"{location} ({name!r}) is repeated in {repeats}"


def test_reader_words_reach_the_records_they_name(index, guide):
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert index["config"]["fields"]["synonyms"]["boost"] > index["config"]["fields"]["title"]["boost"]
    quadriceps = by_location["muscles/#quadriceps"]
    assert "quads" in quadriceps["synonyms"].split()
    assert "RIR" in by_location["technique/#tip-start-light"]["synonyms"].split()
    # Only in the index: the page keeps the guide's words.
    assert "RIR" not in by_location["technique/#tip-start-light"]["text"]


def test_answer_index_titles_variation_steps_with_their_variation(guide):
    variation = guide.variations.variations[0]
    step = variation.steps[0]
    material = {"config": {"fields": {"title": {"boost": 1000.0}}},
                "docs": [{"location": "variations/", "title": "Variations", "text": ""},
                         {"location": f"variations/#{step.id}", "title": "Step 1", "text": "<p>x</p>"}]}
    docs = {d["location"]: d for d in answer_index(material, guide)["docs"]}
    assert docs[f"variations/#{step.id}"]["title"] == f"{variation.name}: step 1"
    assert docs[f"variations/#{step.id}"]["boost"] < 1
    # Pages Material did not index (here all but variations/) get no entries.
    assert {loc.partition("#")[0] for loc in docs} == {"variations/"}


def test_unknown_search_target_is_located_with_a_did_you_mean(data):  # noqa: F811
    line = edit(data, "search.yml", "    at: [quadriceps]", "    at: [quadricep]")
    assert report_of(data) == [
        f"data/search.yml:{line}:10 terms[0].at[0]: unknown id 'quadricep'; did you mean 'quadriceps'? "
        "(expected the id of a record in data/, e.g. a muscle, a cue or a safety tip) "
        "(the 1st item of at of the 1st term)"]


def test_search_term_must_be_a_word_its_records_use(data):  # noqa: F811
    line = edit(data, "search.yml", "    means: hamstrings", "    means: hammies")
    assert report_of(data) == [
        f"data/search.yml:{line + 1}:10 terms[1].at[0]: 'hamstrings' does not say 'hammies': list a record "
        "whose text uses the guide's term, or correct `means` (the 1st item of at of the 2nd term)"]


# --- the query suite, in Chromium --------------------------------------------------------
def _renamed() -> dict[str, str]:
    """Old id -> current id, from the aliases in data/: a query's record may have been renamed
    by an editor (with its alias, as CONTRIBUTING asks), and search still finds the record."""
    guide = load_guide(DATA)
    return {alias: record.id for _path, record, _owner in walk(guide)
            if isinstance(record, Linkable) for alias in record.aliases}


RENAMED = _renamed()
QUERIES = [q if q.expect not in RENAMED else type(q)(q.query, RENAMED[q.expect]) for q in load_queries()]


def test_query_suite_is_large_and_varied():
    answered = [q for q in QUERIES if q.expect]
    assert len(answered) >= 40
    assert len({q.expect for q in answered}) >= 30
    assert any(q.expect is None for q in QUERIES)
    assert sum(1 for q in answered if " " in q.query) >= 10


@pytest.fixture(scope="module")
def results(browser, site_url):
    """Each width's results for every query of the suite."""
    found = {}
    for width in WIDTHS:
        box = SearchBox(browser, site_url, width)
        try:
            found[width] = {q.query: box.search(q.query) for q in QUERIES}
        finally:
            box.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_every_query_finds_its_record_in_the_first_three_results(results, width):
    misses = [(q.query, q.expect, [r["id"] for r in results[width][q.query][:3]])
              for q in QUERIES if q.expect and q.expect not in [r["id"] for r in results[width][q.query][:3]]]
    assert misses == []


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_queries_the_guide_does_not_answer_find_nothing(results, width):
    assert {q.query: results[width][q.query] for q in QUERIES if q.expect is None and results[width][q.query]} == {}


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_result_lists_show_no_glyphs_and_no_checklist_pages(results, width):
    for query, found in results[width].items():
        for result in found:
            assert not [s for s in NOT_IN_INDEX if s in result["text"]], (query, result["id"])
            assert not re.search(r"/checklists/[a-z-]+/", urlsplit(result["href"]).path), (query, result["href"])


@pytest.mark.browser
def test_first_result_at_360_shows_the_matched_words_within_one_screen(results, guide):
    for q in QUERIES:
        if q.expect:
            first = results[360][q.query][0]
            # Matched in the reader vocabulary only, it shows the guide's word for it.
            means = [t.means.lower() for t in guide.search.terms if any(
                w.lower().startswith(word) for w in t.words for word in q.query.lower().split())]
            assert first["mark"] or any(m in first["text"].lower() for m in means), (q.query, first["text"])
            assert first["height"] <= HEIGHT[360], (q.query, first["height"])


@pytest.mark.browser
def test_every_expected_result_lands_on_its_record(results, built_site, site_url):
    base = urlsplit(site_url).path
    for q in QUERIES:
        result = next((r for r in results[1280][q.query] if r["id"] == q.expect), None)
        if result is not None:
            page = urlsplit(result["href"]).path[len(base):]
            html = (built_site / page / "index.html").read_text(encoding="utf-8")
            assert f'id="{q.expect}"' in html, (q.query, page)


@pytest.mark.browser
@pytest.mark.parametrize("query, record", [("cramp", "tip-hamstring-cramp"), ("RIR", "tip-start-light")])
def test_clicking_a_result_scrolls_to_its_record(browser, site_url, query, record):
    box = SearchBox(browser, site_url, 360)
    try:
        found = box.search(query)
        position = [r["id"] for r in found].index(record)
        box.page.locator(f'.md-search-result__list a.md-search-result__link[href*="#{record}"]').first.click()
        box.page.wait_for_function(f"() => location.hash === '#{record}'")
        box.page.wait_for_timeout(300)
        inside = box.page.evaluate(f"""() => {{
            const box = document.getElementById("{record}").getBoundingClientRect();
            return box.top >= 0 && box.top < innerHeight; }}""")
        assert inside and position < 3
    finally:
        box.close()
