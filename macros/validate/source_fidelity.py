"""Source fidelity for a living guide: every sentence of the source text (data/source.txt)
is in data/, or accounted for by a correction (`corrections:` with the source's words as
`quote`) or a recorded rewording (`rewordings:`). A sentence that is neither is reported at
the text most like it (where an editor changed it), with the line to add.

The comparison is on data/, not on the built site, so `make check-data` and the build say
the same; tests/test_site_complete.py checks that what is in data/ reaches the pages."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..data.model import FILE_MODELS
from .registry import WHOLE_GUIDE, Context, Report, rule

FILE_NAME = "source.txt"

# Source lines whose words are in data/ in another shape, and where (a heading the site
# generates, a table row split into cells, a list the site renders from the table).
RESHAPED_SOURCE_LINES = {
    "Table of Contents": "an empty stub; the site generates tables of contents (guide.yml corrections)",
    "Solution:": "card label 'Solution'/'Solutions'",
    "Single Leg Hip Thrust Common Mistake": "heading corrected to 'Common Mistakes' (guide.yml corrections)",
    "Strength and power: 3–5 sets of 5–8 heavier reps per leg with longer rest (90–150 seconds)":
        "row of the sets/reps table (programming.yml goals)",
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
# Labels the site prints itself ("Step 1: ", "Mistake #2: "...): the words after them are data.
PREFIXES = re.compile(r"^(Q: |A: |Step \d: |Caution: |Mistake #\d: )")
CITATION_MARK = re.compile(r"\[\d\]")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")
WORD = re.compile(r"[^\W_]+")
# Files whose records the site prints as a whole from separate fields (a reference's
# authors, title, journal...; a table row's cells): a sentence there is accounted for when its
# words are the record's. Prose elsewhere must hold the sentence as it stands.
FIELDED_FILES = frozenset({"references", "programming"})
# A reference's printed form has words the data's fields do not ("Published", "doi").
BIBLIOGRAPHIC_LABELS = frozenset({"published", "doi"})
DOI = re.compile(r"doi:\s*\S+")


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def source_sentences(text: str) -> Iterator[str]:
    """The source's sentences as the guide must hold them: labels and citation marks off,
    lines the data holds in another shape left out."""
    for line in text.splitlines():
        line = line.strip().removeprefix("- ")
        if not line or line in RESHAPED_SOURCE_LINES or STEP_HEADING.match(line):
            continue
        line = CITATION_MARK.sub("", PREFIXES.sub("", line))
        yield from (s for s in SENTENCE_END.split(line) if s)


def _leaves(node: object, path: tuple = (), owner: str | None = None) -> Iterator[tuple[tuple, str, str | None]]:
    """(path, text, id of the nearest record holding it) for every scalar in a file."""
    if isinstance(node, dict):
        owner = node["id"] if isinstance(node.get("id"), str) else owner
        for key, value in node.items():
            yield from _leaves(value, path + (key,), owner)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, path + (i,), owner)
    elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
        yield path, str(node), owner


def _records(leaves: list[tuple[str, tuple, str, str | None]]) -> list[set[str]]:
    """The words of each list item of the fielded files (a reference, a table row...)."""
    words: dict[tuple, set[str]] = {}
    for key, path, text, _owner in leaves:
        if key not in FIELDED_FILES:
            continue
        found = set(WORD.findall(normalize(text)))
        for cut in range(1, len(path) + 1):
            if isinstance(path[cut - 1], int):
                words.setdefault((key, path[:cut]), set()).update(found)
    return list(words.values())


def unaccounted(source: str, leaves: list[tuple[str, tuple, str, str | None]], quotes: list[str]) -> list[str]:
    """The source sentences that are neither in the data's text (whole, or all their words in
    one record: a table row, a reference) nor inside or around a quoted correction/rewording."""
    text = " \n ".join(normalize(t) for _k, _p, t, _o in leaves)
    records = _records(leaves)
    quotes = [normalize(CITATION_MARK.sub("", q)) for q in quotes]
    missing = []
    for sentence in source_sentences(source):
        found = normalize(sentence)
        if found in text or any(q in found or found in q for q in quotes):
            continue
        # A DOI is checked as a DOI (model.py), not word by word.
        words = set(WORD.findall(DOI.sub("", found))) - BIBLIOGRAPHIC_LABELS
        if words and any(words <= record for record in records):
            continue
        missing.append(sentence)
    return missing


def _closest(sentence: str, leaves: list[tuple[str, tuple, str, str | None]]) -> tuple[str, tuple, str | None]:
    """Where the sentence most likely was: the text with the most words in common with it."""
    words = set(WORD.findall(normalize(sentence)))

    def score(leaf):
        return (len(words & set(WORD.findall(normalize(leaf[2])))),
                difflib.SequenceMatcher(None, normalize(sentence), normalize(leaf[2])).quick_ratio())

    # Prose only: an id or a number is no place an editor reworded a sentence.
    key, path, _text, owner = max((leaf for leaf in leaves if " " in leaf[2].strip()), key=score)
    return key, path, owner


@rule(phase=WHOLE_GUIDE)
def every_source_sentence_is_accounted_for(context: Context, report: Report) -> None:
    """Runs on the assembled guide: a structural problem (a broken file, a dangling id) is
    fixed first, and a deletion's consequences elsewhere are not crowded out."""
    source_file = context.data_dir / FILE_NAME if context.data_dir else None
    if source_file is None or not Path(source_file).is_file():
        return  # data without its source text (synthetic data): nothing to compare
    guide = context.guide.guide
    leaves = [(key, path, text, owner) for key in FILE_MODELS if key != "search"
              for path, text, owner in _leaves(context.files[key].data)
              # A correction's or rewording's own words say what the source had, not what the guide says.
              if not (key == "guide" and path[:1] in (("corrections",), ("rewordings",)))]
    source = Path(source_file).read_text(encoding="utf-8")
    for i, rewording in enumerate(guide.rewordings):
        if rewording.quote and normalize(rewording.quote) not in normalize(CITATION_MARK.sub("", source)):
            report("guide", ("rewordings", i, "quote"),
                   "these words are not in the source text (data/source.txt): copy the source's sentence exactly")
    quotes = [c.quote for c in guide.corrections if c.quote] + [r.quote for r in guide.rewordings if r.quote]
    for sentence in unaccounted(source, leaves, quotes):
        key, path, owner = _closest(sentence, leaves)
        # A rewording is recorded like a correction (shown, collapsed, on the About page).
        # Its id (an anchor on the About page) from the record or the file it was in.
        entry = ("{id: " + f"{owner or key}-reworded" + ", source: the source text, quote: "
                 + json.dumps(sentence, ensure_ascii=False) + ", change: what the guide says now"
                 + (f", at: {owner}" if owner else "") + "}")
        report(key, path,
               f"the source sentence {json.dumps(sentence, ensure_ascii=False)} is no longer in the guide "
               "(data/source.txt is the source text); if you changed only its words (a typo, a clearer "
               f"phrase), add under rewordings: in data/guide.yml: `- {entry}` and run `make update`; if you changed what it "
               "says, add a `corrections:` entry instead (source, quote, change, why, at)")
