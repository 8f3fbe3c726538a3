"""Errors an editor can act on: each problem names file:line:column, the field path and
what was expected, and one report lists every problem at once.

Hand-picked slips with the exact report line each must produce; the generated mutation
suite (test_data_mutations.py) covers every field of every file.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from macros.cli import check_data
from macros.data.problems import DataError
from macros.validate.load import load_guide
from support import DATA


@pytest.fixture
def data(tmp_path):
    """A copy of data/ to break; edit(file, old, new) replaces one exact, unique snippet."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(data_dir, file: str, old: str, new: str) -> int:
    """Replace `old` (which must occur once) in data_dir/file; return the 1-based line it starts on."""
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def reference_ids() -> list[str]:
    """The ids in data/references.yml: an editor may add one."""
    return [r["id"] for r in yaml.safe_load((DATA / "references.yml").read_text(encoding="utf-8"))["references"]]


def report_of(data_dir) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_guide(data_dir)
    lines = caught.value.report().splitlines()
    assert lines[-1] == f"{len(lines) - 1} problem(s) in the guide data; the site was not built."
    return lines[:-1]


def test_every_problem_in_every_file_is_reported_at_once(data):
    unknown = edit(data, "faq.yml", "    question: Can I do", "    questoin: Can I do")
    role = edit(data, "muscles.yml", "    role: target", "    role: targett")
    cite = edit(data, "benefits.yml", "        cites: [neto-2019]\n      - >-\n        Neither cited",
                "        cites: [neto-2091]\n      - >-\n        Neither cited")
    variation = edit(data, "programming.yml", "variations: [banded]", "variations: [bandd]")
    report = report_of(data)
    # One problem, one message: the misspelt key, not also "required field 'question' is
    # missing"; positions in lists counted from 1, as a writer counts.
    assert report == [
        f"data/benefits.yml:{cite}:17 benefits[3].closing[0].cites[0]: unknown citation 'neto-2091'; "
        f"did you mean 'neto-2019'? (expected one of: {', '.join(sorted(reference_ids()))}) "
        "(the 1st citation of the 1st closing paragraph of the 4th benefit)",
        f"data/faq.yml:{unknown}:5 faqs[0].questoin: unknown field 'questoin'; did you mean 'question'? "
        "(the 1st FAQ)",
        f"data/muscles.yml:{role}:11 muscles[0].role: expected one of: target, synergist, stabilizer, "
        "dynamic stabilizer; got 'targett'; did you mean 'target'? (the 1st muscle)",
        # Cross-file rules still run over the files that validated, though faq and muscles did not.
        f"data/programming.yml:{variation}:20 progression.steps[3].variations[0]: unknown variation 'bandd'; "
        "did you mean 'banded'? (expected one of: banded, dumbbell, elevated, landmine) "
        "(the 1st variation of the 4th step)",
    ]


def test_wrong_type_inside_a_paragraph_says_text_or_text_with_cites(data):
    # Before the first benefit's first paragraph, whatever its words (an editor may cite it).
    path = data / "benefits.yml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    paragraphs:\n") + len("    paragraphs:\n")
    path.write_text(text[:at] + "      - [1, 2]\n" + text[at:], encoding="utf-8")
    line = text[:at].count("\n")
    assert report_of(data) == [
        f"data/benefits.yml:{line + 1}:9 benefits[0].paragraphs[0]: expected text, or a mapping with "
        "`text` and `cites`; got a list (the 1st paragraph of the 1st benefit)"]


def test_misspelled_key_in_a_cited_paragraph_suggests_the_field(data):
    line = edit(data, "muscles.yml", "        cites: [contreras-2015]\n      - >-\n        Because",
                "        cite: [contreras-2015]\n      - >-\n        Because")
    assert f"data/muscles.yml:{line}:9 muscles[0].in_exercise[0].cite: unknown field 'cite'; " \
           "did you mean 'cites'? (the 1st paragraph of the 1st muscle)" in report_of(data)


def test_enum_of_safety_tip_kind_lists_the_allowed_values(data):
    line = edit(data, "technique.yml", "      kind: load", "      kind: lode")
    assert report_of(data) == [
        f"data/technique.yml:{line}:13 safety.tips[5].kind: expected one of: stop-sign, form, load; "
        "got 'lode'; did you mean 'load'? (the 6th tip)"]


