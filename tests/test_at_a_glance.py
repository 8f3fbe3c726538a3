"""The "At a glance" box (issue 13): every value is a record the guide already has, so a
change to the data shows in the box; on the built Overview and Technique pages every link
lands."""

from __future__ import annotations

import re
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
    box = soup.select_one("details.at-a-glance")
    assert box is not None and box.select_one("summary").get_text(strip=True).startswith("At a glance")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in box.select("dl > dt")}


def label_links(soup) -> dict[str, str]:
    """The labels that are links (a value that is a sentence links from its label)."""
    return {a.get_text(strip=True): a["href"] for a in soup.select("details.at-a-glance dt a")}


def words(element) -> str:
    return " ".join(element.get_text().split())


def texts(dd) -> list[str]:
    return [a.get_text(strip=True) for a in dd.select("a")]


def test_values_are_the_records_they_come_from(guide):
    g = at_a_glance(guide)
    muscles = guide.muscles.muscles
    assert [m.id for m in g.targets] == [m.id for m in muscles if m.role == "target"] == ["gluteus-maximus"]
    # The other muscles grouped by role, roles in the order the data first gives them.
    roles = list(dict.fromkeys(m.role for m in muscles if m.role != "target"))
    assert [role for role, _ in g.supporting] == roles
    assert {role: [m.id for m in group] for role, group in g.supporting} == {
        role: [m.id for m in muscles if m.role == role] for role in roles}
    assert [m.id for m in g.others] == [m.id for role in roles for m in muscles if m.role == role]
    assert [e.name for e in g.needed] == ["bench"]
    assert all("bench" in v.equipment for v in guide.variations.variations)
    # The bench links to the step named for it; optional equipment to its first variation.
    assert [e.link for e in g.needed] == [next(s.id for s in guide.technique.steps if "bench" in s.title.lower())]
    named = list(dict.fromkeys(e for v in guide.variations.variations for e in v.equipment))
    assert [e.name for e in g.optional] == [e for e in named if e != "bench"]
    assert [e.link for e in g.optional] == [e.variations[0].id for e in g.optional]
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
    data["technique"]["steps"][0]["title"] = "Fetch the bench"
    soup = html(GuideRenderer(small_guide(data)).render("at_a_glance"))
    rows = box_rows(soup)
    assert texts(rows["Muscles"]) == ["Omicron", "Tau renamed"]
    assert words(rows["Muscles"]) == "Omicron above all, helped by Tau renamed"
    # Every variation lists the bench: it is what the exercise needs, linked to the step named for it.
    assert texts(rows["Equipment"]) == ["bench", "band", "kettlebell"]
    assert words(rows["Equipment"]) == "bench to start; optional: band and kettlebell"
    # A sentence is not a link: its label is.
    assert texts(rows["Starting dose"]) == [] and rows["Starting dose"].get_text(strip=True) == "Begin with 9 sets."
    assert texts(rows["How often"]) == [] and rows["How often"].get_text(strip=True) == "Train 4 times per week."
    assert texts(rows["Easier version"]) == ["Route zero"] and texts(rows["Harder version"]) == ["Route two"]
    assert texts(rows["Steps"]) == ["Fetch the bench", "Second renamed"]
    hrefs = [a["href"] for a in html(GuideRenderer(small_guide(data)).render("at_a_glance", page="sub/index.md")).select("a")]
    assert hrefs == ["../muscles.md#muscle-omicron", "../muscles.md#muscle-tau", "../technique.md#step-one",
                     "../variations.md#var-a", "../variations.md#var-b", "../technique.md#tip-dose",
                     "../programming.md#frequency", "../programming.md#route-zero", "../programming.md#route-two",
                     "../technique.md#step-one", "../technique.md#step-two"]


def test_equipment_with_nothing_to_lead_to_is_not_a_link():
    # The small guide's steps name no equipment, and no piece is in every variation.
    data = small_guide_data()
    data["variations"]["variations"][1]["equipment"] = ["bench"]
    rows = box_rows(html(GuideRenderer(small_guide(data)).render("at_a_glance")))
    assert texts(rows["Equipment"]) == ["band"]
    assert words(rows["Equipment"]) == "bench to start; optional: band"


def test_rows_without_a_record_are_left_out():
    # The small guide has no dose tip, and the technique is the route's first step.
    rows = box_rows(html(GuideRenderer(small_guide()).render("at_a_glance")))
    assert "Starting dose" not in rows and "Easier version" not in rows
    assert texts(rows["Harder version"]) == ["Route two"]
    # No piece of equipment is in every variation: all are optional.
    assert words(rows["Equipment"]) == "Optional: bench, band and barbell"


