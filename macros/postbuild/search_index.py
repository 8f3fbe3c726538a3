"""The search index made for answers (issue 16): one entry per record, in readers' words.

Material's search plugin writes `search/search_index.json` with one entry per heading
(its `location`, `title` and `text`, the text as HTML). Records that are not headings (a
cue, a safety tip, a table row, a progression step, a session exercise, a reference...)
are found only inside their section, and land on its top. `answer_index` rewrites that
index after the build, from the data, which knows every record's id, name and words:

- each linkable record without an entry of its own gets one, at its own anchor, titled
  by its name (`model.label`); the templates mark those records `data-search-exclude`,
  so the section holding them does not repeat them (one result per record);
- a heading that names nothing on its own ("Step 1" of a variation) is titled with
  what it belongs to;
- the reader vocabulary (data/search.yml) goes into a `synonyms` field of the records it
  names, searched (boosted like titles) but never shown: "quads" finds Quadriceps, and
  the page still says quadriceps.

Pages out of search have no entries, so their records get none either: the printable
checklists (site/pages.py out_of_search, applied by the macros' page hook: each repeats records the guide
explains on their own pages) and the link page (its front matter). The core imports nothing from the
engine: `rewrite` takes the built site's folder.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..data.model import Correction, Disclaimer, Goal, Guide, Linkable, Reference, SessionExercise, Variation, walk
from ..data.titles import record_title, step_titles
from ..render.registry import page_table
from ..site.pages import Pages
from ..site.urls import address_of

INDEX = Path("search") / "search_index.json"
ZENSICAL_INDEX = Path("search.json")
# Records that get no entry: a variation is its card's heading already; a correction
# quotes the source's words as they were before correcting (the About page lists them).
OUT_OF_SEARCH = (Variation, Correction)
PAGE_BOOST = 0.5
# The field the reader vocabulary is searched in. Above a title's 1000 (Material's
# default): a word a reader types for a record names that record, not a page that uses it.
SYNONYMS = {"synonyms": {"boost": 2000.0}}


def _html(text: str) -> str:
    """Text for the index, escaped as Material's search plugin escapes page text."""
    return html.escape(text, quote=False)


def _paragraphs(*texts: str | None) -> str:
    return "".join(f"<p>{_html(text)}</p>" for text in texts if text)


def _text(record: Linkable) -> str:
    """A record's words other than its name, as the page shows them."""
    if isinstance(record, Goal):
        reps = record.reps + (f", {record.tempo}" if record.tempo else "")
        more = "; ".join(value for value in (record.rest, record.use) if value)
        return _paragraphs(f"Sets: {record.sets}. Reps per leg: {reps}. Load: {record.load}.", more)
    if isinstance(record, SessionExercise):
        dose = f"{record.sets} sets" + (f" of {record.reps} reps" if record.reps else "")
        return _paragraphs(dose + (" per leg" if record.per_leg else ""))
    if isinstance(record, Reference):
        details = ", ".join(record.authors) + f". {record.journal}. {record.year}."
        return _paragraphs(details)
    if isinstance(record, Disclaimer):
        return _paragraphs(record.short, record.more)
    return ""


def answer_index(index: dict, guide: Guide, pages: Pages | None = None) -> dict:
    """Material's search index (parsed) made one entry per record, with the glossary's words."""
    pages = pages or page_table(guide)
    docs: list[dict] = list(index["docs"])
    by_location = {doc["location"]: doc for doc in docs}
    indexed_pages = {doc["location"].partition("#")[0] for doc in docs}
    titled_steps = dict(step_titles(guide))

    def location(record_id: str) -> str | None:
        try:
            page = address_of(pages.of(record_id))
        except KeyError:
            return None
        return f"{page}#{record_id}" if page in indexed_pages else None

    for doc in docs:
        if "#" not in doc["location"]:
            # A page's own entry (its title and intro): Material ranks it up to 2.5 times a
            # section's score for being a page; half weight lets the record that answers a
            # query outrank the intro of its page.
            doc["boost"] = PAGE_BOOST
    added: list[dict] = []
    for key in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, key)):
            if not isinstance(record, Linkable) or isinstance(record, OUT_OF_SEARCH):
                continue
            where = location(record.id)
            if where is None:
                continue
            if where in by_location:
                if record.id in titled_steps:
                    # Titled with its variation's name, it must not outrank the variation
                    # on that name: half a record's weight (lunr's document boost).
                    by_location[where].update(title=_html(titled_steps[record.id]), boost=0.5)
                continue
            entry = {"location": where, "title": _html(record_title(record)), "text": _text(record)}
            by_location[where] = entry
            added.append(entry)
    for term in guide.search.terms:
        for target in term.at:
            entry = by_location.get(location(target) or "")
            if entry is not None:
                words = entry.get("synonyms", "").split(" ") if entry.get("synonyms") else []
                entry["synonyms"] = " ".join(dict.fromkeys(words + [_html(w) for w in term.words]))
    config = {**index["config"], "fields": {**index["config"]["fields"], **SYNONYMS}}
    return {**index, "config": config, "docs": docs + added}


def zensical_answer_index(index: dict, guide: Guide, pages: Pages | None = None) -> dict:
    """Zensical's search index (`search.json`: `items` with `location`, `level`, `title`,
    `text`, `path`, `tags`) made one entry per record, as `answer_index` makes Material's.
    Zensical's search reads the title, text and path of an item, no other field and no
    boost: the reader vocabulary (synonyms) and the weights have no place in it."""
    items = index["items"]
    material = {"config": {"fields": {}}, "docs": [{"location": item["location"], "title": item["title"],
                                                     "text": item["text"]} for item in items]}
    by_location = {item["location"]: item for item in items}
    page_path = {item["location"]: item.get("path", []) for item in items if "#" not in item["location"]}
    made = []
    for doc in answer_index(material, guide, pages)["docs"]:
        item = by_location.get(doc["location"])
        if item is None:
            page = doc["location"].partition("#")[0]
            item = {"location": doc["location"], "level": 3, "title": doc["title"], "text": doc["text"],
                    "path": page_path.get(page, []), "tags": []}
        else:
            item = {**item, "title": doc["title"]}
        made.append(item)
    return {**index, "items": made}


def rewrite(site_dir: str | Path, guide: Guide, pages: Pages | None = None) -> None:
    """Rewrite the built site's search index: Material's (search/search_index.json) or
    Zensical's (search.json), whichever the engine wrote."""
    for name, answer in ((INDEX, answer_index), (ZENSICAL_INDEX, zensical_answer_index)):
        path = Path(site_dir) / name
        if path.is_file():
            index = answer(json.loads(path.read_text(encoding="utf-8")), guide, pages)
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
