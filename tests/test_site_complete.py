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
NOT_ON_THE_PAGE = NON_TEXT_KEYS | {"pages"}
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


def test_every_line_of_the_source_text_is_on_the_site(built_site, guide):
    """Each source sentence the data holds (make check-data reports one it does not hold and
    no correction or rewording accounts for) is on the site."""
    text = all_site_text(built_site)
    # A corrected or reworded sentence is on the site in its new form; the entry quotes the
    # source's words (test_corrections.py checks the quote and the corrected place).
    quotes = [normalize(CITATION_MARK.sub("", q)) for q in
              [c.quote for c in guide.guide.corrections if c.quote] + [r.quote for r in guide.guide.rewordings]]
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
    # Under the existing `rewordings:` (the last key of guide.yml when an editor has added it).
    text = text.rstrip("\n") + ("\n" if "\nrewordings:\n" in text else "\nrewordings:\n") + "  - " + entry + "\n"
    guide.write_text(text, encoding="utf-8")
    load_guide(data)


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

