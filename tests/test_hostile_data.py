"""Hostile data cannot reach readers (tests/hostile_data.py generates the cases).

Every case ends one of two ways: rejected, with a located report, by the same validation
`make check-data` and the build run (and no traceback, within seconds); or accepted, with
every field's text on the page as typed and nothing live in the HTML.
"""

from __future__ import annotations

import collections
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock
from urllib.parse import unquote

import jinja2.utils
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

import macros
from data_mutations import FILES, source, write_data
from guide_pages import _Env, _config, page_html
from hostile_data import (LONG_WORD, REJECT, RENDER, SCALE_DEADLINE, Case, ScaleCase, all_cases, field_positions,
                          long_word_case, scale_cases)
from macros.data import loading
from macros.validate import print_fit, registry
from macros.data.problems import DataError
from macros.postbuild import preview_cards
from macros.site.anchors import RESERVED_ID_PREFIXES
from macros.validate.load import load_guide, site_pages
from support import ROOT, build_site, copy_project, serve_directory, site_base_path

CASES = all_cases()
REJECTED = [c for c in CASES if c.payload.outcome == REJECT]
RENDERED = [c for c in CASES if c.payload.outcome == RENDER]
PAGES = site_pages(ROOT / "docs")
# Element content the data may never bring: script, style, frames, forms, plugins.
LIVE_TAGS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_data(tmp_path_factory.mktemp("hostile") / "data")