def test_markup_in_text_is_rejected_with_file_line_and_field(data):
    line = edit(data, "mistakes.yml", "    title: Overusing Your Elbows",
                '    title: Overusing <script>alert(1)</script> Your Elbows')
    assert report_of(data) == [
        f"data/mistakes.yml:{line}:12 mistakes[0].title: raw HTML or markup is not allowed in text "
        "(found '<script>alert(1)</script>'); write plain text (the 1st mistake)"]


def test_event_handler_attribute_in_text_is_rejected(data):
    line = edit(data, "faq.yml", "    question: Can I do single leg hip thrust every leg day?",
                "    question: Can I do it? x onerror=alert(1)")
    assert report_of(data) == [
        f"data/faq.yml:{line}:15 faqs[0].question: raw HTML or markup is not allowed in text "
        "(found 'onerror=alert(1)'); write plain text (the 1st FAQ)"]


def test_empty_file_and_comment_only_file(data):
    (data / "faq.yml").write_text("")
    (data / "benefits.yml").write_text("# yaml-language-server: $schema=schema/benefits.schema.json\n")
    assert report_of(data) == [
        "data/benefits.yml:1:1: the file is empty (or only comments); expected a mapping of fields",
        "data/faq.yml:1:1: the file is empty (or only comments); expected a mapping of fields",
    ]


def test_file_that_is_a_list_names_the_fields_it_should_have(data):
    (data / "faq.yml").write_text("# a list by mistake\n- title: FAQs\n")
    assert report_of(data) == ["data/faq.yml:2:1: expected a mapping of fields (title, faqs), got a list"]


def test_missing_file_is_reported_with_the_others(data):
    (data / "variations.yml").unlink()
    report = report_of(data)
    assert "data/variations.yml:1:1: file not found; every data file is required" in report
    # The progression names variations, but without the file there is nothing to check it against.
    assert not any("unknown variation" in line for line in report), report


def test_tab_indentation(data):
    line = edit(data, "faq.yml", "  - id: faq-how-many", "\t- id: faq-how-many")
    assert report_of(data) == [
        f"data/faq.yml:{line}:1: YAML syntax error: a tab character; YAML must be indented with spaces, not tabs"]


def test_unclosed_quote_is_reported_where_it_opens(data):
    # No '"' follows in technique.yml, so the quote runs to the end of the file.
    line = edit(data, "technique.yml", "      kind: load", '      kind: "load')
    assert report_of(data) == [
        f"data/technique.yml:{line}:13: YAML syntax error: this quoted text is never closed: add the closing quote"]


def test_unclosed_bracket_is_reported_where_it_opens(data):
    line = edit(data, "muscles.yml", "        cites: [contreras-2015]\n      - >-\n        Because",
                "        cites: [contreras-2015\n      - >-\n        Because")
    report = report_of(data)
    assert len(report) == 1
    assert report[0].startswith(f"data/muscles.yml:{line}:16: YAML syntax error: the [ opened here is not closed")


def test_bad_indentation(data):
    line = edit(data, "mistakes.yml", "    title: Overusing Your Elbows", "     title: Overusing Your Elbows")
    report = report_of(data)
    assert len(report) == 1
    assert report[0].startswith(f"data/mistakes.yml:{line}:"), report
    assert "YAML syntax error" in report[0] and "indent" in report[0]


def test_duplicate_key_names_both_lines(data):
    line = edit(data, "mistakes.yml", "    title: Overusing Your Elbows\n",
                "    title: Overusing Your Elbows\n    title: Overusing Your Elbows again\n")
    assert report_of(data) == [
        f"data/mistakes.yml:{line + 1}:5 mistakes[0].title: duplicate key 'title' (first given at line {line}) (the 1st mistake)"]


def test_duplicate_id_names_where_it_was_first_used(data):
    # The first two mistakes, whatever an editor has named them.
    one, two = (m["id"] for m in yaml.safe_load((data / "mistakes.yml").read_text(encoding="utf-8"))["mistakes"][:2])
    first = edit(data, "mistakes.yml", f"  - id: {one}\n", f"  - id: {one}\n")
    second = edit(data, "mistakes.yml", f"  - id: {two}\n", f"  - id: {one}\n")
    # (The checklist naming the renamed mistake reports it as well.)
    assert (f"data/mistakes.yml:{second}:9 mistakes[1].id: duplicate id '{one}': already used at "
            f"data/mistakes.yml:{first}:9 (ids are link anchors and must be unique across the guide) (the 2nd mistake)"
            ) in report_of(data)


