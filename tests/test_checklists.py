"""Checklists: items reference records by id, each kind renders what its records hold."""

from __future__ import annotations

import typing

import pytest
import yaml

from macros.checklists.kinds import CHECKLIST_KINDS
from macros.data.problems import DataError
from macros.data.model import records_by_id
from macros.render.renderer import GuideRenderer
from macros.validate.load import load_guide
from small_guide import small_guide, small_guide_data
from support import html

URL = "https://example.test/checklists/x/"


def problems_with_items(tmp_path, checklist_index: int, items: list[str]) -> list:
    """The problems load_guide reports for the small guide with one checklist's items replaced."""
    data = small_guide_data()
    data["checklists"]["checklists"][checklist_index]["items"] = items
    for key, content in data.items():
        (tmp_path / f"{key}.yml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    try:
        load_guide(tmp_path)
    except DataError as error:
        return error.problems
    return []


def test_real_checklists_reference_only_records_they_may_list(guide):
    records = records_by_id(guide)
    for checklist in guide.checklists.checklists:
        allowed = CHECKLIST_KINDS[checklist.kind].lists
        assert all(isinstance(records[item], allowed) for item in checklist.items), checklist.id
    assert len(guide.checklists.checklists) >= 6


def test_small_guide_loads_without_problems(tmp_path):
    assert problems_with_items(tmp_path, 0, ["cue-iota", "tip-lambda"]) == []


def test_unknown_item_id_is_a_clear_error(tmp_path):
    problems = problems_with_items(tmp_path, 0, ["cue-iota", "cue-nope"])
    assert len(problems) == 1
    assert problems[0].field == "checklists[0].items[1]"
    message = problems[0].message
    assert "unknown item 'cue-nope'" in message and "list-ticks" in message and "cue-iota" in message


def test_item_of_the_wrong_kind_is_an_error(tmp_path):
    problems = problems_with_items(tmp_path, 1, ["cue-iota"])
    assert len(problems) == 1 and "is a Cue" in problems[0].message and "a mistake" in problems[0].message


def test_item_listed_twice_is_an_error(tmp_path):
    problems = problems_with_items(tmp_path, 0, ["cue-iota", "cue-iota"])
    assert len(problems) == 1 and "listed twice" in problems[0].message


def test_load_guide_reports_unknown_checklist_item_with_its_line(tmp_path):
    import shutil

    from support import DATA

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "checklists.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("cue-brace", "cue-bracee"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_guide(tmp_path / "data")
    report = error.value.report()
    assert "data/checklists.yml:" in report and "unknown item 'cue-bracee'" in report


class Checklists:
    """renderer.render(macro, id, page=..., page_url=...) as attributes: `checklists.fault_finder(id)`
    renders as on the checklist's own page (checklists/<page>)."""

    def __init__(self, renderer: GuideRenderer):
        self.renderer = renderer

    def __getattr__(self, macro: str):
        return lambda checklist_id, page=None, url=URL: self.renderer.render(macro, checklist_id, page=page,
                                                                             page_url=url)


@pytest.fixture()
def renderer():
    return Checklists(GuideRenderer(small_guide()))


def test_tick_checklist_lists_the_referenced_texts_as_tick_boxes(renderer):
    soup = html(renderer.tick_checklist("list-ticks"))
    assert soup.find("h1")["id"] == "list-ticks"
    sources = [a.extract()["href"] for a in soup.select("li.task-list-item a.checklist-source")]
    assert sources == ["../technique.md#cue-iota", "../technique.md#tip-lambda"]
    items = [li.get_text(" ", strip=True) for li in soup.select("li.task-list-item")]
    assert items == ["Cue iota", "Stop at lambda."]
    assert "General info only." in soup.select_one(".admonition").get_text()


def test_every_checklist_has_a_print_footer_with_url_qr_and_the_disclaimer_once(renderer):
    for macro, checklist_id in (("tick_checklist", "list-ticks"), ("fault_finder", "list-faults"),
                                ("progression_tracker", "list-route"), ("session_card", "list-session"),
                                ("stop_list", "list-stops")):
        soup = html(getattr(renderer, macro)(checklist_id))
        footer = soup.select_one(".print-footer")
        assert URL in footer.get_text() and "Tiny Guide" in footer.get_text()
        assert footer.find("svg") is not None
        assert soup.select_one("button[data-print-button]").get_text() == "Print this checklist"
        # The disclaimer's line: in the footer, unless the checklist prints the whole disclaimer.
        assert soup.get_text().count("General info only.") == 1, checklist_id
        assert ("General info only." in footer.get_text()) == (checklist_id not in {"list-ticks", "list-stops"})


def test_fault_finder_shows_each_mistake_as_symptom_check_fix_not_its_paragraphs(renderer):
    guide = small_guide()
    mistake = next(m for m in guide.mistakes.mistakes if m.id == "mistake-mu")
    soup = html(renderer.fault_finder("list-faults"))
    item = soup.select_one("li.task-list-item")
    assert "Mu" in item.find("strong").get_text()
    lines = [line.strip() for line in item.get_text().split("\n") if line.strip()][1:]
    assert lines == [mistake.fault.symptom, f"Check: {mistake.fault.check}", f"Change: {mistake.fault.fix}"]
    # The long record stays on the mistakes page: no paragraph or solution list is pasted here.
    assert mistake.problem[0].text not in item.get_text() and not item.select("ul li")
    assert "checklist--columns-2" in soup.select_one(".checklist")["class"]


def test_real_fault_finder_entries_are_short_and_come_from_the_mistakes_records(guide, built_site):
    """Each entry is its mistake's `fault`, three lines of at most FAULT_TEXT_MAX characters (a
    glance at the gym), and the page holds nothing longer."""
    from macros.data.model import FAULT_TEXT_MAX

    records = records_by_id(guide)
    finder = next(c for c in guide.checklists.checklists if c.kind == "fault-finder")
    page = built_site / "checklists" / finder.page.removesuffix(".md") / "index.html"
    items = html(page.read_text(encoding="utf-8")).select(".checklist li.task-list-item")
    assert len(items) == len(finder.items)
    for item_id, item in zip(finder.items, items):
        fault = records[item_id].fault
        for text in (fault.symptom, fault.check, fault.fix):
            assert 0 < len(text) <= FAULT_TEXT_MAX, f"{item_id}: {text!r} is too long for a fault finder"
        shown = " ".join(item.get_text(" ", strip=True).split())
        assert shown == f"{records[item_id].title} ↗ {fault.symptom} Check: {fault.check} Change: {fault.fix}"
        assert len(shown) <= len(records[item_id].title) + 3 * FAULT_TEXT_MAX + 20


def test_a_fault_text_longer_than_the_bound_is_a_data_error(tmp_path):
    from macros.data.model import FAULT_TEXT_MAX

    data = small_guide_data()
    data["mistakes"]["mistakes"][0]["fault"]["check"] = "x" * (FAULT_TEXT_MAX + 1)
    for key, content in data.items():
        (tmp_path / f"{key}.yml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_guide(tmp_path)
    assert any("fault.check" in str(p) and f"at most {FAULT_TEXT_MAX}" in str(p) for p in error.value.problems), \
        error.value.problems


def test_stop_list_shows_each_sign_without_a_tick_box(renderer):
    soup = html(renderer.stop_list("list-stops"))
    assert soup.find("h1")["id"] == "list-stops"
    assert not soup.select("input, .task-list-item, .task-list-indicator")
    items = soup.select("ul.stop-list > li")
    assert [a["href"] for a in soup.select("ul.stop-list a.checklist-source")] == ["../technique.md#tip-lambda"]
    assert [li.get_text(" ", strip=True) for li in items] == ["Stop at lambda. ↗"]
    assert "General info only." in soup.select_one(".admonition").get_text()


def test_real_stop_signs_have_no_tick_boxes_on_screen(guide, built_site):
    """Ticking a red flag is ambiguous ("checked, fine" or "this applies"): every checklist of
    safety tips that are stop signs is a plain list, with each sign's words."""
    records = records_by_id(guide)
    stops = [c for c in guide.checklists.checklists
             if any(getattr(records[i], "kind", None) == "stop-sign" for i in c.items)]
    assert stops, "no checklist lists the stop signs"
    for checklist in stops:
        assert checklist.kind == "stop-list", f"{checklist.id} shows stop signs as {checklist.kind}"
        page = built_site / "checklists" / checklist.page.removesuffix(".md") / "index.html"
        body = html(page.read_text(encoding="utf-8")).select_one(".checklist")
        assert not body.select("input[type=checkbox], .task-list-indicator"), checklist.id
        shown = [" ".join(li.get_text(" ", strip=True).removesuffix("↗").split()) for li in body.select("ul.stop-list > li")]
        assert shown == [" ".join(records[i].text.split()) for i in checklist.items]


def test_progression_tracker_numbers_steps_by_route_and_gives_write_in_rows(renderer):
    soup = html(renderer.progression_tracker("list-route"))
    assert "Advance rule." in soup.select_one(".admonition").get_text()
    item = soup.select_one("li.task-list-item")
    assert item.find("strong").get_text() == "Step 2: Route two"
    table = item.find("table")
    # The checklist's own columns, then what the step logs: per side, as it is a single-leg step.
    assert [th.get_text() for th in table.select("th")] == ["Day", "Weight", "Reps left", "Reps right", "Load"]
    assert len(table.select("tbody tr")) == 3


def test_session_card_has_a_row_per_set_and_only_the_columns_each_exercise_logs(renderer):
    soup = html(renderer.session_card("list-session"))
    items = soup.select("li.task-list-item")
    for a in soup.select("a.checklist-source"):
        a.extract()
    assert [li.find("p").get_text(" ", strip=True) for li in items] == [
        "Exercise one: 4 sets of 5–6 reps per leg", "Exercise two: 2 sets"]
    one, two = (item.find("table") for item in items)
    # Per leg: reps left and right; one load for both sides.
    assert [th.get_text() for th in one.select("th")] == ["Set", "Reps left", "Reps right", "Load"]
    assert [tr.find("td").get_text() for tr in one.select("tbody tr")] == ["1", "2", "3", "4"]
    # Held, not loaded: time only, one row per set.
    assert [th.get_text() for th in two.select("th")] == ["Set", "Time"]
    assert len(two.select("tbody tr")) == 2


def test_real_session_card_and_tracker_columns_follow_the_data(guide):
    from macros.checklists import write_in

    exercises = {e.id: e for e in guide.programming.sample_session.exercises}
    assert write_in.columns(exercises["session-single-leg-hip-thrust"]) == ["Reps left", "Reps right", "Load"]
    assert "Load" not in write_in.columns(exercises["session-core"])
    steps = {s.id: s for s in guide.programming.progression.steps}
    assert write_in.columns(steps["progression-floor-bridge"]) == ["Reps"]
    assert write_in.columns(steps["progression-dumbbell"]) == ["Reps left", "Reps right", "Load"]


@pytest.mark.parametrize("sets, most, rows", [("3", 4, 3), ("3–4", 4, 4), ("2–3", 8, 3), ("10", 4, 4), ("a few", 4, 4)])
def test_a_session_exercise_gets_a_row_per_set(sets, most, rows):
    from macros.checklists import write_in

    assert write_in.set_rows(sets, most) == rows


def test_an_exercise_logging_the_same_thing_twice_is_a_data_error(tmp_path):
    data = small_guide_data()
    data["programming"]["sample_session"]["exercises"][0]["logs"] = ["reps", "reps"]
    for key, content in data.items():
        (tmp_path / f"{key}.yml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_guide(tmp_path)
    assert any("reps" in p.message and "twice" in p.message for p in error.value.problems)


def test_every_item_links_back_to_its_record_from_its_page_one_folder_down(renderer):
    expected = {
        "tick_checklist": ("list-ticks", ["../technique.md#cue-iota", "../technique.md#tip-lambda"]),
        "stop_list": ("list-stops", ["../technique.md#tip-lambda"]),
        "fault_finder": ("list-faults", ["../mistakes.md#mistake-mu"]),
        "progression_tracker": ("list-route", ["../programming.md#route-two"]),
        "session_card": ("list-session", ["../programming.md#session-one", "../programming.md#session-two"]),
    }
    for macro, (checklist_id, hrefs) in expected.items():
        soup = html(getattr(renderer, macro)(checklist_id))
        assert [a["href"] for a in soup.select("a.checklist-source")] == hrefs
        top = html(getattr(renderer, macro)(checklist_id, page="index.md"))
        assert [a["href"] for a in top.select("a.checklist-source")] == [h.removeprefix("../") for h in hrefs]


def test_a_macro_refuses_a_checklist_of_another_kind(renderer):
    with pytest.raises(ValueError, match="list-ticks' is a ticks checklist"):
        renderer.fault_finder("list-ticks")
    with pytest.raises(ValueError, match="unknown checklist 'nope'"):
        renderer.tick_checklist("nope")


def test_checklist_index_links_every_checklist_with_its_item_count():
    soup = html(GuideRenderer(small_guide()).render("checklist_index"))
    links = {a["href"]: a.get_text() for a in soup.find_all("a")}
    assert links == {"ticks.md": "Ticks", "stops.md": "Stops", "faults.md": "Faults", "route.md": "Route log",
                     "session.md": "Session log", "../print.md": "the whole guide on one page"}
    assert "(2 items)" in soup.get_text()


def test_each_kind_is_declared_once_with_its_macro_model_and_estimate(guide):
    from macros.data.model import Checklist

    models = typing.get_args(typing.get_args(Checklist)[0])
    assert {kind.model for kind in CHECKLIST_KINDS.values()} == set(models), "a checklist model without a kind"
    records = records_by_id(guide)
    for checklist in guide.checklists.checklists:
        fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist)
        assert fit == CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist, records)
        assert 0 < fit.share <= 1, checklist.id