@pytest.mark.parametrize("page", BOX_PAGES)
def test_the_built_box_shows_the_records_and_every_link_lands(built_site, guide, page):
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    # At the top: after the page title (and the Overview's opening picture), before any text.
    box = soup.select_one("article .at-a-glance")
    assert box.get("class") == ["abstract", "at-a-glance"]
    before = [el for el in box.find_previous_siblings() if el.name not in ("h1", "a", "style", "script")]
    assert all("guide-figures" in (el.get("class") or []) for el in before), [el.name for el in before]
    rows = box_rows(soup)
    g = at_a_glance(guide)
    assert list(rows) == ["Muscles", "Where they work", "Equipment", "Starting dose", "How often", "Easier version",
                          "Harder version", "Steps"]
    assert texts(rows["Muscles"]) == [m.name for m in (*g.targets, *g.others)]
    # No role's name in the box: the Muscles page explains the roles.
    for role in {m.role for m in guide.muscles.muscles}:
        assert not re.search(rf"\b{re.escape(role)}\b", words(rows["Muscles"]), re.IGNORECASE), role
    assert texts(rows["Equipment"]) == [e.name for e in (*g.needed, *g.optional) if e.link]
    assert normalize(rows["Starting dose"].get_text()) == normalize(g.start_dose.text)
    assert texts(rows["Easier version"]) == [g.easier.name] and texts(rows["Harder version"]) == [g.harder.name]
    assert texts(rows["Steps"]) == [s.title for s in guide.technique.steps]
    # Links sit on names, never on a whole sentence.
    for a in soup.select(".at-a-glance a"):
        assert not a.get_text().rstrip().endswith((".", "!", "?")), f"a sentence is a link: {a.get_text()}"
    base = built_site / page
    links = soup.select(".at-a-glance a")
    labels = label_links(soup)
    assert set(labels) == {"Starting dose", "How often"}
    assert len(links) == (len(g.targets) + len(g.others) + sum(1 for e in (*g.needed, *g.optional) if e.link)
                          + len(labels) + 2 + len(g.steps))
    for a in links:
        url = urllib.parse.urljoin(base.as_uri(), a["href"])
        path, _, anchor = url.partition("#")
        target = urllib.parse.urlparse(path).path
        target_file = target + "index.html" if target.endswith("/") else target
        with open(target_file, encoding="utf-8") as f:
            landed = place_text(BeautifulSoup(f.read(), "html.parser"), anchor)
        shown = a.get_text()
        # A label links to where its value comes from; optional equipment to a variation
        # that lists it; everything else to its own words.
        if a.find_parent("dt"):
            shown = a.find_parent("dt").find_next_sibling("dd").get_text()
        elif shown in {e.name for e in g.optional}:
            landed = landed.partition("equipment:")[2].partition(" ")[2][:80]
        assert normalize(shown) in landed, f"{page}: {a['href']} lands on something else"


# --- as a reader sees it (issue 28) ------------------------------------------------------
# Wider than a phone the box is open and short; on a phone it is one line that opens, so
# Technique's first step starts within the first screen and a quarter (800 px tall).
BOX_HEIGHT_MAX = 400
FIRST_SCREEN_AND_A_QUARTER = 1000

BOX = """() => {
  const box = document.querySelector('details.at-a-glance'), dl = box.querySelector('dl');
  const summary = box.querySelector('summary');
  // A closed <details> keeps its content laid out but not rendered: ask whether it shows.
  return {box: box.getBoundingClientRect().height, dl: dl.checkVisibility() ? dl.getBoundingClientRect().height : 0,
          summary: summary.getBoundingClientRect().height,
          line: parseFloat(getComputedStyle(summary).lineHeight),
          top: document.querySelector('article h2').getBoundingClientRect().top + scrollY};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["scripts", "no-scripts"])
@pytest.mark.parametrize("page", BOX_PAGES)
def test_the_box_is_short_on_a_desktop_and_one_line_on_a_phone(browser, site_url, page, javascript):
    rel = page.removesuffix("index.html")
    wide = browser.new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    wide.goto(site_url + rel)
    shown = wide.evaluate(BOX)
    wide.close()
    assert shown["dl"] > 100, "at 1280 px the box should be open without a click"
    assert shown["box"] < BOX_HEIGHT_MAX, f"{page}: the box is {shown['box']:.0f} px tall at 1280 px"

    phone = browser.new_page(viewport={"width": 360, "height": 800}, java_script_enabled=javascript)
    phone.goto(site_url + rel)
    closed = phone.evaluate(BOX)
    assert closed["dl"] == 0, "on a phone the box starts closed"
    assert closed["summary"] < 2 * closed["line"], "closed, the box is one line"
    if page == "technique/index.html":
        assert closed["top"] < FIRST_SCREEN_AND_A_QUARTER, f"step 1 starts at y {closed['top']:.0f} at 360 px"
    phone.click("details.at-a-glance > summary")
    opened = phone.evaluate(BOX)
    phone.close()
    assert opened["dl"] > 200, "a tap on the line opens the box"


@pytest.mark.browser
def test_the_box_prints_open(browser, site_url):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(site_url)
    page.emulate_media(media="print")
    shown = page.evaluate(BOX)
    hint = page.evaluate("getComputedStyle(document.querySelector('.at-a-glance__hint')).display")
    page.close()
    assert shown["dl"] > 100 and hint == "none"