class _written:
    """The data files of a case written into `data_dir`, restored afterwards."""

    def __init__(self, data_dir: Path, texts: dict[str, str]):
        self.data_dir, self.texts = data_dir, texts

    def __enter__(self):
        for file, text in self.texts.items():
            (self.data_dir / f"{file}.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        return self.data_dir

    def __exit__(self, *exc):
        for file in self.texts:
            (self.data_dir / f"{file}.yml").write_text(source(file), encoding="utf-8")


def _build_report(data_dir: Path) -> str:
    """What the build's adapter (define_env) reports for this data: its PluginError."""
    env = _Env(data_dir.parent, _config())
    with pytest.raises(PluginError) as caught:
        macros.define_env(env)
    return str(caught.value)


def _assert_reported(report_problems, case: Case) -> None:
    positions = {file: field_positions(case.texts[file]) for file in {f for f, _ in case.fields}}
    fields = case.fields
    if case.payload.same_line:
        # A syntax error ends the parse of its file: the first field of each file is reported.
        fields = [(file, min((p for f, p in case.fields if f == file), key=lambda p: positions[file][p]))
                  for file in positions]
    for file, path in fields:
        line, column = positions[file][path]
        assert any(p.position.file == f"data/{file}.yml" and p.position.line == line
                   and (case.payload.same_line or p.position.column == column)
                   and case.payload.words in p.message for p in report_problems), \
            f"no '{case.payload.words}' at data/{file}.yml:{line}:{column} ({path}) in:\n" + \
            "\n".join(map(str, report_problems))


def test_every_family_and_field_is_covered():
    families = {c.payload.family for c in CASES}
    assert families >= {"html", "entity", "handler", "link", "attr-list", "block", "table", "heading", "footnote",
                        "abbr", "newline", "whitespace", "control", "bidi", "invisible", "id", "url", "doi"}
    text_case = next(c for c in CASES if c.name.startswith("text-html"))
    assert {file for file, _ in text_case.fields} == set(FILES), "a data file without prose reached by the payloads"
    assert len(text_case.fields) > 200
    id_case = next(c for c in CASES if c.name == "id-0")
    assert len(id_case.fields) > 80


@pytest.mark.parametrize("case", REJECTED, ids=lambda c: c.name)
def test_hostile_data_is_rejected_at_every_field_by_check_data_and_the_build(case, data_dir):
    with _written(data_dir, case.texts):
        with pytest.raises(DataError) as caught:
            load_guide(data_dir, PAGES)
        build_report = _build_report(data_dir)
    _assert_reported(caught.value.problems, case)
    report = caught.value.report()
    # One validation path: the build reports exactly what check-data reports.
    assert report in build_report
    # Shown safely on a terminal: control and bidi characters arrive escaped.
    assert all(ch.isprintable() for line in report.splitlines() for ch in line), report


def _site(pages: dict[str, tuple[str, dict]]) -> tuple[list[BeautifulSoup], list[str]]:
    soups = [BeautifulSoup(body, "html.parser") for body, _meta in pages.values()]
    meta = [str(value) for _body, meta in pages.values() for key, value in meta.items() if key != "structured_data"]
    return soups, meta


@pytest.fixture(scope="module")
def baseline(data_dir):
    soups, _meta = _site(page_html(data_dir.parent))
    return collections.Counter(tag.name for soup in soups for tag in soup.find_all(True)), _ids(soups)


def _ids(soups) -> set[str]:
    # A page title's id is made from its words (the only heading without an id of its own),
    # also where the whole guide on paper (print.md) shows it as its section's first heading.
    titles = {id(section.find(["h2"])) for soup in soups for section in soup.select("section.whole-guide__section")}
    return {tag["id"] for soup in soups for tag in soup.find_all(id=True) if tag.name != "h1" and id(tag) not in titles}


def _values(case: Case) -> list[str]:
    values = []
    parsed: dict[str, object] = {}  # each file once: a case may put its payload in hundreds of fields
    for file, path in case.fields:
        if file not in parsed:
            parsed[file] = yaml.safe_load(case.texts[file])
        node = parsed[file]
        for part in path:
            node = node[part]
        values.append(node)
    return values


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("case", RENDERED, ids=lambda c: c.name)
def test_hostile_data_that_validates_renders_as_its_own_text(case, data_dir, baseline):
    tags, ids = baseline
    # Longer words make the fault finder too long for its printed page, which is a data
    # problem of its own (test_print_stress.py); here only the escaping is in question.
    without_fit = [entry for entry in registry._RULES[registry.WHOLE_GUIDE]
                   if entry[1] is not print_fit.checklists_fit_on_one_printed_page]
    with _written(data_dir, case.texts), mock.patch.dict(registry._RULES, {registry.WHOLE_GUIDE: without_fit}):
        load_guide(data_dir, PAGES)
        pages = page_html(data_dir.parent)
    soups, meta = _site(pages)
    if case.payload.family != "url":  # a web address adds a field, and with it a link
        # Nothing new: the same elements and ids as the real data makes. A session card prints
        # a write-in row per set, as many as an exercise's `sets` says (macros/write_in.py):
        # a payload there may change how many rows it has, not what is in them.
        found = collections.Counter(tag.name for soup in soups for tag in soup.find_all(True))
        expected = tags
        if any(path[-1] == "sets" for _file, path in case.fields):
            found, expected = (collections.Counter({k: v for k, v in c.items() if k not in ("tr", "td")})
                               for c in (found, tags))
        # Nothing new; fewer only of the links the box "At a glance" makes by matching names
        # (a piece of equipment to the step whose title names it: render/glance.py), which a
        # payload around both names can part.
        assert not found - expected, found - expected
        assert set(expected - found) <= {"a"}, expected - found
        assert _ids(soups) == ids
    for soup in soups:
        assert not soup.find_all(LIVE_TAGS)
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), tag
                if name in ("href", "src"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), tag
    # The page shows what the editor typed, letter for letter (no case filter on data).
    # Text without separators: a link inside a sentence must not gain spaces around it.
    text = _flat(" ".join(soup.get_text() for soup in soups) + " " + " ".join(html.unescape(m) for m in meta))
    missing = [value for value in _values(case) if _flat(value) not in text]
    assert not missing, f"text lost or changed: {missing[:3]}"
    # Meta values are escaped HTML; the schema.org JSON cannot end its <script>.
    for value in meta:
        assert "<" not in value and '"' not in value, value
    for _body, page_meta in pages.values():
        for item in page_meta.get("structured_data", []):
            written = jinja2.utils.htmlsafe_json_dumps(item)
            assert "<" not in written and json.loads(written) == item


