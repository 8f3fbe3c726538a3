"""What each field of the data files is for, as an editor's YAML extension shows it on hover
(written into the JSON Schemas by macros/schema.py; a test checks every field has one).

Keyed by field name; "Model.field" overrides a name whose meaning depends on the record.
"""

from __future__ import annotations

ID = ("Permanent link anchor of this record: lowercase words joined by hyphens, e.g. `overusing-elbows`. "
      "Never change it; to rename, keep the old id in `aliases:` and run `make links-lock`.")
PARAGRAPHS = ("Paragraphs of text. Each is plain text, or `{text: ..., cites: [reference-id]}` to cite a "
              "reference from references.yml.")

FIELD_HELP: dict[str, str] = {
    "id": ID,
    "aliases": "Old ids of this record, kept so links made before a rename still land, e.g. `[old-id]`.",
    "title": "Heading shown to readers, e.g. `Overusing Your Elbows`.",
    "intro": "Opening text shown under the heading.",
    "text": "The text itself, plain (no HTML or links), e.g. `Drive through your heel`.",
    "cites": "Ids of references (references.yml) this text cites, e.g. `[contreras-2015]`.",
    "links": "Words of this paragraph that link to a record elsewhere in the guide: `{text: words as written, to: record-id}`.",
    "to": "Id of the record the words link to, e.g. `safety`.",
    "paragraphs": PARAGRAPHS,
    "answer": "The answer's paragraphs. " + PARAGRAPHS,
    "closing": "Paragraphs shown after the rest. " + PARAGRAPHS,
    "problem": "What goes wrong, as paragraphs. " + PARAGRAPHS,
    "in_exercise": "How the exercise uses this muscle, as paragraphs. " + PARAGRAPHS,
    "points": "A bulleted list of short paragraphs. " + PARAGRAPHS,
    "what_is": "The 'What is a single leg hip thrust?' section of the home page.",
    "summary": "The summary section of the home page.",
    "disclaimer": "The medical disclaimer (guide.yml), or in a checklist `true` to print it under the ticks.",
    "short": "One-line version of the disclaimer, shown in every page's footer.",
    "more": "The rest of the disclaimer, shown where the full text appears.",
    "corrections": "Departures from the source text (facts fixed, wording changed), listed on the About page. "
                   "A plain typo fix needs no entry.",
    "source": "What the source text has (or, with `quote`, where it says it).",
    "quote": "The source's words, verbatim as in the source file.",
    "change": "What the guide says instead.",
    "why": "Why the change was made.",
    "at": "Id of the record holding the corrected text (linked from the About page), e.g. `warm-up`.",
    "pages": "Each page's title and description for browser tabs, search engines and shared links, keyed by the "
             "page's file name in docs/.",
    "description": "One or two sentences a shared link or search result shows.",
    "steps": "The steps, in order.",
    "caution": "A warning shown as a caution box after the step.",
    "cues": "Short coaching cues for this step; a checklist can list them by id.",
    "safety": "The safety and setup tips section.",
    "tips": "The safety tips; a checklist can list them by id.",
    "kind": "Which kind of record this is; pick one of the listed values.",
    "mistakes": "The common mistakes, each with what goes wrong and how to fix it.",
    "solutions": "How to fix it: one short instruction per item.",
    "muscles": "The muscles the exercise works.",
    "name": "Name shown to readers, e.g. `Gluteus maximus`.",
    "role": "The muscle's role in this exercise: target, synergist, stabilizer or dynamic stabilizer.",
    "function": "What the muscle does, in a sentence.",
    "cue": "A cue that helps the reader use this muscle.",
    "benefits": "The benefits of the exercise.",
    "variations": "Variations of the exercise.",
    "equipment": "Equipment needed, one item each, e.g. `Bench`.",
    "note": "A note shown after the steps.",
    "frequency": "How often to train it.",
    "guidelines": "Sets, reps, load and rest by training goal (a table).",
    "goals": "One row per training goal.",
    "goal": "The training goal, e.g. `Strength`.",
    "short_goal": "The goal in a word or two, as the FAQ names it.",
    "sets": "Number of sets, as text, e.g. `3–4`.",
    "reps": "Repetitions per set, as text, e.g. `6–8`.",
    "load": "How heavy, e.g. `Heavy dumbbell`.",
    "rest": "Rest between sets, e.g. `2–3 minutes`.",
    "tempo": "Lifting tempo, e.g. `2 seconds up, 2 down`.",
    "use": "When to use this scheme.",
    "effort": "How hard the sets should feel.",
    "progression": "The progression route from easiest to hardest.",
    "technique": "In a progression step: `true` when this step is the technique page's exercise. In the guide: the technique file.",
    "advance_when": "The rule for moving to the next step.",
    "sample_session": "A sample lower-body session.",
    "exercises": "The session's exercises, in order.",
    "exercise": "Name of the exercise, e.g. `Single leg hip thrust`.",
    "per_leg": "`true` when sets and reps are per leg (the checklists then log left and right).",
    "logs": "What a reader writes down for it, one write-in column each: `reps`, `time`, `load`, e.g. "
            "`[reps, load]` (a plank: `[time]`).",
    "faqs": "The frequently asked questions.",
    "question": "The question, as a reader would ask it.",
    "shows": "Id of a table to show with the answer: the programming guidelines' id.",
    "references": "The studies and articles the guide cites.",
    "authors": "Authors, one each, e.g. `Contreras B`.",
    "journal": "Journal or publisher.",
    "year": "Year of publication, e.g. `2015`.",
    "volume": "Journal volume, as text.",
    "issue": "Journal issue, as text.",
    "published": "Publication date or status, as text.",
    "doi": "The bare DOI, e.g. `10.1519/JSC.0000000000000000` (no https://doi.org/).",
    "url": "A full https:// web address, e.g. `https://www.example.org/page`.",
    "checklists": "The printable checklists (each has a page in docs/checklists/).",
    "page": "The checklist's page: its file name in docs/checklists/.",
    "items": "Ids of the records the checklist lists (cues, tips, mistakes, progression steps or session "
             "exercises, by kind), e.g. `[overusing-elbows]`.",
    "paper": "Print layout: `{columns: 2, text: small}` fits more on the one printed page.",
    "columns": "Columns on paper: 1 or 2.",
    "log_fields": "Headings of the write-in columns before what each step logs, e.g. `[Date, Sets]`.",
    "log_rows": "How many write-in rows per item (1–6).",
    "set_rows": "The most write-in rows per exercise, one per set (1–8): an exercise gets as many as its "
                "`sets` says, and this many when `sets` gives no number.",
    "terms": "Words readers type for the guide's own terms (search.yml): each entry lets search find the records "
             "that use the term by the readers' words too.",
    "words": "What readers type instead of the guide's term: abbreviations, everyday words, e.g. `[quads]`.",
    "means": "The guide's own term those words stand for, e.g. `quadriceps`.",
    "at@SearchTerm": "Ids of the records that use the term, which search then finds by these words, e.g. `[quadriceps]`.",
    "intro@Section": "Opening text.",
    "text@PrintRules": "Text size on paper: large (16 pt, for a few short items), normal (14 pt) or small (11 pt, for long items).",
    "kind@Tip": "What the tip is about: stop-sign (stop if...), form or load.",
    "kind@TickChecklist": "The kind of checklist: tick boxes for cues or safety tips.",
    "kind@FaultFinder": "The kind of checklist: a fault finder listing mistakes.",
    "kind@ProgressionTracker": "The kind of checklist: a tracker listing progression steps.",
    "kind@SessionCard": "The kind of checklist: a card listing the session's exercises.",
    "title@GuideFile": "The guide's name, shown as the site's title.",
    "intro@GuideFile": "The home page's opening paragraphs. " + PARAGRAPHS,
    "text@PhraseLink": "Words of the paragraph, exactly as written there, that become the link.",
}


def help_for(model: str, field: str) -> str | None:
    """The description of `field` in the schema definition named `model`."""
    return FIELD_HELP.get(f"{field}@{model}") or FIELD_HELP.get(field)
