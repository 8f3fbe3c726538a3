"""What a writer who is not a programmer meets (issue 21): `make check-data` reports what
would break the site in words they can act on; the schemas, workflows and README hold up."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml

from macros.cli import check_data
from overflowing import overflow_fault_finder, write_fault_finder
from support import BUILD_ENV, ROOT, copy_project, free_port


@pytest.fixture
def project(tmp_path):
    """A copy of the project (data/ beside docs/, as check-data reads it)."""
    return copy_project(tmp_path / "project")


def check(project, capsys) -> list[str]:
    """`make check-data` on the copy: its report lines (none when valid)."""
    code = check_data.main([str(project / "data")])
    _out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if not line.endswith("the site was not built.")]
    assert (code == 0) == (not lines), err
    return lines


def replace(path, old: str, new: str) -> int:
    """Replace the one `old` in `path`; the 1-based line it starts on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (old, text.count(old))
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_a_too_long_checklist_item_says_by_how_much_and_not_the_layout_it_has(project, capsys):
    """A tick item grown long (a fault finder's lines are bounded, so a cue it is): the report
    names it, says how many lines too long, and offers no layout the checklist already has."""
    checklists = project / "data" / "checklists.yml"
    data = yaml.safe_load(checklists.read_text(encoding="utf-8"))
    every_rep = next(c for c in data["checklists"] if c["id"] == "checklist-every-rep")
    longest = every_rep["items"][-1]
    # Its layout as dense as it goes (whatever its paper: line says now).
    text = checklists.read_text(encoding="utf-8")
    start = text.index("  - id: checklist-every-rep\n")
    paper = re.compile(r"^    paper: \{[^}\n]*\}$", re.M).search(text, start)
    assert paper, "the every-rep checklist has a one-line paper: setting"
    checklists.write_text(text[:paper.start()] + "    paper: {columns: 2, text: small}" + text[paper.end():],
                          encoding="utf-8")
    technique = project / "data" / "technique.yml"
    text = technique.read_text(encoding="utf-8")
    at = text.index("        text: ", text.index("      - id: " + longest)) + len("        text: ")
    words = " ".join(f"Keep the ribs down and squeeze the glute hard at the top, rep {n}, without rushing."
                     for n in range(40))
    technique.write_text(text[:at] + words + " " + text[at:], encoding="utf-8")
    report = check(project, capsys)
    fit = [line for line in report if "no longer fits" in line]
    assert len(fit) == 1, report
    assert fit[0].startswith("data/checklists.yml:") and "checklists[" in fit[0]
    assert re.search(r"about \d+ lines? too long", fit[0]) and f"'{longest}' (" in fit[0], fit[0]
    # The checklist already has paper: {columns: 2, text: small}: not suggested again.
    assert "columns: 2" not in fit[0] and "text: small" not in fit[0], fit[0]


def test_a_rename_without_an_alias_says_how_to_keep_the_old_link(project, capsys):
    line = replace(project / "data" / "faq.yml", "  - id: faq-how-many\n", "  - id: faq-how-many-sets\n")
    report = check(project, capsys)
    assert len(report) == 1, report
    assert report[0].startswith(f"data/faq.yml:{line}:9 faqs[1].id: 'faq-how-many-sets' replaces 'faq-how-many'?")
    assert "`aliases: [faq-how-many]`" in report[0] and "`make update DROP=1`" in report[0]
    assert report[0].endswith("(the 2nd FAQ)")


def test_a_kept_alias_leaves_only_the_new_address_to_lock(project, capsys):
    replace(project / "data" / "faq.yml", "  - id: faq-how-many\n",
            "  - id: faq-how-many-sets\n    aliases: [faq-how-many]\n")
    report = check(project, capsys)
    assert len(report) == 1 and "'faq-how-many-sets' is new" in report[0] and "run `make update`" in report[0], report