def test_web_addresses_and_dois_that_validate_are_the_links_targets(data_dir):
    for case in (c for c in RENDERED if c.payload.family in ("url", "doi")):
        with _written(data_dir, case.texts):
            body, _meta = page_html(data_dir.parent, only={"references.md"})["references.md"]
        # The link goes where the data says (percent-encoding aside) and shows it as typed.
        links = {unquote(a["href"]): a.get_text() for a in BeautifulSoup(body, "html.parser").find_all("a", href=True)}
        value = case.payload.value
        target = value if case.payload.family == "url" else "https://doi.org/" + value
        assert target in links, (value, sorted(links))
        assert links[target] == (value if case.payload.family == "url" else f"doi:{value}")


# YAML the loader refuses, and files it will not read. Each: (file, bytes or a setup
# function, line, column, words). Line and column None: the message names the file only.
def _lines(file: str) -> list[str]:
    return source(file).splitlines(keepends=True)


def _insert(file: str, line: int, text: str) -> bytes:
    lines = _lines(file)
    return "".join(lines[:line - 1] + [text] + lines[line - 1:]).encode("utf-8")


def _faq_title_line() -> int:
    return next(i for i, line in enumerate(_lines("faq"), start=1) if line.startswith("title:"))


BOMB = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9))

YAML_CASES = {
    "alias-bomb": lambda: (_insert("faq", 2, BOMB), 2, 6, "YAML anchor (&a) is not allowed"),
    "self-alias": lambda: (_insert("faq", 2, "loop: &x [*x]\n"), 2, 7, "YAML anchor (&x) is not allowed"),
    "anchor-only": lambda: (_insert("faq", 2, "first: &keep {a: 1}\n"), 2, 8, "YAML anchor (&keep) is not allowed"),
    "merge-key": lambda: (_insert("faq", 2, "base: {a: 1}\nmerged:\n  <<: {b: 2}\n"), 4, 3, "merge key"),
    "python-tag": lambda: (_insert("faq", 2, "evil: !!python/name:os.system x\n"), 2, 7, "YAML tag"),
    "apply-tag": lambda: (_insert("faq", 2, "evil: !!python/object/apply:os.system [ls]\n"), 2, 7, "YAML tag"),
    "int-tag": lambda: (_insert("faq", 2, "evil: !!int abc\n"), 2, 7, "YAML tag"),
    "include-tag": lambda: (_insert("faq", 2, "evil: !include other.yml\n"), 2, 7, "YAML tag"),
    "binary-tag": lambda: (_insert("faq", 2, "evil: !!binary aGk=\n"), 2, 7, "YAML tag"),
    "deep-brackets": lambda: (_insert("faq", 2, "deep: " + "[" * 5000 + "]" * 5000 + "\n"), 2, None, "nested more than"),
    "unclosed-deep": lambda: (_insert("faq", 2, "deep: " + "[" * 5000 + "\n"), None, None, "YAML syntax error"),
    "latin-1-byte": lambda: (_insert("faq", 3, "# caf\u00e9\n").replace("caf\u00e9".encode(), b"caf\xe9"), 3, 6, "not UTF-8"),
    "utf-16": lambda: ("title: x\n".encode("utf-16"), 1, 1, "not UTF-8"),
    "surrogate-bytes": lambda: (_insert("faq", 3, "# a\n").replace(b"# a", b"# a\xed\xa0\x80"), 3, 4, "not UTF-8"),
    "raw-control": lambda: (_insert("faq", 2, "bell: a\x07b\n"), 2, 8, "control character"),
    "raw-nul": lambda: (_insert("faq", 2, "nul: a\x00b\n"), 2, 7, "control character"),
    "impossible-date": lambda: (_insert("faq", 2, "when: 2019-13-45\n"), 2, 7, "put it in quotes"),
    "bom-in-a-key": lambda: (_insert("faq", 2, "ti\ufefftle: x\n"), 2, 1, "invisible character, \\ufeff ZERO WIDTH NO-BREAK SPACE"),
    "raw-escape-in-id": lambda: (_insert("faq", 2, "ev\x1bil: x\n"), 2, 3, "\\x1b"),
}


