"""The guide as typed records: one strict pydantic model per concept and per data file.

Strict means: unknown keys are errors, required fields are required, no silent type
coercion, ids are slugs, and prose rejects raw HTML and attribute-list syntax (it is
rendered as Markdown, so either would inject markup into the page).
"""

from __future__ import annotations

import collections
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .block_syntax import START_OF_VALUE

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# What an editor may think of as formatting but that would become live markup, code or
# requests in the built page: a tag (<script, </p, <!--), an event handler (onerror=),
# braces (attribute lists such as { #id }, {: .class }, {hidden}, {onclick=x}; Jinja's
# {{ }}), a Markdown link or image ([x](javascript:...)), a reference link or definition
# ([x][y], and [y]: javascript:... or *[abbr]: at the start), a footnote ([^1]), and block syntax at the start of the
# text (# heading, !!! note, ??? note, /// note, === "tab": every enabled extension's, from
# block_syntax.py). Rendering escapes all of it anyway
# (rendering.markdown_text); this tells the editor where they wrote it.
# Case is spelled out instead of re.IGNORECASE so the same pattern works in the JSON
# Schema (ECMA-262 has no inline flags) and editors see the error as they type.
MARKUP_PATTERN = (r"<\s*[A-Za-z/!?]|[{}]|\b[oO][nN][a-zA-Z]+\s*=|\]\s*[(\[]|\[\^"
                  r"|^\s*(" + START_OF_VALUE + r"|\*?\[[^\]]*\]\s*:)")
_MARKUP = re.compile(MARKUP_PATTERN)
# Characters with no place in the guide's prose, by Unicode property rather than by a list:
# every character Python does not call printable (categories Cc control, line breaks among
# them; Cf format: bidi overrides and isolates ("Trojan source"), zero-width characters,
# the byte-order mark, tag characters U+E0000-E007F that carry hidden words; Cs lone
# surrogates; Co private use; Cn unassigned; Zl/Zp line and paragraph separators), except
# the visible spaces (Zs), plus the letters and marks that draw nothing (Hangul fillers,
# the combining grapheme joiner, Khmer inherent vowels, the blank braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u2800")


def invisible_character(value: str) -> str | None:
    """The first invisible character of `value`, or None (one pass in C for ordinary text)."""
    if value.isprintable() and not _BLANK_LETTERS.intersection(value):
        return None
    return next((ch for ch in value if (not ch.isprintable() and unicodedata.category(ch) != "Zs")
                 or ch in _BLANK_LETTERS), None)


def named_character(ch: str) -> str:
    """U+E0041 TAG LATIN CAPITAL LETTER A: the escape and the character's name, if it has one."""
    name = unicodedata.name(ch, "")
    return f"{ch.encode('unicode_escape').decode('ascii')}{' ' + name if name else ''}"


def _plain_prose(value: str) -> str:
    invisible = invisible_character(value)
    if invisible:
        if invisible in "\n\r\u2028\u2029":
            raise PydanticCustomError(
                "line_break", "a line break is not allowed in this text (a blank line inside `>-` text?): "
                              "write it as one paragraph, or as separate list items")
        raise PydanticCustomError(
            "invisible", "an invisible character ({found}) is not allowed in text: delete it and retype the "
                         "text around it", {"found": named_character(invisible)})
    if not value.strip():
        raise PydanticCustomError("blank", "expected text, got only spaces")
    match = _MARKUP.search(value)
    if match:
        found = value[match.start():].split()[0][:40] if value[match.start():].strip() else match.group()
        raise PydanticCustomError(
            "markup", "raw HTML or markup is not allowed in text (found {found}); write plain text",
            {"found": repr(found)})
    return value


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Characters a web address in the guide never needs, and that would end or reshape the
# Markdown link or HTML attribute it is written into.
_URL_FORBIDDEN = set(" \t\"'<>()[]{}\\^`|")