def test_a_new_faq_says_run_make_links_lock(project, capsys):
    faq = project / "data" / "faq.yml"
    text = faq.read_text(encoding="utf-8")
    # Not CONTRIBUTING's example id: an editor following that recipe has already added it.
    count, new = len(yaml.safe_load(text)["faqs"]), "faq-test-only-question"
    faq.write_text(text + f"  - id: {new}\n    question: What if my knee hurts?\n"
                   "    answer:\n      - Stop the set and move your foot a little further out.\n", encoding="utf-8")
    report = check(project, capsys)
    assert len(report) == 1, report
    assert f"faqs[{count}].id: '{new}' is new: its address /faq/#{new} is not in data/links.lock" in report[0]
    assert "run `make update`" in report[0]


def test_an_address_whose_id_vanished_is_reported_on_its_manifest_line(project, capsys):
    lock = project / "data" / "links.lock"
    line = replace(lock, "/benefits/\n", "/benefits/\n/benefits/#gone-benefit\n") + 1
    report = check(project, capsys)
    assert report == [f"data/links.lock:{line}:1: /benefits/#gone-benefit: no record in data/ has the id "
                      "'gone-benefit' any more, so this link would break; if you renamed it, keep the old link "
                      "working with `aliases: [gone-benefit]` next to the new id; if you removed it on purpose, "
                      "run `make update DROP=1`"]


def test_an_over_indented_list_item_is_reported_at_its_line(project, capsys):
    mistakes = project / "data" / "mistakes.yml"
    text = mistakes.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["mistakes"][0]["solutions"][0].split()[0]
    # A second solution typed one level too deep: YAML glues it onto the first.
    old = "    solutions:\n      - >-\n        " + first
    assert text.count(old) == 1
    line = text[:text.index(old)].count("\n") + 3
    mistakes.write_text(text.replace(old, "    solutions:\n      - Brace your core\n"
                                          "        - Drive through your heel\n      - >-\n        " + first),
                        encoding="utf-8")
    report = check(project, capsys)
    assert len(report) == 1, report
    assert report[0].startswith(f"data/mistakes.yml:{line}:9 mistakes[0].solutions[0]: this '- ' line is "
                                "indented further than the list"), report


def test_positions_are_counted_as_a_writer_counts(project, capsys):
    mistakes = project / "data" / "mistakes.yml"
    ids = [m["id"] for m in yaml.safe_load(mistakes.read_text(encoding="utf-8"))["mistakes"]]
    assert len(ids) >= 4
    replace(mistakes, f"  - id: {ids[3]}\n    title:", f"  - id: {ids[3]}\n    titel:")
    report = check(project, capsys)
    assert len(report) == 1, report  # the misspelt key only, not also "required field 'title' is missing"
    assert "mistakes[3].titel: unknown field 'titel'; did you mean 'title'? (the 4th mistake)" in report[0]


# --- workflows ---------------------------------------------------------------------------
WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_every_pull_request_is_checked_tested_and_previewed():
    flow = _workflow("pull-request.yml")
    assert "pull_request" in flow["on"]
    jobs = flow["jobs"]
    assert any("make check-data" in _runs(job) and "GITHUB_STEP_SUMMARY" in _runs(job) for job in jobs.values())
    assert any(re.search(r"^make test$", _runs(job), re.MULTILINE) for job in jobs.values())
    uploads = [step for job in jobs.values() for step in job["steps"]
               if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "site"


def test_the_site_is_published_only_after_the_tests_pass():
    jobs = _workflow("pages.yml")["jobs"]
    tests = [name for name, job in jobs.items() if re.search(r"^make test$", _runs(job), re.MULTILINE)]
    assert tests, "pages.yml runs no `make test`"
    needs = jobs["deploy"]["needs"]
    needs = [needs] if isinstance(needs, str) else needs

    def upstream(name: str) -> set[str]:
        direct = jobs[name].get("needs", [])
        direct = [direct] if isinstance(direct, str) else direct
        return set(direct).union(*(upstream(n) for n in direct)) if direct else set()

    assert set(tests) & upstream("deploy"), f"deploy needs {needs}, not the tests {tests}"


def test_the_editors_guide_is_linked_and_names_the_extension():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.md)" in readme
    assert "redhat.vscode-yaml" in guide and "make update DROP=1" in guide
    assert "--drop-missing" not in readme + guide
    assert (ROOT / ".github" / "pull_request_template.md").is_file()


