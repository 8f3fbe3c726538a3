"""Hostile data, generated: payload families crossed with every field of the real data.

Editors' pull requests are untrusted input. Each text payload is written into every prose
field of every data file at once (as the start of the value, and as its end), each id
payload into every id, each web-address and DOI payload into a reference; YAML and file
families break the files themselves. Each case says what must follow:

- REJECT: `make check-data` and the build report the problem at the field's
  file:line:column (every field that got the payload), with no traceback;
- RENDER: the data is valid and every field's text reaches the page intact, with nothing
  live (no new element, attribute, script, style or javascript:/data: URL).

Which families render and which are rejected is the project's decision; the README and
the closing note say why.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

import yaml

from data_mutations import FILES, entries, is_text, schema_at, source
from macros.data.block_syntax import REFUSED_MARKERS, TEXT_MARKERS
from macros.site.anchors import RESERVED_ID_PREFIXES
from macros.site.glyphs import drawable
from macros.validate.source_fidelity import normalize, source_sentences
from support import DATA

REJECT, RENDER = "reject", "render"


@dataclass(frozen=True)
class Payload:
    family: str
    value: str
    outcome: str  # REJECT or RENDER
    words: str = ""  # what the report must say (REJECT)
    # Block syntax only opens a block at the start of a line: after other words it is text.
    outcome_at_end: str | None = None
    # A YAML syntax error: reported on the field's line, at the offending character, and
    # only for the first such field of each file (the parse stops there).
    same_line: bool = False


# Text payloads: what an attacker (or a careless paste) puts into prose.
TEXT_PAYLOADS = (
    # HTML elements, comments and processing instructions: live markup in the page.
    Payload("html", "<script>alert(1)</script>", REJECT, "markup is not allowed"),
    Payload("html", '<img src=x onerror="alert(1)">', REJECT, "markup is not allowed"),
    Payload("html", "<svg/onload=alert(1)>", REJECT, "markup is not allowed"),
    Payload("html", "</p><p style=position:fixed>", REJECT, "markup is not allowed"),
    Payload("html", "<!-- hidden -->", REJECT, "markup is not allowed"),
    Payload("html", "<?php echo 1 ?>", REJECT, "markup is not allowed"),
    # Entities and lone angle brackets: text, shown as typed.
    Payload("entity", "&lt;script&gt;alert(1)&lt;/script&gt;", RENDER),
    Payload("entity", "&#60;b&#62;bold&#60;/b&#62; &amp; &nbsp;", RENDER),
    Payload("entity", "5 < 6 > 4 & 3", RENDER),
    # Event handlers written as text.
    Payload("handler", "onmouseover=alert(1)", REJECT, "markup is not allowed"),
    Payload("handler", "x ONCLICK = alert(1)", REJECT, "markup is not allowed"),
    # Links and images with script or data URLs, inline and by reference.
    Payload("link", "[click](javascript:alert(1))", REJECT, "markup is not allowed"),
    Payload("link", "![x](data:text/html,<script>alert(1)</script>)", REJECT, "markup is not allowed"),
    Payload("link", "[click][evil]", REJECT, "markup is not allowed"),
    Payload("link", "[evil]: javascript:alert(1)", REJECT, "markup is not allowed", RENDER),
    Payload("link", "<javascript:alert(1)>", REJECT, "markup is not allowed"),
    Payload("link", "javascript:alert(1) https://evil.example/", RENDER),
    # Attribute lists in every syntax: handlers, styles, hidden, duplicate ids.
    Payload("attr-list", '{: onclick="alert(1)" }', REJECT, "markup is not allowed"),
    Payload("attr-list", "{ #step-set-up }", REJECT, "markup is not allowed"),
    Payload("attr-list", "{ .md-button }", REJECT, "markup is not allowed"),
    Payload("attr-list", "{onclick=alert(1)}", REJECT, "markup is not allowed"),
    Payload("attr-list", "{hidden}", REJECT, "markup is not allowed"),
    Payload("attr-list", '{style="position:fixed;inset:0;background:red"}', REJECT, "markup is not allowed"),
    Payload("jinja", "{{ 7 * 7 }} {% raw %}", REJECT, "markup is not allowed"),
    # Block and admonition syntax.
    Payload("block", "/// note\nhidden\n///", REJECT, "line break"),
    Payload("block", "# A second title", REJECT, "markup is not allowed", RENDER),
    Payload("block", "!!! danger \"Injected\"", REJECT, "markup is not allowed", RENDER),
    Payload("block", "??? note \"Injected\"", REJECT, "markup is not allowed", RENDER),
    Payload("block", "/// details | x", REJECT, "markup is not allowed", RENDER),
    Payload("block", "> quoted", RENDER),
    Payload("block", "- listed", RENDER),
    Payload("block", "1. numbered", RENDER),
    Payload("block", "~~~ fenced", RENDER),
    Payload("block", "``` fenced", RENDER),
    Payload("block", ": defined", RENDER),
    Payload("block", "--- ***", RENDER),
    # Table and heading breakers.
    Payload("table", "a | b | c", RENDER),
    Payload("table", "|---|---|", RENDER),
    Payload("heading", "ends with hashes ##", RENDER),
    # Footnotes, abbreviations, the table-of-contents marker.
    Payload("footnote", "claim[^1]", REJECT, "markup is not allowed"),
    Payload("footnote", "[^1]: a note", REJECT, "markup is not allowed"),
    Payload("abbr", "*[HTML]: Hyper Text", REJECT, "markup is not allowed", RENDER),
    Payload("toc", "[TOC]", RENDER),
    # Inline formatting an editor might try: shown as typed.
    Payload("inline", "*stars* _under_ **bold** `code` ~~strike~~ ==mark== ^sup^", RENDER),
    Payload("inline", "back\\slash \\*escaped\\* trailing\\", RENDER),
    Payload("inline", "quotes \" ' and %20 and :smile:", RENDER),
    # Line breaks, whitespace, control, bidi and invisible characters.
    Payload("newline", "first line\nsecond line", REJECT, "line break"),
    Payload("newline", "para\n\n# heading", REJECT, "line break"),
    Payload("newline", "carriage\rreturn", REJECT, "line break"),
    Payload("control", "bell\x07", REJECT, "invisible character"),
    Payload("control", "escape\x1b[31m", REJECT, "invisible character"),
    Payload("control", "tab\there", REJECT, "invisible character"),
    Payload("control", "nul\x00", REJECT, "invisible character"),
    Payload("control", "c1\x85", REJECT, "invisible character"),
    Payload("bidi", "abc\u202edcba", REJECT, "invisible character"),
    Payload("bidi", "\u2066isolate\u2069", REJECT, "invisible character"),
    Payload("invisible", "zero\u200bwidth", REJECT, "invisible character"),
    Payload("invisible", "\ufeffbom", REJECT, "invisible character"),
    # libyaml refuses an escaped lone surrogate where it is written; the pure-Python
    # parser would let it through to the model, which refuses it too.
    Payload("surrogate", "lone\ud800", REJECT, "", same_line=True),
)
# Every block marker of every extension the site can enable (macros/data/block_syntax.py,
# which tests/test_block_syntax.py holds to mkdocs.yml): refused at the start of a value,
# text after other words; the markers rendered as text render as typed anywhere. (Braces,
# tags and footnote marks are refused anywhere: the families above have them.)
TEXT_PAYLOADS += tuple(
    Payload("block-syntax", f'{marker} "Read this"', REJECT, "markup is not allowed", RENDER)
    for marker in REFUSED_MARKERS) + tuple(
    Payload("block-syntax", f"{marker} Read this", RENDER)
    for marker in TEXT_MARKERS if not set(marker) & set("{}<[^"))
# Invisible characters by Unicode category (macros/data/model.py refuses by property): of
# each category the model refuses, its first character beyond Latin-1 and its last (for
# Cf: U+E007F, a tag character). tests/test_invisibles.py checks every code point.
INVISIBLE_CATEGORIES = ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")


@cache
def _by_category() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for c in range(sys.maxunicode + 1):
        if not 0xD800 <= c <= 0xDFFF:
            found.setdefault(unicodedata.category(chr(c)), []).append(chr(c))
    return {category: tuple(chars) for category, chars in found.items()}


def characters_of(category: str) -> tuple[str, ...]:
    """Every code point of a Unicode category (surrogates aside), one scan for all."""
    return _by_category().get(category, ())


def _samples(category: str) -> list[str]:
    chars = characters_of(category)
    beyond = [ch for ch in chars if ord(ch) > 0xFF]
    return sorted({(beyond or chars)[0], chars[-1]})


TEXT_PAYLOADS += tuple(
    Payload("invisible-" + category, f"hidden{ch}words", REJECT,
            "line break" if category in ("Zl", "Zp") else "invisible character")
    for category in INVISIBLE_CATEGORIES for ch in _samples(category))
# Whole values (not added to the real text).
WHOLE_TEXT_PAYLOADS = (
    Payload("whitespace", "   ", REJECT, "only spaces"),
    Payload("whitespace", "", REJECT, "empty"),
)

ID_PAYLOADS = (
    Payload("id", "Bad Id", REJECT, "not a valid id"),
    Payload("id", 'x" onclick="alert(1)', REJECT, "not a valid id"),
    Payload("id", "<b>", REJECT, "not a valid id"),
    Payload("id", "-x", REJECT, "not a valid id"),
    Payload("id", "x--y", REJECT, "not a valid id"),
    Payload("id", "__drawer", REJECT, "not a valid id"),
    Payload("id", "x\u202e", REJECT, "not a valid id"),
    Payload("id", "", REJECT, "not a valid id"),
)
# Valid slugs that would take an anchor the site makes itself.
COLLIDING_IDS = (
    Payload("id-collision", "cite-neto-2019", REJECT, "kept for the anchors the site makes"),
    Payload("id-collision", "links-technique", REJECT, "kept for the anchors the site makes"),
    Payload("id-collision", "in-this-guide", REJECT, "already the id of a heading"),
    Payload("id-collision", "corrections", REJECT, "already the id of a heading"),
    *(Payload("id-collision", f"{prefix}2", REJECT, "kept for the anchors the site makes")
      for prefix in RESERVED_ID_PREFIXES),
)

URL_PAYLOADS = (
    Payload("url", "javascript:alert(1)", REJECT, "not a web address"),
    Payload("url", "data:text/html,<script>alert(1)</script>", REJECT, "not a web address"),
    Payload("url", "http://example.org/", REJECT, "not a web address"),
    Payload("url", "https://", REJECT, "not a web address"),
    Payload("url", "https://localhost/", REJECT, "not a web address"),
    Payload("url", "https://user:pw@example.org/", REJECT, "not a web address"),
    Payload("url", "https://example.org:99999/", REJECT, "not a web address"),
    Payload("url", "https://example.org:0/", REJECT, "not a web address"),
    Payload("url", "https://example.org/a b", REJECT, "not a web address"),
    Payload("url", 'https://example.org/"onmouseover="alert(1)', REJECT, "not a web address"),
    Payload("url", "https://example.org/)](javascript:alert(1)", REJECT, "not a web address"),
    Payload("url", "https://example.org/<svg/onload=alert(1)>", REJECT, "not a web address"),
    Payload("url", "https://example.org/){onclick=alert(1)}", REJECT, "not a web address"),
    Payload("url", "https://exämple.org/", REJECT, "not a web address"),
    Payload("url", "https://example.org/\u202e", REJECT, "not a web address"),
    Payload("url", "https://-bad-.org/", REJECT, "not a web address"),
    Payload("url", "https://www.example.org/path_to/page*1?q=a&b=[c]#frag", REJECT, "not a web address"),
    Payload("url", "https://www.example.org/path_to/page*1?q=a&b=c~d;e#frag", RENDER),
    Payload("url", "https://doi.org/10.1123/jab.2014-0301", RENDER),
)
DOI_PAYLOADS = (
    Payload("doi", "javascript:alert(1)", REJECT, "not a DOI"),
    Payload("doi", "10.1123/x)](javascript:alert(1))", REJECT, "not a DOI"),
    Payload("doi", "10.1123/<svg/onload=alert(1)>", REJECT, "not a DOI"),
    Payload("doi", "10.1123/a b", REJECT, "not a DOI"),
    Payload("doi", '10.1123/"x', REJECT, "not a DOI"),
    Payload("doi", "10.1123/x{onclick=alert(1)}", REJECT, "not a DOI"),
    Payload("doi", "10.1002/(SICI)1097-4571(199806)49:8<693::AID>", REJECT, "not a DOI"),
    Payload("doi", "10.1002/(SICI)1097-4571(199806)49:8_693", RENDER),
    Payload("doi", "10.1123/jab.2014-0301", RENDER),
) + tuple(Payload("doi", f"10.1123/{path}", REJECT, "not a DOI")  # dot segments, generated
          for path in ("../x", "./x", "a/../b", "a/./b", "a/..", "a/."))


# Numbers: every number in the data replaced by one no field can hold (written plain, so
# YAML reads a number: a 5,000-digit integer Python's int() refuses to print, not-a-number,
# infinity); and every `sets` text given a digit run. Each is refused where it is.
NUMBER_PAYLOADS = (
    Payload("number", "9" * 5000, REJECT, ""),
    Payload("number", ".nan", REJECT, "(not a number) is not a value"),
    Payload("number", ".inf", REJECT, ""),
    Payload("number", "-1e309", REJECT, ""),
)
SETS_PAYLOADS = (
    Payload("sets-number", "3–" + "9" * 5000, REJECT, "more than a session holds"),
    Payload("sets-number", "100", REJECT, "more than a session holds"),
)


@dataclass(frozen=True)
class Case:
    """Data files rewritten with one payload: the new texts, and the (file, path) of
    every field that holds the payload."""

    name: str
    payload: Payload
    texts: dict[str, str]
    fields: tuple[tuple[str, tuple], ...]


def _rewrite(file: str, targets: list, value_of) -> str:
    """The file's text with each target entry's value replaced (from the end, so the
    marks of the earlier ones stay right)."""
    text = source(file)
    for entry in sorted(targets, key=lambda e: e.node.start_mark.index, reverse=True):
        start = entry.node.start_mark.index
        end = start + len(text[start:entry.node.end_mark.index].rstrip())
        text = text[:start] + value_of(entry) + text[end:]
    return text


def _quoted(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar; every character beyond printable ASCII
    # as an escape (\U for those beyond the BMP: YAML refuses JSON's surrogate pairs).
    return "".join(ch if " " <= ch <= "~" else f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
                   for ch in json.dumps(value, ensure_ascii=False))


@cache
def text_fields(file: str) -> list:
    # A paragraph's linked words must be words of the paragraph: they stay as they are,
    # still inside the paragraph that gets the payload (and are escaped with it).
    # So must the guide's term a search glossary entry names (search.yml `means`).
    # A correction's or rewording's `quote` is the source's words verbatim (source fidelity).
    return [e for e in entries(file) if e.path and is_text(file, e) and not (len(e.path) >= 3 and e.path[-3] == "links")
            and not (file == "search" and e.path[-1] == "means") and e.path[-1] != "quote"]


@cache
def _source_sentences() -> tuple[str, ...]:
    return tuple(normalize(s) for s in source_sentences((DATA / "source.txt").read_text(encoding="utf-8")))


def holds_no_source_sentence(file: str) -> list:
    """Text fields a payload may replace whole: none of the source's sentences is in them
    (replacing one would, rightly, be a source-fidelity problem)."""
    return [e for e in text_fields(file) if not any(s in normalize(e.node.value) for s in _source_sentences())]


@cache
def _bounds() -> dict[tuple, int]:
    """The length bound of each bounded text field (a fault finder line), by its path."""
    return {e.path: limit for file in FILES for e in text_fields(file)
            if (limit := schema_at(file, e).get("maxLength"))}


def _within_bound(entry, original: str, payload: str) -> str:
    """The original words, shortened so that payload and words stay within a bounded field's
    length: the payload is what is tested, whole."""
    limit = _bounds().get(entry.path)
    return original[:max(1, limit - len(payload) - 1)] if limit and len(payload) + 1 + len(original) > limit else original


def text_cases() -> list[Case]:
    cases = []
    for n, payload in enumerate(TEXT_PAYLOADS):
        for where in ("start", "end"):
            def value_of(entry, payload=payload, where=where):
                original = _within_bound(entry, entry.node.value, payload.value)
                return _quoted(f"{payload.value} {original}" if where == "start" else f"{original} {payload.value}")
            outcome = payload.outcome_at_end if where == "end" and payload.outcome_at_end else payload.outcome
            cases.append(_case(f"text-{payload.family}-{n}-{where}", replace(payload, outcome=outcome),
                               text_fields, value_of))
    for n, payload in enumerate(WHOLE_TEXT_PAYLOADS):
        cases.append(_case(f"text-{payload.family}-{n}", payload, holds_no_source_sentence,
                           lambda entry, payload=payload: _quoted(payload.value)))
    return cases


@cache
def id_fields(file: str) -> list:
    return [e for e in entries(file) if e.path and e.path[-1] == "id" and isinstance(e.node, yaml.ScalarNode)]


def id_cases() -> list[Case]:
    cases = [_case(f"id-{n}", payload, id_fields, lambda entry, payload=payload: _quoted(payload.value))
             for n, payload in enumerate(ID_PAYLOADS)]

    def first_step_id(file: str) -> list:
        return [e for e in id_fields(file) if file == "technique" and e.path == ("steps", 0, "id")]

    cases += [_case(f"id-collision-{n}", payload, first_step_id, lambda entry, payload=payload: _quoted(payload.value))
              for n, payload in enumerate(COLLIDING_IDS)]
    return cases


def reference_field_cases() -> list[Case]:
    """Each DOI payload as the DOI of the first reference that has one; each URL payload as a
    `url:` added to the last reference (the file's last lines), whatever their number."""
    cases = []
    references = source("references")
    last = len(yaml.safe_load(references)["references"]) - 1
    doi = next(e for e in entries("references") if len(e.path) == 3 and e.path[::2] == ("references", "doi"))
    for n, payload in enumerate(DOI_PAYLOADS):
        cases.append(_case(f"doi-{n}", payload, lambda file: [doi] if file == "references" else [],
                           lambda entry, payload=payload: _quoted(payload.value)))
    for n, payload in enumerate(URL_PAYLOADS):
        text = references.rstrip("\n") + "\n    url: " + _quoted(payload.value) + "\n"
        cases.append(Case(f"url-{n}", payload, {"references": text}, (("references", ("references", last, "url")),)))
    return cases


def _case(name: str, payload: Payload, select, value_of) -> Case:
    texts, fields = {}, []
    for file in FILES:
        targets = select(file)
        if targets:
            texts[file] = _rewrite(file, targets, value_of)
            fields += [(file, entry.path) for entry in targets]
    return Case(name, payload, texts, tuple(fields))


@cache
def number_fields(file: str) -> list:
    return [e for e in entries(file) if e.path and isinstance(e.node, yaml.ScalarNode) and not e.node.style
            and e.node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
            or (e.path and isinstance(e.node, yaml.ScalarNode) and not e.node.style
                and isinstance(yaml.safe_load(e.node.value), (int, float))
                and not isinstance(yaml.safe_load(e.node.value), bool))]


def number_cases() -> list[Case]:
    cases = [_case(f"number-{n}", payload, number_fields, lambda entry, payload=payload: payload.value)
             for n, payload in enumerate(NUMBER_PAYLOADS)]

    def sets_fields(file: str) -> list:
        # The sets of a session exercise: the session card reads a number out of them.
        return [e for e in entries(file) if e.path and e.path[-1] == "sets" and "goals" not in e.path
                and isinstance(e.node, yaml.ScalarNode)]

    cases += [_case(f"sets-number-{n}", payload, sets_fields, lambda entry, payload=payload: _quoted(payload.value))
              for n, payload in enumerate(SETS_PAYLOADS)]
    return cases


# Letters the preview pictures' font cannot draw (CJK, emoji, and a sample of every other
# script it lacks), in each text a picture shows: refused there, with the character named.
def _undrawable_samples() -> list[str]:
    points = drawable()
    lacking = [ch for category in ("Lo", "So") for ch in characters_of(category) if ord(ch) not in points]
    return sorted({"\u6f22", "\U0001f4aa", *lacking[::max(1, len(lacking) // 6)]})


def glyph_cases() -> list[Case]:
    def card_fields(file: str) -> list:
        return [e for e in entries(file) if file == "guide" and isinstance(e.node, yaml.ScalarNode)
                and (e.path == ("title",) or (len(e.path) == 3 and e.path[0] == "pages"
                                              and e.path[2] in ("title", "description")))]

    return [_case(f"glyph-{n}", Payload("glyph", ch, REJECT, "picture cannot draw"), card_fields,
                  lambda entry, ch=ch: _quoted(f"{entry.node.value} {ch}"))
            for n, ch in enumerate(_undrawable_samples())]


def all_cases() -> list[Case]:
    return text_cases() + id_cases() + reference_field_cases() + number_cases() + glyph_cases()


def field_positions(text: str) -> dict[tuple, tuple[int, int]]:
    """(line, column) of every value in a YAML text, by path."""
    found = {}

    def visit(node, path):
        found[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                visit(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                visit(item, path + (i,))

    visit(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return found


# Scale: a few KB must not cost minutes. Each text field ends in one over-long word (every
# field at once), or each list of one file holds thousands of items (copies of its own
# items, their ids made unique, so most of the data still validates). Every such case
# ends within SCALE_DEADLINE seconds, rejected with located problems or accepted; the
# cost is linear, so the deadline leaves room for a loaded machine, not for a quadratic step.
LONG_WORD = "".join(chr(ord("a") + i % 26) for i in range(3000))
SCALE_ITEMS = 2000
SCALE_DEADLINE = 30.0


@dataclass(frozen=True)
class ScaleCase:
    name: str
    texts: dict[str, str]


def long_word_case() -> ScaleCase:
    """The word in every text field without a length bound (a bounded one, a fault finder
    line, refuses it by its length: tested with the bounds)."""
    texts = {}
    for file in FILES:
        targets = [e for e in text_fields(file) if e.path not in _bounds()]
        if targets:
            texts[file] = _rewrite(file, targets, lambda entry: _quoted(f"{entry.node.value} {LONG_WORD}"))
    return ScaleCase("scale-long-word", texts)


def _renamed(node, copy: int):
    if isinstance(node, dict):
        return {k: f"{v}-{copy}" if k == "id" and isinstance(v, str) else _renamed(v, copy) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(item, copy) for item in node]
    return node


def _grown(node, items: int):
    """Every list `items` long: its own items, then copies of them (ids made unique). The
    copies are not grown again, so the size grows with `items`, not with its powers."""
    if isinstance(node, dict):
        return {k: _grown(v, items) for k, v in node.items()}
    if isinstance(node, list) and node:
        return [_grown(item, items) for item in node] + [_renamed(node[i % len(node)], i)
                                                         for i in range(len(node), items)]
    return node


def many_items_cases(items: int = SCALE_ITEMS) -> list[ScaleCase]:
    return [ScaleCase(f"scale-items-{file}", {file: yaml.safe_dump(_grown(yaml.safe_load(source(file)), items),
                                                                    allow_unicode=True, sort_keys=False, width=10**6)})
            for file in FILES]


def scale_cases() -> list[ScaleCase]:
    return [long_word_case(), *many_items_cases()]