def _faq_problems(data_dir: Path) -> tuple[list, str]:
    with pytest.raises(DataError) as caught:
        load_guide(data_dir, PAGES)
    return caught.value.problems, caught.value.report()


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_yaml_the_loader_refuses_is_reported_where_it_is(name, data_dir):
    content, line, column, words = YAML_CASES[name]()
    path = data_dir / "faq.yml"
    path.write_bytes(content)
    try:
        problems, report = _faq_problems(data_dir)
        build_report = _build_report(data_dir)
    finally:
        path.write_text(source("faq"), encoding="utf-8")
    assert report in build_report
    assert all(ch.isprintable() for line_ in report.splitlines() for ch in line_), report
    assert any(p.position.file == "data/faq.yml" and line in (None, p.position.line)
               and column in (None, p.position.column) and words in str(p) for p in problems), report


def test_crlf_line_endings_are_fine(data_dir):
    path = data_dir / "faq.yml"
    path.write_bytes(source("faq").replace("\n", "\r\n").encode("utf-8"))
    try:
        load_guide(data_dir, PAGES)
    finally:
        path.write_text(source("faq"), encoding="utf-8")


def _replace_with(kind: str):
    """A setup that turns data/faq.yml (or another entry) into something that is not a data file."""

    def setup(data_dir: Path, outside: Path) -> Path:
        target = data_dir / "faq.yml"
        target.unlink()
        if kind == "directory":
            target.mkdir()
        elif kind == "fifo":
            os.mkfifo(target)
        elif kind == "dev-zero":
            target.symlink_to("/dev/zero")
        elif kind == "outside":
            (outside / "faq.yml").write_text(source("faq"), encoding="utf-8")
            target.symlink_to(outside / "faq.yml")
        elif kind == "dangling":
            target.symlink_to(data_dir / "no-such-file.yml")
        elif kind == "oversized":
            target.write_text(source("faq") + "#" + "x" * 1_000_001 + "\n", encoding="utf-8")
        return target

    return setup


FILE_CASES = {
    "directory": (_replace_with("directory"), "data/faq.yml", "is a directory"),
    "fifo": (_replace_with("fifo"), "data/faq.yml", "not a regular file"),
    "symlink-to-dev-zero": (_replace_with("dev-zero"), "data/faq.yml", "not a regular file"),
    "symlink-outside": (_replace_with("outside"), "data/faq.yml", "outside the project's data folder"),
    "dangling-symlink": (_replace_with("dangling"), "data/faq.yml", "symlink to a file that does not exist"),
    "oversized": (_replace_with("oversized"), "data/faq.yml", "a data file may hold"),
}