# --- the README's serve address ----------------------------------------------------------
def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_readmes_serve_address_answers_with_the_home_page_and_a_subpage(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"make serve .*?http://127\.0\.0\.1:8000(/\S*/)", readme)
    assert match, "the README gives no serve address"
    if shutil.which("make") is None:
        pytest.fail("make is missing")
    port = free_port()
    base = f"http://127.0.0.1:{port}{match.group(1)}"
    # -o: the virtualenv counts as set up (it is, for the tests to run); nothing is installed.
    server = subprocess.Popen(["make", "-o", ".venv/.installed", "serve", f"ADDR=127.0.0.1:{port}"], cwd=ROOT,
                              env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        for _ in range(600):  # until the first build is served (not a timing assertion)
            try:
                if _get(base) == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, "make serve stopped"
            time.sleep(0.5)
        assert _get(base) == 200
        assert _get(base + "mistakes/") == 200
    finally:
        import os
        import signal
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_fault_finder_one_mistake_too_long_names_the_column_the_items_and_the_cheapest_fix(project, capsys):
    """Short mistakes added to a two-column fault finder until it overflows: the message names
    the column that overflows, the items in each column with their own lengths, and a fix an
    editor can act on; taking the first fix it gives makes the data valid (but for the new ids'
    bookkeeping)."""
    _id, items, _advice = overflow_fault_finder(project / "data")
    fit = [line for line in check(project, capsys) if "no longer fits" in line]
    assert len(fit) == 1, fit
    message = fit[0]
    assert re.search(r"its (1st|2nd) column is about \d+ lines? too long", message), message
    for item in items:
        assert re.search(rf"'{item}' \(\d+(st|nd|rd|th) item\) \d+ lines?", message), (item, message)
    assert re.search(r"column 1: .* = \d+ of \d+ lines; column 2: .* = \d+ of \d+ lines", message), message
    assert "the cheapest fix: " in message
    move = re.search(r"move '([a-z0-9-]+)' to be the (\d+)\w\w item", message)
    fewer = re.search(r"without '([a-z0-9-]+)' it fits", message)
    assert move or fewer, message
    if move:
        rest = [i for i in items if i != move.group(1)]
        at = int(move.group(2)) - 1
        order = rest[:at] + [move.group(1)] + rest[at:]
    else:
        order = [i for i in items if i != fewer.group(1)]
    write_fault_finder(project / "data", order)
    assert not [line for line in check(project, capsys) if "no longer fits" in line]


def _make_project(tmp_path):
    """A copy make can run in: the project, its Makefile and requirements (times kept, so
    make sees the linked environment as installed and installs nothing)."""
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    return project


def test_make_check_data_fails_with_its_report_and_no_make_noise(tmp_path):
    project = _make_project(tmp_path)
    replace(project / "data" / "faq.yml", "title: FAQs\n", "titel: FAQs\n")
    result = subprocess.run(["make", "--no-print-directory", "check-data"], cwd=project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "unknown field 'titel'; did you mean 'title'?" in result.stderr
    assert "make:" not in result.stderr and "Error 1" not in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith("the site was not built."), result.stderr


def test_make_serve_on_a_busy_port_says_what_to_do(tmp_path):
    project = _make_project(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        addr = f"127.0.0.1:{busy.getsockname()[1]}"
        result = subprocess.run(["make", "--no-print-directory", "serve", f"ADDR={addr}"], cwd=project,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert f"{addr} is already in use" in result.stderr and "make serve ADDR=127.0.0.1:8001" in result.stderr
    assert "Traceback" not in result.stderr and "make:" not in result.stderr, result.stderr
