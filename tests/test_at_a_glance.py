"""The "At a glance" box (issue 13): every value is a record the guide already has, so a
change to the data shows in the box; on the built Overview and Technique pages every link
lands."""

from __future__ import annotations

import urllib.parse

import pytest
from bs4 import BeautifulSoup

from macros.render.glance import at_a_glance, first_sentence
from macros.render.renderer import GuideRenderer
from site_text import normalize
from small_guide import small_guide, small_guide_data
from test_corrections import place_text
from support import EXTENSIONS

import markdown


def html(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=[*EXTENSIONS, "def_list"]), "html.parser")

BOX_PAGES = ("index.html", "technique/index.html")


def box_rows(soup) -> dict[str, object]:
    box = soup.select_one(".admonition.at-a-glance")
    assert box is not None and box.select_one(".admonition-title").get_text(strip=True) == "At a glance"
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in box.select("dl > dt")}


def texts(dd) -> list[str]:
    return [a.get_text(strip=True) for a in dd.select("a")]


def test_values_are_the_records_they_come_from(guide):
    g = at_a_glance(guide)
    muscles = guide.muscles.muscles
    assert [m.id for m in g.targets] == [m.id for m in muscles if m.role == "target"] == ["gluteus-maximus"]
    supporting = {role: [m.id for m in group] for role, group in g.supporting}
    assert supporting == {"dynamic stabilizer": ["hamstrings"], "stabilizer": ["quadriceps", "adductors", "core"]}
    assert [e.name for e in g.needed] == ["bench"]
    assert all("bench" in v.equipment for v in guide.variations.variations)
    assert [e.name for e in g.optional] == ["dumbbell", "barbell", "resistance band", "landmine bar", "hip padding"]
    tip = next(t for t in guide.technique.safety.tips if t.kind == "load")
    assert g.start_dose.id == tip.id and tip.text.startswith(g.start_dose.text)
    assert g.start_dose.text.endswith("reps in reserve.")
    assert guide.programming.frequency.text.startswith(g.frequency.text) and "1–3 times per week" in g.frequency.text
    route = guide.programming.progression.steps
    here = next(i for i, s in enumerate(route) if s.technique)
    assert (g.easier, g.harder) == (route[here - 1], route[here + 1])
    assert [s.title for s in g.steps] == [s.title for s in guide.technique.steps]


def test_first_sentence_stops_at_the_first_sentence_end():
    assert first_sentence("Do 2–3 sets. Then rest 1.5 min.") == "Do 2–3 sets."
    assert first_sentence("One sentence only") == "One sentence only"


def test_the_box_follows_the_data_when_it_changes():
    data = small_guide_data()
    data["muscles"]["muscles"][1]["role"] = "synergist"
    data["muscles"]["muscles"][1]["name"] = "Tau renamed"
    data["technique"]["safety"]["tips"].append({"id": "tip-dose", "kind": "load", "text": "Begin with 9 sets. More."})
    data["programming"]["frequency"]["text"] = "Train 4 times per week. Or not."
    data["variations"]["variations"][1]["equipment"] = ["bench", "kettlebell"]
    data["technique"]["steps"][1]["title"] = "Second renamed"
    data["programming"]["progression"]["steps"].insert(
        0, {"id": "route-zero", "name": "Route zero"})
    rows = box_rows(html(GuideRenderer(small_guide(data)).render("at_a_glance")))
    assert texts(rows["Target muscle"]) == ["Omicron"]
    assert texts(rows["Synergist"]) == ["Tau renamed"]
    assert rows["Equipment to start"].get_text(strip=True) == "bench"
    assert texts(rows["Optional equipment"]) == ["band", "kettlebell"]
    assert texts(rows["Starting dose"]) == ["Begin with 9 sets."]
    assert texts(rows["Frequency"]) == ["Train 4 times per week."]
    assert texts(rows["Easier step"]) == ["Route zero"] and texts(rows["Harder step"]) == ["Route two"]
    assert texts(rows["Steps"]) == ["First", "Second renamed"]
    hrefs = [a["href"] for a in html(GuideRenderer(small_guide(data)).render("at_a_glance", page="sub/index.md")).select("a")]
    assert hrefs == ["../muscles.md#muscle-omicron", "../muscles.md#muscle-tau", "../variations.md#var-a",
                     "../variations.md#var-b", "../technique.md#tip-dose", "../programming.md#frequency",
                     "../programming.md#route-zero", "../programming.md#route-two",
                     "../technique.md#step-one", "../technique.md#step-two"]


def test_rows_without_a_record_are_left_out():
    # The small guide has no dose tip, and the technique is the route's first step.
    rows = box_rows(html(GuideRenderer(small_guide()).render("at_a_glance")))
    assert "Starting dose" not in rows and "Easier step" not in rows
    assert texts(rows["Harder step"]) == ["Route two"]


@pytest.mark.parametrize("page", BOX_PAGES)
def test_the_built_box_shows_the_records_and_every_link_lands(built_site, guide, page):
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    # At the top: straight after the page title.
    assert soup.select_one("article h1").find_next_sibling().get("class") == ["admonition", "abstract", "at-a-glance"]
    rows = box_rows(soup)
    g = at_a_glance(guide)
    assert list(rows) == ["Target muscle", "Dynamic stabilizer", "Stabilizers", "Equipment to start",
                          "Optional equipment", "Starting dose", "Frequency", "Easier step", "Harder step",
                          "Steps"]
    assert texts(rows["Target muscle"]) == [m.name for m in g.targets]
    assert texts(rows["Stabilizers"]) == [m.name for m in guide.muscles.muscles if m.role == "stabilizer"]
    assert texts(rows["Starting dose"]) == [g.start_dose.text]
    assert texts(rows["Easier step"]) == [g.easier.name] and texts(rows["Harder step"]) == [g.harder.name]
    assert texts(rows["Steps"]) == [s.title for s in guide.technique.steps]
    base = built_site / page
    links = soup.select(".at-a-glance a")
    assert len(links) == 17
    for a in links:
        url = urllib.parse.urljoin(base.as_uri(), a["href"])
        path, _, anchor = url.partition("#")
        target = urllib.parse.urlparse(path).path
        target_file = target + "index.html" if target.endswith("/") else target
        with open(target_file, encoding="utf-8") as f:
            landed = place_text(BeautifulSoup(f.read(), "html.parser"), anchor)
        # Optional equipment links to a variation that lists it; everything else to its own words.
        if a.get_text() in {e.name for e in g.optional}:
            landed = landed.partition("equipment:")[2].partition(" ")[2][:80]
        assert normalize(a.get_text()) in landed, f"{page}: {a['href']} lands on something else"
