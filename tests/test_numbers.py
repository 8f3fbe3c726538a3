"""One set of numbers (issue 27): a dose, a rep count, a rest, a frequency is stated once in
data/ and rendered from that one record wherever it is shown, so two pages can never
disagree ("2–3 reps in reserve" on one, "1–3" on another).

A number fact is a number or range with what it counts: "2–3 sets of 8–12 controlled reps",
"1–2 seconds", "1–3 times per week". Prose records state them in words; the sets/reps
records (programming goals, session exercises) state them as fields that templates render
as "<sets> sets of <reps> reps". Everything here is read from data/ and the built site."""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup

from macros.data.model import Goal, Linkable, SessionExercise, walk
from site_text import CHROME, normalize

NUMBER = r"\d+(?:[.,]\d+)?(?:–\d+(?:[.,]\d+)?)?"
# What a number counts; up to two words (e.g. "controlled", "light") may come between.
UNIT = (r"(?:sets?|reps?|repetitions|seconds?|minutes?|times (?:per|a) week|sessions? per week|"
        r"degrees|°|%)")
FACT = re.compile(rf"(?<![\w–]){NUMBER}(?:\s+[a-z]+){{0,2}}?\s*{UNIT}(?:\s+of\s+{NUMBER}(?:\s+[a-z]+){{0,2}}?\s+reps?)?",
                  re.IGNORECASE)
# Pages that quote or list rather than state: About quotes the source's own numbers in its
# corrections, the whole guide on paper and the link page repeat every page.
QUOTING = ("about/", "print/", "links/")


def facts(text: str) -> set[str]:
    return {normalize(m.group()) for m in FACT.finditer(text)}


def records_stating(guide) -> dict[str, set[str]]:
    """Each number fact of data/ -> the ids of the records that state it: the prose of a
    record (its own fields, not those of records nested in it) and the sets and reps of a
    goal or session exercise, as the templates render them."""
    stated: dict[str, set[str]] = defaultdict(set)
    for key in type(guide).model_fields:
        if key == "figures":  # a drawing's words describe the record it is shown with
            continue
        if key == "guide":  # front matter: the corrections and rewordings quote the source
            part = guide.guide.model_copy(update={"corrections": [], "rewordings": []})
        else:
            part = getattr(guide, key)
        for _path, record, owner in walk(part):
            owner_id = owner.id if isinstance(owner, Linkable) else key
            if isinstance(record, (Goal, SessionExercise)) and record.reps:
                stated[normalize(f"{record.sets} sets of {record.reps} reps")].add(record.id)
                continue
            for name in type(record).model_fields:
                value = getattr(record, name)
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        for fact in facts(text):
                            stated[fact].add(owner_id)
    return stated


def shown_on(site) -> dict[str, set[str]]:
    """Each number fact in the built pages' content -> the pages showing it."""
    shown: dict[str, set[str]] = defaultdict(set)
    for path in site.rglob("index.html"):
        page = str(path.parent.relative_to(site)) + "/"
        if page.startswith(QUOTING):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        for element in article.select(f"{CHROME}, .print-footer, svg"):
            element.decompose()
        for fact in facts(article.get_text(" ")):
            shown[fact].add(page)
    return shown


def test_the_pattern_finds_the_facts_it_is_meant_to():
    assert facts("Begin with 2–3 sets of 8–12 controlled reps per leg, leaving 1–3 reps left") == \
        {"2–3 sets of 8–12 controlled reps", "1–3 reps"}
    assert facts("Pause 1–2 seconds; train 1–3 times per week; knees at 90 degrees or 90°") == \
        {"1–2 seconds", "1–3 times per week", "90 degrees", "90°"}
    assert facts("Step 3: the [1] review of 12 studies") == set()


def test_every_number_fact_is_stated_by_one_record(guide):
    """No two records say the same number of the same thing: one of them would be a copy,
    and copies drift apart."""
    twice = {fact: sorted(ids) for fact, ids in records_stating(guide).items() if len(ids) > 1}
    assert not twice, f"number facts stated by more than one record: {twice}"


def test_every_number_shown_on_more_than_one_page_comes_from_one_record(guide, built_site):
    stated = records_stating(guide)
    shown = shown_on(built_site)
    several = {fact: pages for fact, pages in shown.items() if len(pages) > 1}
    assert several, "no number fact is shown on two pages: the test reads nothing"
    for fact, pages in sorted(several.items()):
        records = stated.get(fact, set())
        assert len(records) == 1, f"{fact!r} on {sorted(pages)} comes from {sorted(records) or 'no record'}"