def test_uncited_reference_is_not_claimed_when_the_citing_file_is_broken(data):
    # muscles.yml holds the citations; a typo elsewhere in it must not make them "uncited".
    edit(data, "muscles.yml", "    role: target", "    role: targett")
    assert not any("never cited" in line for line in report_of(data))


def test_uncited_reference_is_reported_beside_other_problems(data):
    for path in data.glob("*.yml"):  # every citation of reference [2]
        text = path.read_text()
        path.write_text(text.replace("        cites: [contreras-2015]\n", "").replace(", contreras-2015]", "]"))
    edit(data, "faq.yml", "    question: Can I do", "    questoin: Can I do")
    report = report_of(data)
    assert any(line.startswith("data/references.yml:") and "'contreras-2015' is never cited" in line
               for line in report), report
    assert any("questoin" in line for line in report)


def test_check_data_command_prints_the_report_and_exits_1(data, capsys):
    edit(data, "faq.yml", "    question: Can I do", "    questoin: Can I do")
    assert check_data.main([str(data)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "data/faq.yml:" in err and "unknown field 'questoin'" in err


def test_check_data_command_passes_the_real_data(capsys):
    assert check_data.main([str(DATA)]) == 0
    out, _err = capsys.readouterr()
    assert out.startswith(f"{DATA}: valid (")


def test_check_data_command_checks_page_entries_against_docs(tmp_path, capsys):
    """A misspelt page path in guide.yml `pages:` is not ignored: with docs/ beside data/,
    the command (like the build) reports it, and the page left without its entry."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(DATA.parent / "docs", tmp_path / "docs")
    line = edit(tmp_path / "data", "guide.yml", "\n  faq.md:\n", "\n  fqa.md:\n") + 1
    assert check_data.main([str(tmp_path / "data")]) == 1
    _out, err = capsys.readouterr()
    assert f"data/guide.yml:{line}:3 pages[\"fqa.md\"]: unknown page 'fqa.md'; did you mean 'faq.md'?" in err, err
    assert "pages: no entry for page 'faq.md' (docs/faq.md)" in err, err


def test_correction_place_and_linked_words_must_exist(data):
    at = edit(data, "guide.yml", "    at: warm-up\n  - id: glutes-most-of-the-work",
              "    at: warm-upp\n  - id: glutes-most-of-the-work")
    words = edit(data, "guide.yml", "        - {text: setup and safety tips, to: safety}",
                 "        - {text: setup and safety hints, to: safty}")
    report = report_of(data)
    assert f"data/guide.yml:{words}:18 summary.paragraphs[1].links[0].text: 'setup and safety hints' is not in " \
           "the paragraph's text; link words it has, as written (the 1st link of the 2nd paragraph)" in report
    assert any(line.startswith(f"data/guide.yml:{words}:") and "links[0].to: unknown id 'safty'; did you mean "
               "'safety'?" in line for line in report), report
    assert any(line.startswith(f"data/guide.yml:{at}:") and "corrections[" in line and
               "unknown id 'warm-upp'; did you mean 'warm-up'?" in line for line in report), report



# --- messages an editor met while trying the recipes (issue 32) ----------------------------
def _first_folded_text(data_dir, file: str) -> tuple[int, str]:
    """(0-based line, indentation) of the first line of text of the first `>-` block of `file`."""
    lines = (data_dir / file).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith(">-"))
    return start + 1, lines[start + 1][:len(lines[start + 1]) - len(lines[start + 1].lstrip())]


def test_a_list_item_typed_inside_folded_text_is_reported_at_its_dash(data):
    line, indent = _first_folded_text(data, "mistakes.yml")
    path = data / "mistakes.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line + 1, f"{indent}- Squeeze at the top.\n")
    path.write_text("".join(lines), encoding="utf-8")
    [problem] = report_of(data)
    assert problem.startswith(f"data/mistakes.yml:{line + 2}:{len(indent) + 1} "), problem
    assert "inside the folded text (>-) above it, so YAML joined it onto that paragraph" in problem
    assert "line its '-' up with the '-' of the item above" in problem


def test_text_with_a_colon_in_a_list_says_quote_it(data):
    line = edit(data, "benefits.yml", "    closing:\n", "    closing:\n      - Tip: you can film a set from the side.\n")
    assert report_of(data) == [
        f"data/benefits.yml:{line + 1}:9 benefits[3].closing[0]: this text reads as a field named 'Tip' because of "
        "the ': ' after 'Tip'; to keep it as text, put it in quotes: \"Tip: you can film a set from the side.\" "
        "(the 1st closing paragraph of the 4th benefit)"]


def test_a_missing_space_after_a_colon_says_so(data):
    text = (data / "checklists.yml").read_text(encoding="utf-8")
    title = yaml.safe_load(text)["checklists"][0]["title"]
    line = edit(data, "checklists.yml", f"    title: {title}\n", f"    title:{title}\n")
    assert report_of(data) == [
        f"data/checklists.yml:{line}:5: YAML syntax error: 'title:' needs a space after the colon: "
        f"write 'title: {title}'"]


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_a_later_apostrophe(data):
    text = (data / "mistakes.yml").read_text(encoding="utf-8")
    mistakes = yaml.safe_load(text)["mistakes"]
    title = mistakes[0]["title"]
    assert "'" in text[text.index(f"title: {title}"):], "an apostrophe later in the file"
    line = edit(data, "mistakes.yml", f"    title: {title}\n", f"    title: '{title}\n")
    [problem] = report_of(data)
    assert problem.startswith(f"data/mistakes.yml:{line}:12: YAML syntax error: the ' opened here is not closed "
                              "on its line"), problem


def test_a_required_field_names_the_fields_the_item_has(data):
    line = edit(data, "faq.yml", "    question: Can I do", "    questin: Can I do")
    [problem] = report_of(data)
    assert "did you mean 'question'?" in problem  # the misspelt key: one problem
    edit(data, "faq.yml", "    questin: Can I do", "    # questin: Can I do")
    [problem] = report_of(data)
    assert "required field 'question' is missing (this item has: answer, id;" in problem, problem


def test_a_checklist_naming_a_deleted_record_says_it_was_deleted(data):
    checklists = yaml.safe_load((data / "checklists.yml").read_text(encoding="utf-8"))["checklists"]
    finder = next(c for c in checklists if c["kind"] == "fault-finder")
    gone = finder["items"][1]
    text = (data / "mistakes.yml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {gone}\n")
    end = text.find("\n  - id: ", start + 1)
    (data / "mistakes.yml").write_text(text[:start] + text[end + 1:], encoding="utf-8")
    report = report_of(data)
    deleted = [line for line in report if f"'{gone}' is no longer in data/: the record was deleted" in line
               and line.startswith("data/checklists.yml:")]
    assert len(deleted) == 1, report
    assert not [line for line in report if "checklists.yml" in line and "did you mean" in line], report


def test_an_unreachable_foot_says_which_foot_values_work(data):
    path = data / "figures.yml"
    text = path.read_text(encoding="utf-8")
    foot = re.search(r"\n      foot: ([0-9.]+)\n", text)
    line = text[:foot.start()].count("\n") + 2

    def set_foot(value: str) -> None:
        path.write_text(text[:foot.start()] + f"\n      foot: {value}\n" + text[foot.end():], encoding="utf-8")

    set_foot("1.5")
    [problem] = report_of(data)
    found = re.search(rf"data/figures.yml:{line}:13 figures\[\d+\]\.pose\.foot: this pose cannot be drawn: foot: 1.5 "
                      r"puts the foot too far from the hip for the leg to reach; at this hip_height use a value "
                      r"from ([0-9.]+) to ([0-9.]+) \(body heights\)", problem)
    assert found, problem
    # Both ends of the range it gives can be typed and the guide loads (every body check
    # passes); just past either end it does not.
    for value in found.groups():
        set_foot(value)
        load_guide(data)
    for value in (float(found.group(1)) - 0.01, float(found.group(2)) + 0.01):
        set_foot(f"{value:.2f}")
        assert any(f"figures.yml:" in problem and "figures[0]" in problem for problem in report_of(data))
