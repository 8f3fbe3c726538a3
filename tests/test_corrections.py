"""Corrections to the source (issue 13): each is recorded in guide.yml `corrections:` with
the source's words as they stand in the source text, and its corrected place on the site no
longer carries them; the About page lists each with a link that lands there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.render.renderer import GuideRenderer
from site_text import normalize
from support import ROOT, SOURCE_TEXT

# The original the fixture copies (outside the repository; a CI clone may not have it).
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "single-leg-hip-thrust.txt"
# The slips issue 13 names, and those found reading the source again (hamstrings, summary).
ISSUE_13 = {"band-abductors", "warm-up-glutes", "glutes-most-of-the-work", "hamstrings-do-not-slack",
            "quadriceps-however", "quadriceps-aesthetic", "imbalance-citation", "elevated-lying-on-the-floor",
            "landmine-other-leg", "hamstrings-bend-the-knee", "safety-tips-link"}
# The second pass (issue 27): its eleven findings and the more of the same kinds found.
ISSUE_27 = {"stop-on-pain-split", "step-2-hamstrings-claim", "hamstrings-synergist", "quadriceps-not-secondary",
            "adductors-sideways", "adductors-knee-cave", "muscles-from-the-references", "sprint-speed",
            "dumbbell-lifted-leg", "dumbbell-back-on-bench", "banded-one-knee", "banded-tension",
            "elevated-lift-the-hips", "elevated-needs-a-bench", "reps-in-reserve", "endurance-not-warm-up",
            "start-with-bodyweight", "faq-frequency"}
# The third pass (issue 27b): a strict coach's and physiotherapist's review.
ISSUE_27B = {"faq-every-workout", "load-after-the-band", "endurance-not-activation", "dumbbell-shin-vertical",
             "lower-back-pain-risk", "wake-up-quad-dominant", "squats-up-and-down", "squats-quad-development",
             "accommodate-everyone", "core-most-important", "elevated-knee-angle", "time-efficient", "dumbbell-pad",
             "no-barbell-variation"}


def corrections(guide):
    """The corrections and the rewordings for voice: both quote the source and name a place."""
    return [*guide.guide.corrections, *guide.guide.rewordings]


def source_texts() -> list[str]:
    texts = [SOURCE_TEXT.read_text(encoding="utf-8")]
    if SHARED_SOURCE.exists():
        texts.append(SHARED_SOURCE.read_text(encoding="utf-8"))
    return texts


def built_file(site: Path, docs_link: str) -> tuple[Path, str]:
    """The built page and anchor of a docs link such as 'muscles.md#hamstrings'."""
    page, _, anchor = docs_link.partition("#")
    stem = page.removesuffix(".md")
    path = site / "index.html" if stem == "index" else site / stem.removesuffix("/index") / "index.html"
    return path, anchor


def place_text(soup: BeautifulSoup, anchor: str) -> str:
    """The text of the place an id marks: a heading with what follows it up to the next
    heading of its level or above, or the element itself."""
    element = soup.find(id=anchor)
    assert element is not None, f"no element with id {anchor!r}"
    if not re.fullmatch(r"h[1-6]", element.name):
        return normalize(element.get_text(" "))
    level, parts = int(element.name[1]), [element.get_text(" ")]
    for sibling in element.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        parts.append(sibling.get_text(" "))
    return normalize(" ".join(parts))


def as_rendered(quote: str) -> str:
    """The source's words as the site would show them: a citation mark "glutes[2]." is
    rendered after the punctuation as a link, "glutes. [2]"."""
    return normalize(re.sub(r"\[(\d+)\]([.,;:]?)", r"\2 [\1]", quote))


def test_the_issue_13_and_27_corrections_are_recorded_with_quote_reason_and_place(guide):
    recorded = {c.id: c for c in corrections(guide)}
    expected = ISSUE_13 | ISSUE_27 | ISSUE_27B
    assert expected <= recorded.keys(), f"missing: {sorted(expected - recorded.keys())}"
    for correction_id in expected:
        c = recorded[correction_id]
        assert c.quote and c.why and c.at, f"{correction_id}: needs quote, why and at"


def test_every_quote_is_text_really_in_the_source(guide):
    quoted = [c for c in corrections(guide) if c.quote]
    assert len(quoted) >= len(ISSUE_13)
    for text in source_texts():
        missing = [c.id for c in quoted if c.quote not in text]
        assert not missing, f"quotes not found verbatim in the source text: {missing}"


def test_the_corrected_place_no_longer_has_the_source_wording(guide, built_site):
    renderer = GuideRenderer(guide)
    checked = 0
    for c in corrections(guide):
        if not (c.quote and c.at):
            continue
        path, anchor = built_file(built_site, renderer.href(c.at, "index.md"))
        place = place_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"), anchor)
        assert place, f"{c.id}: the corrected place #{anchor} is empty"
        assert as_rendered(c.quote) not in place, \
            f"{c.id}: {path.relative_to(built_site)}#{anchor} still reads {c.quote!r}"
        checked += 1
    assert checked >= len(ISSUE_13)


def test_the_imbalance_sentence_cites_nothing_and_the_peak_claim_cites_reference_2(built_site):
    soup = BeautifulSoup((built_site / "muscles" / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraphs = {normalize(p.get_text(" ")): p for p in soup.select("article p")}
    imbalance = next(p for text, p in paragraphs.items() if "right and left glutes" in text)
    peak = next(p for text, p in paragraphs.items() if "higher peak activation" in text)
    assert not imbalance.select("a.citation")
    assert [a["href"] for a in peak.select("a.citation")] == ["../references/#contreras-2015"]


def test_the_about_page_quotes_each_correction_and_links_to_a_place_that_lands(guide, built_site):
    about = BeautifulSoup((built_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for c in corrections(guide):
        item = about.find(id=c.id)
        assert item is not None, f"{c.id} is not on the About page"
        text = normalize(item.get_text(" "))
        for value in (c.quote, c.source, c.change, c.why):
            if value:
                assert normalize(value) in text, f"{c.id}: {value[:40]!r} not shown"
        if c.at:
            links = [a["href"] for a in item.select("a:not(.headerlink)")]
            assert len(links) == 1, f"{c.id}: expected one link to the corrected text, got {links}"
            page, _, anchor = links[0].partition("#")
            target = (built_site / "about" / page / "index.html").resolve()
            assert anchor == c.at and target.is_file(), f"{c.id}: {links[0]} does not land"
            assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor), \
                f"{c.id}: no #{anchor} on {target}"


@pytest.mark.parametrize("label", ["Coaching cue"])
def test_muscle_cues_are_labelled_as_cues(built_site, label):
    soup = BeautifulSoup((built_site / "muscles" / "index.html").read_text(encoding="utf-8"), "html.parser")
    titles = {t.get_text(strip=True) for t in soup.select(".admonition.tip .admonition-title")}
    assert titles == {label}


def test_controlled_reps_sit_in_the_reps_column_not_under_rest(built_site):
    soup = BeautifulSoup((built_site / "programming" / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("article table")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    reps, rest = header.index("Reps per leg"), header.index("Rest and use")
    hypertrophy = next(row for row in rows if row[0].startswith("Muscle growth"))
    assert hypertrophy[reps] == "8–12, controlled" and "controlled" not in hypertrophy[rest].casefold()


def test_the_about_page_explains_the_roles_and_keeps_the_log_collapsed(guide, built_site):
    """The log stays complete but closed (a details block), so it does not push the rest of
    About down; About points to the Muscles page, which says what every role in use means."""
    about = BeautifulSoup((built_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    log = about.select_one("article details")
    assert log is not None and not log.has_attr("open"), "the corrections log is not collapsed"
    assert {c.id for c in guide.guide.corrections} <= {e["id"] for e in log.select("[id]")}
    assert str(len(guide.guide.corrections)) in log.summary.get_text()
    assert about.select_one('article a[href="../muscles/#muscle-roles"]'), "About does not point to the roles"
    muscles = BeautifulSoup((built_site / "muscles" / "index.html").read_text(encoding="utf-8"), "html.parser")
    explained = {normalize(dt.get_text()): normalize(dt.find_next_sibling("dd").get_text())
                 for dt in muscles.select("article dl dt")}
    for role in {m.role for m in guide.muscles.muscles}:
        assert explained.get(role) == normalize(guide.muscles.roles[role]), f"role {role!r} is not explained"
