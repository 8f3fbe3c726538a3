"""Checklists: items reference records by id, each kind renders what its records hold."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.checks import checklist_item_problems
from macros.rendering import GuideRenderer
from small_guide import small_guide, small_guide_data

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "pymdownx.superfences",
              "pymdownx.blocks.admonition", "pymdownx.tasklist"]
URL = "https://example.test/checklists/x/"


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


def with_items(checklist_index: int, items: list[str]):
    data = small_guide_data()
    data["checklists"]["checklists"][checklist_index]["items"] = items
    return small_guide(data)


def test_real_checklists_reference_only_records_they_may_list(guide):
    assert checklist_item_problems(guide) == []
    assert len(guide.checklists.checklists) >= 6


def test_unknown_item_id_is_a_clear_error():
    problems = checklist_item_problems(with_items(0, ["cue-iota", "cue-nope"]))
    assert len(problems) == 1
    path, message = problems[0]
    assert path == ("checklists", 0, "items", 1)
    assert "unknown item 'cue-nope'" in message and "list-ticks" in message and "cue-iota" in message


def test_item_of_the_wrong_kind_is_an_error():
    problems = checklist_item_problems(with_items(1, ["cue-iota"]))
    assert len(problems) == 1 and "is a Cue" in problems[0][1] and "a mistake" in problems[0][1]


def test_item_listed_twice_is_an_error():
    problems = checklist_item_problems(with_items(0, ["cue-iota", "cue-iota"]))
    assert len(problems) == 1 and "listed twice" in problems[0][1]


def test_load_guide_reports_unknown_checklist_item_with_its_line(tmp_path):
    import shutil

    from macros.loading import DataError
    from macros.validation import load_guide
    from support import DATA

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "checklists.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("cue-brace", "cue-bracee"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_guide(tmp_path / "data")
    report = error.value.report()
    assert "data/checklists.yml:" in report and "unknown item 'cue-bracee'" in report


@pytest.fixture()
def renderer():
    return GuideRenderer(small_guide())


def test_tick_checklist_lists_the_referenced_texts_as_tick_boxes(renderer):
    soup = html(renderer.tick_checklist("list-ticks", "", URL))
    assert soup.find("h1")["id"] == "list-ticks"
    sources = [a.extract()["href"] for a in soup.select("li.task-list-item a.checklist-source")]
    assert sources == ["technique.md#cue-iota", "technique.md#tip-lambda"]
    items = [li.get_text(" ", strip=True) for li in soup.select("li.task-list-item")]
    assert items == ["Cue iota", "Stop at lambda."]
    assert "General info only." in soup.select_one(".admonition").get_text()


def test_every_checklist_has_a_print_footer_with_url_qr_and_disclaimer(renderer):
    soup = html(renderer.tick_checklist("list-ticks", "", URL))
    footer = soup.select_one(".print-footer")
    assert URL in footer.get_text() and "Tiny Guide" in footer.get_text()
    assert "General info only." in footer.get_text()
    assert footer.find("svg") is not None
    assert soup.select_one("button[data-print-button]").get_text() == "Print this checklist"


def test_fault_finder_shows_problem_and_each_solution(renderer):
    soup = html(renderer.fault_finder("list-faults", "", URL))
    item = soup.select_one("li.task-list-item")
    assert "Mu" in item.find("strong").get_text()
    assert "Problem mu." in item.get_text()
    assert [li.get_text() for li in item.select("ul li")] == ["Fix nu.", "Fix xi."]
    assert "checklist--columns-2" in soup.select_one(".checklist")["class"]


def test_progression_tracker_numbers_steps_by_route_and_gives_write_in_rows(renderer):
    soup = html(renderer.progression_tracker("list-route", "", URL))
    assert "Advance rule." in soup.select_one(".admonition").get_text()
    item = soup.select_one("li.task-list-item")
    assert item.find("strong").get_text() == "Step 2: Route two"
    table = item.find("table")
    assert [th.get_text() for th in table.select("th")] == ["Day", "Weight"]
    assert len(table.select("tbody tr")) == 3


def test_session_card_has_a_box_per_set_for_each_log_field(renderer):
    soup = html(renderer.session_card("list-session", "", URL))
    items = soup.select("li.task-list-item")
    for a in soup.select("a.checklist-source"):
        a.extract()
    assert [li.find("p").get_text(" ", strip=True) for li in items] == [
        "Exercise one: 4 sets of 5–6 reps per leg", "Exercise two: 2 sets"]
    table = items[0].find("table")
    assert [th.get_text() for th in table.select("th")] == ["Set", "1", "2", "3", "4", "5"]
    assert [tr.find("td").get_text() for tr in table.select("tbody tr")] == ["Reps done"]


def test_every_item_links_back_to_its_record_from_a_page_one_folder_down(renderer):
    expected = {
        "tick_checklist": ("list-ticks", ["../technique.md#cue-iota", "../technique.md#tip-lambda"]),
        "fault_finder": ("list-faults", ["../mistakes.md#mistake-mu"]),
        "progression_tracker": ("list-route", ["../programming.md#route-two"]),
        "session_card": ("list-session", ["../programming.md#session-one", "../programming.md#session-two"]),
    }
    for macro, (checklist_id, hrefs) in expected.items():
        soup = html(getattr(renderer, macro)(checklist_id, "../", URL))
        assert [a["href"] for a in soup.select("a.checklist-source")] == hrefs


def test_a_macro_refuses_a_checklist_of_another_kind(renderer):
    with pytest.raises(ValueError, match="list-ticks' is a ticks checklist"):
        renderer.fault_finder("list-ticks", "", URL)
    with pytest.raises(ValueError, match="unknown checklist 'nope'"):
        renderer.tick_checklist("nope", "", URL)


def test_checklist_index_links_every_checklist_with_its_item_count(renderer):
    soup = html(renderer.checklist_index())
    links = {a["href"]: a.get_text() for a in soup.find_all("a")}
    assert links == {"ticks.md": "Ticks", "faults.md": "Faults", "route.md": "Route log",
                     "session.md": "Session log"}
    assert "(2 items)" in soup.get_text()