def _restore(data_dir: Path) -> None:
    for path in data_dir.iterdir():
        if path.is_dir() and not path.is_symlink():
            for inner in path.iterdir():
                inner.unlink()
            path.rmdir()
        else:
            path.unlink()
    write_data(data_dir)


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_a_data_file_that_is_not_a_plain_file_inside_data_is_refused(name, data_dir, tmp_path):
    setup, where, words = FILE_CASES[name]
    setup(data_dir, tmp_path)
    try:
        # In a child process with a deadline: a FIFO or a device must not hang the check.
        result = subprocess.run([sys.executable, "-m", "macros", "check-data", str(data_dir)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        build_report = _build_report(data_dir)
    finally:
        _restore(data_dir)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith(where))
    assert words in line and line.startswith(f"{where}:1:1"), result.stderr
    assert line in build_report


def test_a_symlink_inside_data_is_read(data_dir):
    (data_dir / ".faq-original.yml").write_text(source("faq"), encoding="utf-8")
    (data_dir / "faq.yml").unlink()
    (data_dir / "faq.yml").symlink_to(data_dir / ".faq-original.yml")
    try:
        load_guide(data_dir, PAGES)
    finally:
        _restore(data_dir)


def test_an_unreadable_data_file_is_reported(data_dir):
    # Tests run as root, which reads any file: the refusal is simulated where the file is opened.
    real_open = open

    def refusing(path, *args, **kwargs):
        if str(path).endswith("faq.yml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    with mock.patch.object(loading, "open", refusing, create=True):
        problems, report = _faq_problems(data_dir)
    assert "data/faq.yml:1:1: cannot be read (Permission denied)" in report, report


@pytest.mark.parametrize("name, setup, expected", [
    ("unknown-file", lambda d: (d / "faqs.yml").write_text("title: x\n"), "data/faqs.yml:1:1: unexpected file 'faqs.yml' in the data folder; did you mean 'faq.yml'?"),
    ("unknown-folder", lambda d: (d / "extra").mkdir(), "data/extra:1:1: unexpected folder 'extra'"),
    ("schema-a-file", lambda d: (d / "schema").write_text("x"), "data/schema:1:1: must be a folder"),
    ("lock-a-directory", lambda d: ((d / "links.lock").unlink(), (d / "links.lock").mkdir()), "data/links.lock:1:1: is a directory"),
    ("lock-not-utf8", lambda d: (d / "links.lock").write_bytes(b"/\n/about/\n/caf\xe9/\n"), "data/links.lock:3:5: not UTF-8"),
    ("lock-bad-line", lambda d: (d / "links.lock").write_text("/\n  javascript:alert(1)\n"), "data/links.lock:2:3: 'javascript:alert(1)' is not a site address"),
    ("lock-control-char", lambda d: (d / "links.lock").write_text("/\n/a\x1b[2J/\n"), "data/links.lock:2:1: '/a\\x1b[2J/' is not a site address"),
])
def test_the_data_folder_holds_only_what_the_guide_reads(name, setup, expected, data_dir):
    setup(data_dir)
    try:
        _problems, report = _faq_problems(data_dir)
        build_report = _build_report(data_dir)
    finally:
        _restore(data_dir)
    assert expected in report, report
    assert report in build_report


@pytest.mark.parametrize("name, change, expected", [
    ("checklist-id-renamed",
     lambda texts, pages: texts.__setitem__("checklists", source("checklists").replace("id: checklist-setup", "id: checklist-set-up")),
     ["docs/checklists/setup.md:1:1: unknown checklist 'checklist-setup'; did you mean 'checklist-set-up'?",
      "checklists[0].page: docs/checklists/setup.md does not show checklist 'checklist-set-up'"]),
    ("checklist-page-calls-wrong-kind",
     lambda texts, pages: pages.__setitem__("checklists/setup.md", '{{ fault_finder("checklist-setup") }}\n'),
     ["docs/checklists/setup.md:1:1: checklist 'checklist-setup' is a ticks checklist: show it with "
      '{{ tick_checklist("checklist-setup") }}']),
    ("two-checklists-on-one-page",
     lambda texts, pages: pages.__setitem__("checklists/setup.md", pages["checklists/setup.md"] + '\n{{ fault_finder("checklist-fault-finder") }}\n'),
     ["docs/checklists/setup.md:3:1: a second checklist on this page ('checklist-fault-finder')"]),
    ("checklist-page-missing",
     lambda texts, pages: pages.pop("checklists/setup.md"),
     ["checklists[0].page: unknown page in docs/checklists/ 'setup.md'"]),
])
def test_checklists_and_their_pages_are_checked_together(name, change, expected, data_dir):
    texts, pages = {}, dict(PAGES)
    change(texts, pages)
    with _written(data_dir, texts):
        with pytest.raises(DataError) as caught:
            load_guide(data_dir, pages)
    report = caught.value.report()
    for line in expected:
        assert line in report, report
    assert "Traceback" not in report


def test_check_data_and_the_build_stop_on_the_same_report(tmp_path):
    """End to end, on one case per kind: the real command and the real build."""
    project = copy_project(tmp_path / "project")
    text_case = next(c for c in REJECTED if c.name == "text-html-0-end")
    for file, text in text_case.texts.items():
        (project / "data" / f"{file}.yml").write_text(text, encoding="utf-8")
    (project / "data" / "faq.yml").write_bytes(YAML_CASES["alias-bomb"]()[0])
    check = subprocess.run([sys.executable, "-m", "macros", "check-data", "data"], cwd=project, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(project)})
    build = build_site(project, tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    lines = [line for line in check.stderr.splitlines() if line.startswith("data/")]
    assert len(lines) > 100 and any("YAML anchor" in line for line in lines)
    assert all(line in build.stderr for line in lines)
    assert "Traceback" not in check.stderr + build.stderr


def _first_rendered(family: str, where: str) -> Case:
    return next(c for c in RENDERED if c.payload.family == family and c.name.endswith(where))


@pytest.mark.browser
def test_accepted_payloads_run_nothing_in_a_real_browser(browser, tmp_path):
    """A sample of the accepted cases, built by MkDocs and opened page by page in Chromium."""
    sample = [_first_rendered(family, where) for family, where in (("entity", "start"), ("inline", "end"), ("block", "start"))]
    project = copy_project(tmp_path / "project")
    for file, text in sample[0].texts.items():
        (project / "data" / f"{file}.yml").write_text(text, encoding="utf-8")
    # Every word longer: each checklist keeps two items, so it still fits its printed page.
    checklists = yaml.safe_load(source("checklists"))
    for checklist in checklists["checklists"]:
        checklist["items"] = checklist["items"][:2]
    (project / "data" / "checklists.yml").write_text(yaml.safe_dump(checklists, allow_unicode=True, sort_keys=False),
                                                     encoding="utf-8")
    # Two more payloads in the home page's title and description, which reach <head>.
    guide = yaml.safe_load(sample[0].texts["guide"])
    preview = guide["pages"]["index.md"]
    preview["title"] = sample[1].payload.value + " " + preview["title"]
    preview["description"] = sample[2].payload.value + " " + preview["description"]
    (project / "data" / "guide.yml").write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    dialogs = []
    with serve_directory(tmp_path / "site", site_base_path()) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for built in sorted((tmp_path / "site").rglob("index.html")):
            address = built.parent.relative_to(tmp_path / "site").as_posix()
            page.goto(url + ("" if address == "." else address + "/"))
            page.wait_for_load_state("load")
        page.goto(url)
        assert page.title().startswith(sample[1].payload.value), page.title()
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description.startswith(sample[2].payload.value), description
        assert page.locator('meta[property="og:title"]').get_attribute("content").startswith(sample[1].payload.value)
        alt = page.locator('meta[property="og:image:alt"]').get_attribute("content")
        assert alt.startswith(sample[1].payload.value), alt
        page.close()
    assert not dialogs


def _without_print_fit():
    # Longer words make checklists too long for their printed page (a problem of its own):
    # here only what the rest of the build does with them is in question.
    without_fit = [entry for entry in registry._RULES[registry.WHOLE_GUIDE]
                   if entry[1] is not print_fit.checklists_fit_on_one_printed_page]
    return mock.patch.dict(registry._RULES, {registry.WHOLE_GUIDE: without_fit})


def _located_in(problem, texts: dict[str, str], lines_of: dict[str, list[str]]) -> bool:
    """The problem names a line and column that exist in the file it names."""
    file = problem.position.file.removeprefix("data/").removesuffix(".yml")
    if file not in lines_of:
        lines_of[file] = (texts.get(file) or source(file) if file in FILES else "").splitlines() or [""]
    lines = lines_of[file]
    return (1 <= problem.position.line <= len(lines)
            and 1 <= problem.position.column <= len(lines[problem.position.line - 1]) + 1)


@pytest.mark.parametrize("case", scale_cases(), ids=lambda c: c.name)
def test_large_data_is_judged_in_linear_time_by_check_data_and_the_build(case: ScaleCase, data_dir):
    with _written(data_dir, case.texts):
        start = time.perf_counter()
        try:
            load_guide(data_dir, PAGES)
            problems, report = [], None
        except DataError as error:
            problems, report = error.problems, error.report()
        checked = time.perf_counter() - start
        env = _Env(data_dir.parent, _config())
        try:
            macros.define_env(env)
            build_report = None
        except PluginError as error:
            build_report = str(error)
        built = time.perf_counter() - start - checked
    assert checked < SCALE_DEADLINE and built < SCALE_DEADLINE, (checked, built)
    assert (report is None) == (build_report is None), (report, build_report)
    if report is not None:
        assert report in build_report and "Traceback" not in build_report
        lines_of: dict[str, list[str]] = {}
        unlocated = [str(p) for p in problems if not _located_in(p, case.texts, lines_of)]
        assert not unlocated, unlocated[:3]
    if case.name == "scale-long-word":  # every checklist's items got longer: too long to print
        checklists = yaml.safe_load(case.texts["checklists"])["checklists"]
        assert sum("no longer fits on one printed page" in p.message for p in problems) == len(checklists), report


def test_long_words_render_and_draw_in_linear_time(data_dir):
    case = long_word_case()
    with _written(data_dir, case.texts), _without_print_fit():
        start = time.perf_counter()
        guide = load_guide(data_dir, PAGES)
        pages = page_html(data_dir.parent)
        rendered = time.perf_counter() - start
        cards = preview_cards.page_cards(guide, list(PAGES), "https://example.org/guide/")
        pictures = [preview_cards._encode(preview_cards.draw(card)) for card in cards]
        drawn = time.perf_counter() - start - rendered
    assert rendered < SCALE_DEADLINE and drawn < SCALE_DEADLINE, (rendered, drawn)
    assert len(pictures) == len(cards) and all(len(p) <= preview_cards.BUDGET for p in pictures)
    # The word reaches the pages whole, wherever it is shown: never split, never cut.
    text = " ".join(BeautifulSoup(body, "html.parser").get_text(" ") for body, _meta in pages.values())
    runs = re.findall(r"[a-z]{100,}", text)
    assert len(runs) > 200 and set(runs) == {LONG_WORD}, {len(run) for run in runs}


def _manifest_cases() -> dict[str, list[str]]:
    """Lines added to data/links.lock, generated from its own addresses: every page's
    address with a letter more (a page the site does not make), bare and with an anchor
    the real page has."""
    lines = [line for line in source_lock().splitlines() if line.strip() and not line.startswith("#")]
    pages = sorted({line.partition("#")[0] for line in lines})
    anchors = {}
    for line in lines:
        page, _, anchor = line.partition("#")
        if anchor:
            anchors.setdefault(page, anchor)
    def moved(page: str) -> str:
        return page.rstrip("/") + "x/" if page != "/" else "/x/"

    # Each page's first anchor on the next page, which does not have it (anchors a build
    # derives, such as citations, are not kept in the manifest on their own).
    elsewhere = [f"{other}#{anchor}" for page, other in zip(pages, pages[1:] + pages[:1])
                 if (anchor := anchors.get(page)) and not anchor.startswith(RESERVED_ID_PREFIXES)
                 and f"{other}#{anchor}" not in lines]
    return {
        "no-such-page": [moved(page) for page in pages],
        "anchor-on-no-such-page": [moved(page) + "#" + anchor for page, anchor in sorted(anchors.items())],
        "anchor-on-another-page": elsewhere,
    }


def source_lock() -> str:
    return (ROOT / "data" / "links.lock").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(_manifest_cases()))
def test_manifest_lines_are_checked_by_page_and_anchor_by_check_data_and_the_build(name, data_dir):
    added = _manifest_cases()[name]
    text = source_lock().rstrip("\n") + "\n" + "\n".join(added) + "\n"
    (data_dir / "links.lock").write_text(text, encoding="utf-8")
    try:
        problems, report = _faq_problems(data_dir)
        build_report = _build_report(data_dir)
    finally:
        (data_dir / "links.lock").write_text(source_lock(), encoding="utf-8")
    assert report in build_report and "Traceback" not in build_report
    first = len(source_lock().splitlines()) + 1
    for n, address in enumerate(added):
        assert any(p.position.file == "data/links.lock" and p.position.line == first + n and p.position.column == 1
                   and address in p.message for p in problems), f"{address} (line {first + n}) not reported:\n{report}"