def _web_address(value: str) -> str:
    """A web address is parsed, not matched: https, a real domain name, nothing that
    could end the link it is written into."""
    bad = next((ch for ch in value if ch in _URL_FORBIDDEN or not ch.isprintable() or not ch.isascii()), None)
    if bad is not None:
        raise PydanticCustomError(
            "url_character", "'{value}' is not a web address: it contains {found}, which a web address must "
                             "percent-encode", {"value": value, "found": repr(bad)})
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    labels = host.split(".")
    # (Port 0 is no port a server listens on: a browser refuses it.)
    if (parts.scheme != "https" or parts.username is not None or port in (-1, 0) or len(labels) < 2
            or not all(_HOST_LABEL.match(label) for label in labels) or not labels[-1].isalpha()):
        raise PydanticCustomError(
            "url", "'{value}' is not a web address: expected https:// followed by a domain name, "
                   "e.g. https://www.example.org/page", {"value": value})
    return value


class _Schema:
    """Extra JSON Schema keywords for an annotated type (what editors are told as they type)."""

    def __init__(self, **keywords: object):
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema


Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strict=True, min_length=1), AfterValidator(_plain_prose),
                 _Schema(description="Plain text (no HTML, attribute lists or links).",
                         **{"not": {"pattern": MARKUP_PATTERN}})]
Year = Annotated[int, Field(strict=True, ge=1800, le=2100)]
# The DOI syntax Crossref recommends for modern DOIs: "10.", a registrant code, "/", a suffix.
def _doi_segments(value: str) -> str:
    # A "." or ".." segment is resolved by the browser before doi.org sees it: 10.1123/../x
    # would open another DOI than the one written.
    if any(segment in (".", "..") for segment in value.split("/")[1:]):
        raise PydanticCustomError("doi", "'{value}' is not a DOI: a DOI has no '.' or '..' path segments (the "
                                         "browser would open another one)", {"value": value})
    return value


Doi = Annotated[str, StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$"),
                AfterValidator(_doi_segments)]
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https://[^\s\"'<>()\\]+$"), AfterValidator(_web_address)]
NonEmpty = Field(min_length=1)


