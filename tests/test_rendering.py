"""Each macro renders exactly what its data holds (unit tests on a small hand-made guide).

The Markdown each component renders is converted with the extensions the site uses, so
the assertions look at structure (headings, ids, lists, tables, admonitions), not at
incidental whitespace. A component renders as called from the page the registry gives it
unless a test names another page.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.render.renderer import GuideRenderer, data_report
from small_guide import small_guide, small_guide_data
from support import html


class Components:
    """renderer.render(name) as attributes: `components.faq()`, `components.faq(page=...)`."""

    def __init__(self, renderer: GuideRenderer):
        self.renderer = renderer

    def __getattr__(self, name: str):
        return lambda page=None: self.renderer.render(name, page=page)


@pytest.fixture()
def renderer():
    return Components(GuideRenderer(small_guide()))


def heading_ids(soup, level):
    return [h["id"] for h in soup.find_all(level)]


def test_technique_steps_are_numbered_headings_with_their_ids(renderer):
    soup = html(renderer.technique_steps())
    headings = soup.find_all("h2")
    assert [h["id"] for h in headings] == ["step-one", "step-two"]
    assert [h.get_text() for h in headings] == ["Step 1: First", "Step 2: Second"]
    assert "Do zeta." in soup.get_text() and "Do kappa." in soup.get_text()


def test_technique_caution_is_a_warning_admonition_and_cues_keep_their_ids(renderer):
    soup = html(renderer.technique_steps())
    warnings = soup.select("div.admonition.warning")
    assert len(warnings) == 1 and "Careful theta." in warnings[0].get_text()
    cue = soup.find(id="cue-iota")
    assert cue is not None and cue.get_text(strip=True) == "Cue iota"


def test_citation_links_to_its_reference_and_carries_a_backlink_anchor(renderer):
    link = html(renderer.technique_steps()).select_one("a.citation")
    assert link["href"] == "references.md#ref-a"
    assert link.get_text() == "[1]"
    assert link["id"] == "cite-step-one-ref-a"


def test_cross_page_links_start_from_the_calling_page(renderer):
    link = html(renderer.technique_steps(page="checklists/setup.md")).select_one("a.citation")
    assert link["href"] == "../references.md#ref-a"
    route = html(renderer.progression_route(page="checklists/setup.md"))
    hrefs = [a["href"] for a in route.select("a:not(.headerlink)")]
    assert hrefs == ["../technique.md", "../variations.md#var-a", "../variations.md#var-b"]
    # Each step's own permalink stays on the page.
    assert [a["href"] for a in route.select("a.headerlink")] == ["#route-one", "#route-two"]


def test_references_are_numbered_with_doi_links_and_backlinks(renderer):
    soup = html(renderer.references())
    items = soup.select("ol > li")
    assert [li.p["id"] for li in items] == ["ref-a", "ref-b"]
    assert "Author A. Title A. Journal A. 2001;1(2):3-4." in items[0].get_text()
    doi = items[1].find("a", href=lambda h: h.startswith("https://doi.org/"))
    assert doi["href"] == "https://doi.org/10.1234/abc.5"
    backlinks = [a["href"] for a in soup.find_all("a") if "#cite-" in a["href"]]
    assert backlinks == ["technique.md#cite-step-one-ref-a", "muscles.md#cite-muscle-omicron-ref-b"]


def test_mistake_cards_are_grid_cards_with_a_heading_each(renderer):
    soup = html(renderer.mistake_cards())
    grid = soup.select_one("div.grid.cards")
    assert grid is not None
    card = grid.select_one("li")
    assert card.h2["id"] == "mistake-mu" and card.h2.get_text() == "Mistake 1: Mu"
    assert [li.get_text() for li in card.select("ul li")] == ["Fix nu.", "Fix xi."]
    assert "Solutions" in card.get_text()


def test_muscle_table_has_a_row_per_muscle_with_its_role(renderer):
    soup = html(renderer.muscle_table())
    assert [th.get_text() for th in soup.select("thead th")] == ["Muscle", "Role in this exercise", "What it does"]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert rows == [["Omicron", "target", "Does pi."], ["Tau", "dynamic stabilizer", "Does upsilon."]]  # roles as typed
    assert [a["href"] for a in soup.select("tbody a")] == ["#muscle-omicron", "#muscle-tau"]


def test_muscle_details_show_the_cue_only_where_the_data_has_one(renderer):
    soup = html(renderer.muscle_details())
    assert heading_ids(soup, "h2") == ["muscle-omicron", "muscle-tau"]
    tips = soup.select("div.admonition.tip")
    assert len(tips) == 1 and "Cue sigma." in tips[0].get_text()


def test_benefit_keeps_paragraphs_points_and_closing_in_order(renderer):
    text = html(renderer.benefits()).get_text()
    assert text.index("Benefit chi.") < text.index("Point psi.") < text.index("Closing omega.")


def test_variations_render_steps_or_say_there_are_none(renderer):
    soup = html(renderer.variations())
    assert heading_ids(soup, "h2") == ["var-a", "var-b"]
    assert heading_ids(soup, "h3") == ["var-a-one"]
    cards = soup.select("div.grid.cards > ul > li")
    assert "Var note." in cards[0].get_text() and "bench, band" in cards[0].get_text()
    assert "no step-by-step instructions" in cards[1].get_text()


def test_programming_table_rows_come_from_the_goals(renderer):
    soup = html(renderer.programming_table())
    assert soup.h2["id"] == "guidelines"
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert rows == [["Goal A", "7–9", "11–13", "heavy", "long rest"]]  # as typed: no case filter


def test_faq_answer_on_sets_and_reps_is_rendered_from_the_programming_data():
    data = small_guide_data()
    data["programming"]["guidelines"]["goals"][0]["sets"] = "6–10"
    renderer = Components(GuideRenderer(small_guide(data)))
    faq = html(renderer.faq()).get_text()
    table = html(renderer.programming_table()).get_text()
    assert "6–10 sets of 11–13 reps per leg for goal a" in faq
    assert "6–10" in table and "7–9" not in faq + table


def test_progression_route_is_an_ordered_list_with_its_rule(renderer):
    soup = html(renderer.progression_route())
    assert [li.p["id"] for li in soup.select("ol > li")] == ["route-one", "route-two"]
    assert "Advance rule." in soup.select_one("div.admonition").get_text()


def test_sample_session_gives_sets_reps_and_per_leg_only_where_the_data_does(renderer):
    items = [li.get_text(" ", strip=True) for li in html(renderer.sample_session()).select("ul > li")]
    assert items == ["Exercise one: 4 sets of 5–6 reps per leg", "Exercise two: 2 sets"]


def test_disclaimer_is_a_linkable_danger_admonition(renderer):
    box = html(renderer.disclaimer()).select_one("div.admonition.danger")
    assert box["id"] == "disclaimer"
    assert "General info only. See a pro." in box.get_text()


def test_what_is_summary_and_intro_render_their_paragraphs(renderer):
    assert html(renderer.what_is()).h2["id"] == "what-is"
    assert "Summary gamma." in html(renderer.summary()).get_text()
    assert html(renderer.intro()).get_text().strip() == "Intro alpha."
    corrections = html(renderer.corrections())
    assert corrections.find(id="fix-one") and "Site has epsilon." in corrections.get_text()


def test_safety_tips_are_a_linkable_list(renderer):
    soup = html(renderer.safety_tips())
    assert soup.h2["id"] == "safety"
    assert soup.find(id="tip-lambda").get_text(strip=True) == "Stop at lambda."


def test_href_links_any_record_from_a_top_level_and_a_nested_page():
    renderer = GuideRenderer(small_guide())
    assert renderer.href("mistake-mu", page="technique.md") == "mistakes.md#mistake-mu"
    assert renderer.href("mistake-mu", page="mistakes.md") == "mistakes.md#mistake-mu"
    assert renderer.href("cue-iota", page="checklists/setup.md") == "../technique.md#cue-iota"
    assert renderer.href("session-two", page="a/b/c.md") == "../../programming.md#session-two"
    # A checklist is on its own page under checklists/.
    assert renderer.href("list-ticks", page="index.md") == "checklists/ticks.md#list-ticks"
    assert renderer.href("list-ticks", page="checklists/index.md") == "ticks.md#list-ticks"
    with pytest.raises(KeyError):
        renderer.href("no-such-id", page="index.md")


def test_every_component_renders_from_its_page_and_from_a_nested_one():
    from macros.render.registry import COMPONENTS

    renderer = GuideRenderer(small_guide())
    for component in COMPONENTS:
        assert renderer.render(component.name).strip(), component.name
        assert renderer.render(component.name, page="x/y.md").strip(), component.name


def test_the_served_error_box_puts_each_fix_on_its_own_line_and_escapes_the_data():
    report = ("The guide data is invalid:\n"
              "data/faq.yml:5:5 faqs[0].questoin: unknown field 'questoin'; did you mean 'question'? (the 1st FAQ)\n"
              "data/faq.yml:9:7 faqs[1].question: markup is not allowed: <script>alert(1)</script>\n"
              "2 problem(s) in the guide data; the site was not built.\n")
    box = BeautifulSoup(data_report(report), "html.parser")
    # One item per problem: the box's own title replaces the report's heading and count.
    items = box.select(".data-report__problems > li")
    assert len(items) == 2
    second = items[0]
    assert second.code.get_text() == "data/faq.yml:5:5 faqs[0].questoin: unknown field 'questoin'"
    assert second.select_one(".data-report__fix").get_text() == "did you mean 'question'? (the 1st FAQ)"
    assert second.find("br") is not None
    assert box.find("script") is None and "<script>alert(1)</script>" in items[1].get_text()
