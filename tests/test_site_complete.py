"""Nothing is lost: all of data/ and all of the source text reach the built site."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from site_text import content_text, normalize, page_soups
from macros.data.problems import DataError
from macros.validate.load import load_guide
from macros.validate.source_fidelity import CITATION_MARK, source_sentences
from support import DATA, NON_TEXT_KEYS, SOURCE_TEXT, string_leaves

# Link previews reach each page's <head>, not its text (test_links_preview.py).
# `paper` is a checklist's print layout (text: x-large...), a setting, not words a page shows.
NOT_ON_THE_PAGE = NON_TEXT_KEYS | {"pages", "paper"}
FIGURE_SETTINGS = frozenset({"at", "pose", "equipment", "guides"})


DATA_TEXT = normalize(" ".join(value for path in sorted(DATA.glob("*.yml"))
                               for _field, value in string_leaves(yaml.safe_load(path.read_text(encoding="utf-8")),
                                                                  frozenset())))


def all_site_text(built_site) -> str:
    return " ".join(content_text(soup) for soup in page_soups(built_site).values())


def test_every_string_in_data_appears_in_built_html(built_site):
    text = all_site_text(built_site)
    missing = []
    leaves = 0
    for path in sorted(DATA.glob("*.yml")):
        # A figure's pose and drawing options are numbers and names for the drawing, not words.
        skip = NOT_ON_THE_PAGE | FIGURE_SETTINGS if path.stem == "figures" else NOT_ON_THE_PAGE
        for field, value in string_leaves(yaml.safe_load(path.read_text(encoding="utf-8")), skip):
            leaves += 1
            if normalize(value) not in text:
                missing.append(f"{path.name} {field}: {value[:70]!r}")
    assert leaves > 150, f"only {leaves} strings found in data/: is the walk broken?"
    assert not missing, "data text missing from the built site:\n" + "\n".join(missing)


def _exact(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_string_in_data_appears_with_its_own_characters(built_site):
    """As above, letter for letter: no case filter, no typography, no normalisation changes
    what an editor typed ("85% of your 1RM" stays 1RM; "RDLs or a DB row" stays as written)."""
    text = " ".join(_exact(soup.select_one("article").get_text()) for soup in page_soups(built_site).values()
                    if soup.select_one("article"))
    changed = []
    for path in sorted(DATA.glob("*.yml")):
        skip = NOT_ON_THE_PAGE | FIGURE_SETTINGS if path.stem == "figures" else NOT_ON_THE_PAGE
        for field, value in string_leaves(yaml.safe_load(path.read_text(encoding="utf-8")), skip):
            if _exact(value) not in text:
                changed.append(f"{path.name} {field}: {value[:70]!r}")
    assert not changed, "data text changed on the built site:\n" + "\n".join(changed)


# Source lines whose words are on the site in another shape; each says where.
RESHAPED_SOURCE_LINES = {
    "Table of Contents": "an empty stub; the site generates tables of contents (guide.yml corrections)",
    "Solution:": "card label 'Solution'/'Solutions'",
    "Single Leg Hip Thrust Common Mistake": "heading corrected to 'Common Mistakes' (guide.yml corrections)",
    "Strength and power: 3–5 sets of 5–8 heavier reps per leg with longer rest (90–150 seconds)":
        "row of the sets/reps table (test_programming_table_rows_come_from_data)",
    "Muscle growth (hypertrophy): 3–4 sets of 8–12 controlled reps per leg with moderate loads": "table row",
    "Endurance and activation: 2–3 sets of 15–20 light reps per leg, often as a warm-up or finisher": "table row",
    "3–5 sets of 5–8 heavier reps per leg for strength": "FAQ list rendered from the table rows",
    "3–4 sets of 8–12 moderate reps per leg for muscle growth": "FAQ list rendered from the table rows",
    "2–3 sets of 15–20 lighter reps per leg for endurance or activation": "FAQ list rendered from the table rows",
    "Squat or leg press: 3–4 sets of 6–8 reps": "sample session item (bold exercise name)",
    "Single leg hip thrust: 3 sets of 8–10 reps per leg": "sample session item",
    "Romanian deadlift: 3 sets of 8–12 reps": "sample session item",
    "Core work (planks, dead bug, side plank): 2–3 sets": "sample session item",
}
STEP_HEADING = re.compile(r"^Step \d$")
MISTAKE_HEADING = re.compile(r"^Mistake #(\d): (.+)$")
PREFIXES = re.compile(r"^(Q: |A: |Step \d: |Caution: )")
CITATION_MARK = re.compile(r"\[\d\]")


def test_every_line_of_the_source_text_is_on_the_site(built_site, guide):
    """Each source sentence the data holds (make check-data reports one it does not hold and
    no correction or rewording accounts for) is on the site."""
    text = all_site_text(built_site)
    # A corrected or reworded sentence is on the site in its new form; the entry quotes the
    # source's words (test_corrections.py checks the quote and the corrected place).
    quotes = [normalize(CITATION_MARK.sub("", c.quote)) for c in (*guide.guide.corrections, *guide.guide.rewordings)
              if c.quote]
    checked, missing = 0, []
    for sentence in source_sentences(SOURCE_TEXT.read_text(encoding="utf-8")):
        checked += 1
        found = normalize(sentence)
        if found not in text and not any(q in found or found in q for q in quotes) and found in DATA_TEXT:
            missing.append(sentence)
    assert checked > 150
    assert not missing, "source sentences in data/ but missing from the site:\n" + "\n".join(missing)


def test_source_fidelity_is_a_data_rule_that_names_the_rewording_to_add(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    mistakes = data / "mistakes.yml"
    sentence = next(s for s in source_sentences(SOURCE_TEXT.read_text(encoding="utf-8"))
                    if normalize(s) in normalize(mistakes.read_text(encoding="utf-8")) and len(s.split()) > 5)
    text = mistakes.read_text(encoding="utf-8")
    # The sentence as the file has it (folded over lines), one word changed.
    pattern = r"\s+".join(re.escape(w) for w in sentence.split())
    place = re.search(pattern, text)
    first = sentence.split()[0]
    mistakes.write_text(text[:place.start()] + first + " also" + text[place.start() + len(first):], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_guide(data)
    [problem] = caught.value.problems
    # Located at the text that held it: the scalar of mistakes.yml the sentence was in.
    holder = next(node for node in _scalars(yaml.compose(text)) if node.start_mark.index <= place.start() < node.end_mark.index)
    assert (problem.position.file, problem.position.line) == ("data/mistakes.yml", holder.start_mark.line + 1)
    assert f"the source sentence {json.dumps(sentence, ensure_ascii=False)} is no longer in the guide" in problem.message
    entry = re.search(r"add under rewordings: in data/guide.yml: `- (\{.*?\})`", problem.message).group(1)
    # Adding the line it gives makes the data valid again.
    guide = data / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    # As the first entry under `rewordings:` (a new key at the end when the file has none yet).
    if "\nrewordings:\n" in text:
        text = text.replace("\nrewordings:\n", "\nrewordings:\n  - " + entry + "\n", 1)
    else:
        text = text.rstrip("\n") + "\nrewordings:\n  - " + entry + "\n"
    guide.write_text(text, encoding="utf-8")
    # Valid but for the new id's bookkeeping (`make update`, as the message says).
    load_guide(data, check_manifest=False)


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def test_references_keep_every_bibliographic_field(built_site, guide):
    references = content_text(page_soups(built_site)["references/index.html"])
    for ref in guide.references.references:
        for value in (*ref.authors, ref.title, ref.journal, str(ref.year), ref.volume, ref.issue, ref.pages):
            assert normalize(value) in references, f"{ref.id}: {value!r} missing"