class Record(BaseModel):
    """Base for every record: unknown keys are errors and nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Linkable(Record):
    """A unit readers can link to. `id` is its permanent anchor; `aliases` keep renamed ids working."""

    id: Id
    aliases: list[Id] = []


def _paragraph_from_text(value: object) -> object:
    # A paragraph is usually plain text; one that cites a reference is {text, cites}.
    if isinstance(value, str):
        return {"text": value}
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "nothing" if value is None else \
            "true/false" if isinstance(value, bool) else "a number"
        raise PydanticCustomError(
            "paragraph_type", "expected text, or a mapping with `text` and `cites`; got {kind}", {"kind": kind})
    return value


class PhraseLink(Record):
    """Words of a paragraph (`text`, found in it as written) that link to the record `to`."""

    text: Text
    to: Id


class CitedParagraph(Record):
    text: Text
    cites: list[Id] = []
    links: list[PhraseLink] = []


Paragraph = Annotated[CitedParagraph, BeforeValidator(_paragraph_from_text, json_schema_input_type=Union[Text, CitedParagraph])]


# guide.yml -----------------------------------------------------------------------
class Section(Linkable):
    title: Text
    paragraphs: list[Paragraph] = NonEmpty


class Disclaimer(Linkable):
    short: Text
    more: Text


class Correction(Linkable):
    """A departure from the source text. `source` says what the source has (or, with a
    `quote`, where it says it); `quote` holds the source's words verbatim, as in the source
    file. `at` is the id of the record holding the corrected text, linked from the About page."""

    source: Text
    quote: Text | None = None
    change: Text
    why: Text | None = None
    at: Id | None = None


# A docs page by its file, relative to docs/: "technique.md", "checklists/setup.md".
PagePath = Annotated[str, StringConstraints(strict=True, pattern=r"^([a-z0-9]+(-[a-z0-9]+)*/)*[a-z0-9]+(-[a-z0-9]+)*\.md$")]


class PagePreview(Record):
    """What a shared link to a page shows: its title (else the page's heading) and description."""

    title: Text | None = None
    description: Text


class GuideFile(Record):
    title: Text
    intro: list[Paragraph] = NonEmpty
    what_is: Section
    summary: Section
    disclaimer: Disclaimer
    corrections: list[Correction] = NonEmpty
    # Rewordings for voice alone: the source's words and where the guide says them anew,
    # recorded as corrections are (so every source sentence stays accounted for), listed apart.
    rewordings: list[Correction] = []
    pages: dict[PagePath, PagePreview] = {}


# technique.yml -------------------------------------------------------------------
class Cue(Linkable):
    text: Text


class Step(Linkable):
    title: Text
    paragraphs: list[Paragraph] = NonEmpty
    caution: Text | None = None
    cues: list[Cue] = []


class Tip(Linkable):
    kind: Literal["stop-sign", "form", "load"]
    text: Text


class Safety(Linkable):
    title: Text
    intro: Text
    tips: list[Tip] = NonEmpty


class TechniqueFile(Record):
    title: Text
    intro: Text
    steps: list[Step] = NonEmpty
    safety: Safety


# mistakes.yml --------------------------------------------------------------------
# A fault finder line is read at a glance, at the gym, on one printed page: a few words.
FAULT_TEXT_MAX = 70
FaultText = Annotated[Text, Field(max_length=FAULT_TEXT_MAX)]


class Fault(Record):
    """A mistake in short, for the fault finder: what you notice, what to check, what to change."""

    symptom: FaultText
    check: FaultText
    fix: FaultText


class Mistake(Linkable):
    title: Text
    problem: list[Paragraph] = NonEmpty
    solutions: list[Text] = NonEmpty
    fault: Fault


class MistakesFile(Record):
    title: Text
    intro: Text
    mistakes: list[Mistake] = NonEmpty


# muscles.yml ---------------------------------------------------------------------
Role = Literal["target", "synergist", "stabilizer", "dynamic stabilizer"]


class Muscle(Linkable):
    name: Text
    role: Role
    function: Text
    in_exercise: list[Paragraph] = NonEmpty
    cue: Text | None = None


class MusclesFile(Record):
    title: Text
    intro: Text
    # The classification is the guide's own (the source has none): what each role means,
    # shown with the muscles so a reader can judge it.
    roles_intro: Text | None = None
    roles: dict[Role, Text] = {}
    muscles: list[Muscle] = NonEmpty


# benefits.yml --------------------------------------------------------------------
class Benefit(Linkable):
    title: Text
    paragraphs: list[Paragraph] = NonEmpty
    points: list[Paragraph] = []
    closing: list[Paragraph] = []


class BenefitsFile(Record):
    title: Text
    benefits: list[Benefit] = NonEmpty


# variations.yml ------------------------------------------------------------------
class VariationStep(Linkable):
    text: Text


class Variation(Linkable):
    name: Text
    equipment: list[Text] = NonEmpty
    intro: Text | None = None
    steps: list[VariationStep] = []
    note: Text | None = None


class VariationsFile(Record):
    title: Text
    variations: list[Variation] = NonEmpty


# programming.yml -----------------------------------------------------------------
class Frequency(Linkable):
    title: Text
    text: Text


class Goal(Linkable):
    goal: Text
    short_goal: Text
    sets: Text
    reps: Text
    load: Text
    rest: Text | None = None
    tempo: Text | None = None
    use: Text | None = None


class Guidelines(Linkable):
    title: Text
    intro: Text
    goals: list[Goal] = NonEmpty
    effort: Text


# What a reader writes down for an exercise, one write-in column each (macros/write_in.py):
# the number of reps, the time held, or the load. Only what the source supports: a plank
# logs time, not load.
Logged = Literal["reps", "time", "load"]


def _once_each(values: list[str]) -> list[str]:
    repeated = sorted(v for v, n in collections.Counter(values).items() if n > 1)
    if repeated:
        raise PydanticCustomError("repeated", "{found} listed twice; list each once", {"found": repeated[0]})
    return values


Logs = Annotated[list[Logged], Field(min_length=1), AfterValidator(_once_each)]


class ProgressionStep(Linkable):
    name: Text
    technique: bool = False
    variations: list[Id] = []
    # Done one leg at a time: its reps (or time) are logged per side, left and right.
    per_leg: bool = False
    logs: Logs = ["reps"]


class Progression(Linkable):
    title: Text
    intro: Text
    steps: list[ProgressionStep] = NonEmpty
    advance_when: Text


# The numbers an exercise's `sets` may hold (the session card prints a row per set, up to
# its `set_rows`): read from text, so bounded here, where the message can say where.
MAX_SETS = 99
_NUMBER = re.compile(r"\d+")


def _sets_in_bounds(value: str) -> str:
    for match in _NUMBER.finditer(value):
        digits = match.group()
        if len(digits) > 2 or int(digits) > MAX_SETS:
            shown = digits if len(digits) <= 12 else f"{digits[:6]}… ({len(digits)} digits)"
            raise PydanticCustomError("sets_number", "{found} sets is more than a session holds (at most {most}); "
                                      "write the number of sets, e.g. 3–4", {"found": shown, "most": MAX_SETS})
    return value


class SessionExercise(Linkable):
    exercise: Text
    sets: Annotated[Text, AfterValidator(_sets_in_bounds)]
    reps: Text | None = None
    per_leg: bool = False
    logs: Logs = ["reps"]


class SampleSession(Linkable):
    title: Text
    intro: Text
    exercises: list[SessionExercise] = NonEmpty


class ProgrammingFile(Record):
    title: Text
    intro: Text
    frequency: Frequency
    guidelines: Guidelines
    progression: Progression
    sample_session: SampleSession


# faq.yml -------------------------------------------------------------------------
class Faq(Linkable):
    question: Text
    answer: list[Paragraph] = NonEmpty
    shows: Id | None = None
    closing: list[Paragraph] = []


class FaqFile(Record):
    title: Text
    faqs: list[Faq] = NonEmpty


# references.yml ------------------------------------------------------------------
class Reference(Linkable):
    authors: list[Text] = NonEmpty
    title: Text
    journal: Text
    year: Year
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    published: Text | None = None
    doi: Doi | None = None
    url: Url | None = None


class ReferencesFile(Record):
    title: Text
    references: list[Reference] = NonEmpty


# checklists.yml ------------------------------------------------------------------
# A checklist names the records it lists by id (cue, tip, mistake, progression step,
# session exercise): the words live once, where the guide states them.
class PrintRules(Record):
    """How a checklist lays out on paper; every checklist must fit one portrait page."""

    columns: Literal[1, 2] = 1
    text: Literal["xx-large", "x-large", "large", "normal", "small"] = "normal"


class ChecklistBase(Linkable):
    title: Text
    # The docs page (in docs/checklists/) that prints it; the section index links there.
    page: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")]
    intro: Text | None = None
    items: list[Id] = NonEmpty
    paper: PrintRules = PrintRules()


class TickChecklist(ChecklistBase):
    """Tick boxes for cues or safety tips; `disclaimer` adds the medical disclaimer."""

    kind: Literal["ticks"]
    disclaimer: bool = False


class StopList(ChecklistBase):
    """Warning signs as a plain "stop if" list, with no tick boxes (a ticked red flag reads
    both as "checked, fine" and as "this applies"); `disclaimer` adds the medical disclaimer."""

    kind: Literal["stop-list"]
    disclaimer: bool = False


class FaultFinder(ChecklistBase):
    """Each listed mistake: what goes wrong and what to change."""

    kind: Literal["fault-finder"]


class ProgressionTracker(ChecklistBase):
    """The listed progression steps, the rule for moving on and write-in rows to log them."""

    kind: Literal["progression-tracker"]
    # The columns before what each step logs (its `logs`, per side where `per_leg`).
    log_fields: list[Text] = []
    log_rows: int = Field(default=2, strict=True, ge=1, le=6)


class SessionCard(ChecklistBase):
    """The listed session exercises, each with a write-in row per set and a column for what
    it logs (`logs` of the exercise, per side where `per_leg`)."""

    kind: Literal["session-card"]
    # Write-in rows per exercise, one per set: as many as its `sets` says (the larger end of
    # a range), at most this many; this many when `sets` gives no number.
    set_rows: int = Field(strict=True, ge=1, le=8)


Checklist = Annotated[TickChecklist | StopList | FaultFinder | ProgressionTracker | SessionCard,
                      Field(discriminator="kind")]


class ChecklistsFile(Record):
    title: Text
    intro: Text
    checklists: list[Checklist] = NonEmpty


# search.yml ----------------------------------------------------------------------
class SearchTerm(Record):
    """Words readers type (`words`: an abbreviation, an everyday word, a misspelling) for the
    guide's own term (`means`), which occurs in each record listed in `at` (by id): the
    site's search finds those records by these words too (macros/postbuild/search_index.py)."""

    words: list[Text] = NonEmpty
    means: Text
    at: list[Id] = NonEmpty


class SearchFile(Record):
    terms: list[SearchTerm] = NonEmpty


# figures.yml ---------------------------------------------------------------------
# Side-view drawings of the movement (figures/geometry.py computes each pose, figures/svg.py
# draws it). Lengths are fractions of body height; angles are degrees.
Fraction = Annotated[float, Field(strict=True, gt=0, lt=1)]
Height = Annotated[float, Field(strict=True, ge=0, lt=1)]
Degrees = Annotated[float, Field(strict=True, ge=-180, le=180)]


class Body(Record):
    """Segment lengths as fractions of body height (the anthropometric table is cited in
    figures.yml's header comment: a drawing's proportions, not a fact the guide states)."""

    head_neck: Fraction
    trunk: Fraction
    upper_arm: Fraction
    forearm: Fraction
    hand: Fraction
    thigh: Fraction
    shank: Fraction
    ankle_height: Fraction
    foot: Fraction
    # Drawing thickness (half of the stroke width) of the trunk and of the limbs, and the head's radius.
    trunk_radius: Fraction
    limb_radius: Fraction
    head_radius: Fraction


class Bench(Record):
    height: Fraction
    depth: Fraction


class Props(Record):
    """Sizes of the equipment a figure may show, and where the hands go, in body heights."""

    dumbbell_radius: Fraction
    plate_radius: Fraction
    landmine_length: Annotated[float, Field(strict=True, gt=0, lt=3)]
    band_radius: Fraction
    band_stretch: Fraction       # the longest a band loop is drawn stretched between the knees
    shoulder_width: Fraction     # shoulder joint to shoulder joint
    hands_beside: Fraction       # hands on the bench: out from the body's midline
    hands_behind: Height         # hands on the bench: towards the head from the shoulder
    elbow_lift: Height           # elbows held just off what they would rest on


class LiftedLeg(Record):
    """The lifted leg: the hip's flexion from the trunk's line (0: in line with the trunk,
    90: the thigh at a right angle to it), so the leg turns with the pelvis; the knee's bend
    (0 = straight)."""

    hip: Degrees
    knee: Annotated[float, Field(strict=True, ge=0, le=160)]


class Arms(Record):
    """What the hands hold; the arm's joints follow by inverse kinematics."""

    hands: Literal["bench", "chest", "dumbbell", "bar", "floor"]
    elbows: Literal["off", "on-bench"] = "off"


class Pose(Record):
    """The few numbers that define a position; the joints follow by geometry."""

    back_on: Literal["bench", "floor"] = "bench"
    foot_on: Literal["floor", "bench"] = "floor"
    back_contact: Fraction          # where the back rests: share of the trunk from the shoulder
    hip_height: Height              # hip joint above the floor
    foot: Annotated[float, Field(strict=True, gt=0, lt=2)]  # planted ankle from the bench edge (or the shoulder)
    # Both feet down: the far (non-working) foot's distance, as `foot`, so it shows beside the near one.
    other_foot: Annotated[float, Field(strict=True, gt=0, lt=2)] | None = None
    # The planted foot rocked up onto its ball by this many degrees (heel up), 0: flat.
    heel_lift: Annotated[float, Field(strict=True, ge=0, le=45)] = 0.0
    lifted: LiftedLeg | None = None
    arms: Arms
    arch: Annotated[float, Field(strict=True, ge=0, le=60)] = 0.0  # lower-back extension, degrees
    neck: Degrees = 0.0             # head bent from the trunk's line (positive: chin to chest)


class Range(Record):
    min: Degrees
    max: Degrees


class JointRanges(Record):
    """Normal ranges of motion the drawn joints must stay in (figures/checks.py), degrees;
    their source is cited where they are written (figures.yml)."""

    hip: Range
    knee: Range
    ankle: Range
    shoulder: Range
    elbow: Range
    neck: Range
    lumbar: Range


Equipment = Literal["dumbbell", "band", "landmine"]
GuideLine = Literal["straight-line", "vertical-shin", "push-down"]
# What a caption says that can be measured (figure_checks.py measures each).
Claim = Literal["straight-line", "vertical-shin", "knee-above-hip", "chin-tucked", "hips-above-floor",
                "shin-leans-forward", "shin-leans-away", "heel-up", "back-arched", "both-feet-down", "knee-toward-chest",
                "hips-not-below-line", "sits-on-floor"]


class Figure(Record):
    """One drawing: its pose, what it shows, its words, and the records it is shown with."""

    id: Id
    at: list[Id] = NonEmpty
    name: Text
    description: Text
    caption: Text
    pose: Pose
    equipment: list[Equipment] = []
    guides: list[GuideLine] = []
    claims: list[Claim] = []
    verdict: Literal["wrong", "right"] | None = None   # a mistake's pair: marked, and said in words
    movement: Literal["up", "down"] | None = None       # the hips' direction, drawn as an arrow


# The body map's regions (figures/body_map.py draws each on a front or back outline).
BodyRegion = Literal["glutes", "gluteus-medius", "hamstrings", "quadriceps", "adductors", "abdominals",
                     "obliques", "lower-back", "calves"]


class FiguresFile(Record):
    body: Body
    bench: Bench
    props: Props
    ranges: JointRanges
    opening: Id | None = None    # the figure the Overview opens with
    animation: list[Id] = []     # the figures the Technique page's movement shows, in order
    # The body map: each muscle of muscles.yml (by id) and the regions it shades.
    body_map: dict[Id, Annotated[list[BodyRegion], NonEmpty]] = {}
    figures: list[Figure] = NonEmpty


# the whole guide -----------------------------------------------------------------
FILE_MODELS: dict[str, type[Record]] = {
    "guide": GuideFile,
    "technique": TechniqueFile,
    "mistakes": MistakesFile,
    "muscles": MusclesFile,
    "benefits": BenefitsFile,
    "variations": VariationsFile,
    "programming": ProgrammingFile,
    "faq": FaqFile,
    "references": ReferencesFile,
    "checklists": ChecklistsFile,
    "search": SearchFile,
    "figures": FiguresFile,
}


class Guide(Record):
    """Every data file, validated. Built once per build; renderers only read it."""

    guide: GuideFile
    technique: TechniqueFile
    mistakes: MistakesFile
    muscles: MusclesFile
    benefits: BenefitsFile
    variations: VariationsFile
    programming: ProgrammingFile
    faq: FaqFile
    references: ReferencesFile
    checklists: ChecklistsFile
    search: SearchFile
    figures: FiguresFile


# walking the model ---------------------------------------------------------------
# Walks over the model and what a record is called live next to the model; which
# component shows which records (and so which page holds them) is in render/registry.py.
def walk(record: BaseModel, path: tuple = (), owner: Linkable | None = None
         ) -> Iterator[tuple[tuple, BaseModel, Linkable | None]]:
    """Yield (field path, record, nearest linkable record holding it) for `record` and
    every record nested in it, in document order."""
    owner = record if isinstance(record, Linkable) else owner
    yield path, record, owner
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from walk(value, path + (name,), owner)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, path + (name, i), owner)


def records_by_id(parts: Guide | Iterable[BaseModel]) -> dict[str, Linkable]:
    """Every linkable record by its id, from the whole guide or some of its files (first
    one wins; duplicate ids are reported by validate/rules.py)."""
    if isinstance(parts, Guide):
        guide = parts
        parts = [getattr(guide, key) for key in type(guide).model_fields]
    found: dict[str, Linkable] = {}
    for part in parts:
        for _path, record, _owner in walk(part):
            if isinstance(record, Linkable):
                found.setdefault(record.id, record)
    return found


# What names a record, in order of preference (a step's title, a muscle's name, a cue's text...).
LABEL_FIELDS = ("title", "name", "question", "goal", "exercise", "text", "short", "quote", "source")


def label(record: Linkable) -> str:
    """The words that name a record (in backlinks and on the "Link to this guide" page)."""
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value
    return record.id
