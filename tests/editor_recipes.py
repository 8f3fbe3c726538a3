"""A scripted editor (issue 32): apply every recipe of CONTRIBUTING.md to a copy of the
repository, the way an editor would (text edits to data/, then the bookkeeping command), check
that `make check-data` calls the result valid, then run the tests that read data/ on that copy.

A valid pull request must pass: a test that fails here assumes the shape of today's data.

    python tests/editor_recipes.py            # the recipes, then the data-dependent test files
    python tests/editor_recipes.py --keep     # keep the copy (its path is printed)
    python tests/editor_recipes.py --tests tests/test_editors.py tests/test_search.py

`make test-recipes` runs it; `.ci/run` calls it after `make test`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# The tests run on the edited copy: every test file whose expectations come from data/ and
# that runs without a browser, the valid-edit half of the mutation suite, and the browser
# tests that measure what these edits change (the printed checklists, search, a checklist
# on a phone). Left out, for time: the 5,388 invalid-data mutations (each expectation is
# computed from the mutated file's own node positions, whatever the data says) and the
# browser tests of layout and behaviour (axe, keyboard, phone, offline, reading...), which
# these edits do not touch and which take most of `make test`'s time.
DATA_TESTS = (
    "tests/test_at_a_glance.py", "tests/test_bench_generate.py", "tests/test_checklists.py",
    "tests/test_citations.py", "tests/test_corrections.py", "tests/test_data_build.py",
    "tests/test_data_errors.py", "tests/test_data_schema.py", "tests/test_data_serve.py",
    "tests/test_editors.py", "tests/test_figures.py", "tests/test_hostile_data.py",
    "tests/test_link_index.py", "tests/test_links_manifest.py", "tests/test_links_page.py",
    "tests/test_links_renames.py", "tests/test_rendering.py", "tests/test_site_complete.py",
    "tests/test_structured_data.py", "tests/test_structured_data_unit.py", "tests/test_whole_guide.py",
    "tests/test_data_mutations.py::test_valid_edit_still_renders_and_loses_no_text",
    "tests/test_print.py", "tests/test_search.py", "tests/test_checklists_screen.py",
)


class RecipeFailed(Exception):
    pass


def copy_repository(dest: Path) -> Path:
    """The files git knows or would add, as they stand in the work tree (uncommitted edits
    included), with the installed environments linked, not copied."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout
    for name in files.decode().split("\0"):
        if not name or not (ROOT / name).is_file():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    for env in (".venv", "node_modules", ".venv-zensical"):
        if (ROOT / env).exists():
            (dest / env).symlink_to((ROOT / env).resolve())
    return dest


class Editor:
    """Edits data/ in `project` as text, one recipe at a time."""

    def __init__(self, project: Path):
        self.project = project
        self.data = project / "data"
        self.log: list[str] = []

    def read(self, file: str) -> str:
        return (self.data / file).read_text(encoding="utf-8")

    def write(self, file: str, text: str) -> None:
        (self.data / file).write_text(text, encoding="utf-8")

    def parsed(self, file: str):
        return yaml.safe_load(self.read(file))

    def replace(self, file: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(file)
        if old not in text:
            raise RecipeFailed(f"data/{file}: cannot find {old!r} to edit")
        self.write(file, text.replace(old, new, count))

    def append(self, file: str, block: str) -> None:
        text = self.read(file)
        self.write(file, text.rstrip("\n") + "\n" + block.rstrip("\n") + "\n")

    def make(self, *target: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "--no-print-directory", *target], cwd=self.project, text=True,
                              capture_output=True)

    def check(self) -> str:
        result = self.make("check-data")
        return result.stdout + result.stderr if result.returncode else ""

    def must_pass(self, recipe: str) -> None:
        self.log.append(recipe)
        problems = self.check()
        if problems and ("make update" in problems or "links-lock" in problems):
            self.bookkeeping()
            problems = self.check()
        if problems:
            raise RecipeFailed(f"after '{recipe}', make check-data says:\n{problems}")

    def bookkeeping(self) -> None:
        result = self.make("update")
        if result.returncode:
            raise RecipeFailed(f"make update failed:\n{result.stdout}{result.stderr}")


def _folded(text: str, indent: int) -> str:
    """`text` as a `>-` block at `indent` spaces, lines of about 90 characters."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return ">-\n" + "".join(" " * indent + item + "\n" for item in lines)


def reword(editor: Editor) -> None:
    """Fix a typo or reword a sentence, then record the rewording where check-data asks."""
    text = editor.read("mistakes.yml")
    # A source sentence as the file folds it over lines; else the first " your " of the file.
    sentence = re.search(r"Imagine\s+trying\s+to\s+leave\s+a\s+heel", text)
    if sentence:
        editor.write("mistakes.yml", text[:sentence.start()] + "Imagine leaving a heel" + text[sentence.end():])
    else:
        editor.replace("mistakes.yml", " your ", " the ")
    problems = editor.check()
    # CONTRIBUTING: check-data names the source sentence and the line to add under rewordings:.
    added = re.findall(r"add under rewordings: in data/guide\.yml: `- (\{.*?\})`", problems)
    if problems and not added:
        raise RecipeFailed(f"after rewording, check-data gives no rewording to record:\n{problems}")
    for line in added:
        editor.add_rewording(line)
    editor.must_pass("reword a sentence")


def _add_rewording(self: Editor, entry: str) -> None:
    text = self.read("guide.yml")
    # As the first entry under `rewordings:` wherever the file has it; else a new key at the end.
    if "\nrewordings:\n" in text:
        text = text.replace("\nrewordings:\n", "\nrewordings:\n  - " + entry.strip() + "\n", 1)
    else:
        text = (text.rstrip("\n") + "\n# Source sentences reworded without a change of meaning (make check-data "
                "asks).\nrewordings:\n  - " + entry.strip() + "\n")
    self.write("guide.yml", text)


Editor.add_rewording = _add_rewording


def new_faq(editor: Editor) -> None:
    """CONTRIBUTING's own example, word for word."""
    editor.append("faq.yml", """\
  - id: faq-sore-knee          # new, unique, lowercase-with-hyphens; it becomes the link /faq/#faq-sore-knee
    question: What if my knee hurts?
    answer:
      - >-
        Stop the set, move your foot a little further out and try again with less load.
""")
    editor.must_pass("add an FAQ")


NEW_MISTAKE = "rushing-the-reps"


def new_mistake(editor: Editor) -> None:
    editor.append("mistakes.yml", f"""\
  - id: {NEW_MISTAKE}
    title: Rushing the Reps
    problem:
      - >-
        Dropping the hips fast and bouncing out of the bottom hands the work to momentum.
    solutions:
      - >-
        Lower under control and pause for a moment at the bottom before the next rep.
    fault:
      symptom: The reps bounce out of the bottom.
      check: Are you dropping the hips fast?
      fix: Lower under control; pause at the bottom.
""")
    _add_to_checklist(editor, "checklist-fault-finder", NEW_MISTAKE)
    problems = editor.check()
    if "no longer fits" in problems:
        # The fault finder was full: take the message's cheapest fix, as an editor would.
        move = re.search(r"move '([a-z0-9-]+)' to be the (\d+)\w\w item", problems)
        fewer = re.search(r"without '([a-z0-9-]+)' it fits", problems)
        denser = re.search(r"make its layout denser \(paper: (\{[^}]*\})\)", problems)
        if move:
            _move_in_checklist(editor, "checklist-fault-finder", move.group(1), int(move.group(2)) - 1)
        elif denser:
            # Every mistake stays on the sheet (a mistake's fault lines are printed only there).
            _set_paper(editor, "checklist-fault-finder", denser.group(1))
        elif fewer and fewer.group(1) != NEW_MISTAKE:
            _remove_from_checklist(editor, "checklist-fault-finder", fewer.group(1))
        else:
            raise RecipeFailed(f"the fit message gives no fix that keeps the new mistake:\n{problems}")
    editor.must_pass("add a mistake and put it on the fault finder")


def _set_paper(editor: Editor, checklist: str, paper: str) -> None:
    """The checklist's `paper:` line set to `paper` (a flow mapping, as the message gives it)."""
    text = editor.read("checklists.yml")
    start = text.index(f"id: {checklist}")
    end = text.find("\n  - id: ", start)
    end = len(text) if end < 0 else end
    block = re.sub(r"paper: \{[^}\n]*\}", lambda m: f"paper: {paper}", text[start:end], count=1)
    editor.write("checklists.yml", text[:start] + block + text[end:])


def _move_in_checklist(editor: Editor, checklist: str, item: str, position: int) -> None:
    items = next(c for c in editor.parsed("checklists.yml")["checklists"] if c["id"] == checklist)["items"]
    rest = [i for i in items if i != item]
    _set_items(editor, checklist, rest[:position] + [item] + rest[position:])


def _set_items(editor: Editor, checklist: str, items: list[str]) -> None:
    text = editor.read("checklists.yml")
    start = text.index(f"id: {checklist}")
    end = text.find("\n  - id: ", start)
    end = len(text) if end < 0 else end
    block = re.sub(r"items: \[.*\]|items:\n(?:      - .*\n)+", lambda m: f"items: [{', '.join(items)}]"
                   + ("\n" if m.group(0).endswith("\n") else ""), text[start:end], count=1)
    editor.write("checklists.yml", text[:start] + block + text[end:])


def _add_to_checklist(editor: Editor, checklist: str, item: str) -> None:
    items = next(c for c in editor.parsed("checklists.yml")["checklists"] if c["id"] == checklist)["items"]
    _set_items(editor, checklist, [*items, item])


def _remove_from_checklist(editor: Editor, checklist: str, item: str) -> None:
    items = next(c for c in editor.parsed("checklists.yml")["checklists"] if c["id"] == checklist)["items"]
    _set_items(editor, checklist, [i for i in items if i != item])


def rename(editor: Editor) -> None:
    """CONTRIBUTING's example when its id is still there, else the first mistake's id."""
    mistakes = editor.parsed("mistakes.yml")["mistakes"]
    ids = [m["id"] for m in mistakes]
    old = "overusing-elbows" if "overusing-elbows" in ids else ids[0]
    new = "elbows-take-over" if old == "overusing-elbows" else f"{old}-renamed"
    for path in sorted(editor.data.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        renamed = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
        if path.name == "mistakes.yml":
            renamed = renamed.replace(f"  - id: {new}\n", f"  - id: {new}\n    aliases: [{old}]\n", 1)
        path.write_text(renamed, encoding="utf-8")
    editor.must_pass(f"rename {old} to {new} with an alias")


def new_reference(editor: Editor) -> None:
    editor.append("references.yml", """\
  - id: schoenfeld-2010
    authors: [Schoenfeld BJ]
    title: Squatting Kinematics and Kinetics and Their Application to Exercise Performance
    journal: J Strength Cond Res
    year: 2010
    volume: "24"
    issue: "12"
    pages: 3497-3506
    doi: 10.1519/JSC.0b013e3181bac2d7
""")
    # CONTRIBUTING: turn the paragraph that relies on it into text plus citation; here the
    # first benefit paragraph without a citation (plain folded text, `- >-`).
    text = editor.read("benefits.yml")
    closing = re.search(r"\n(\s+)- >-\n", text)
    if not closing:
        raise RecipeFailed("data/benefits.yml: no paragraph without a citation to cite the new reference from")
    item = closing.group(1)
    body_start = closing.end()
    body_end = body_start
    lines = text[body_start:].split("\n")
    taken = []
    for line in lines:
        if line.startswith(item + "  ") and line.strip():
            taken.append(line)
        else:
            break
    body_end = body_start + sum(len(line) + 1 for line in taken)
    cited = (f"{item}- text: >-\n" + "".join(f"  {line}\n" for line in taken)
             + f"{item}  cites: [schoenfeld-2010]\n")
    editor.write("benefits.yml", text[:closing.end() - len(item) - 5] + cited + text[body_end:])
    editor.must_pass("add a reference and cite it")


def pose_change(editor: Editor) -> None:
    """Move the first figure's foot a little, within the reach check-data allows."""
    text = editor.read("figures.yml")
    foot = re.search(r"\n(\s+)foot: ([0-9.]+)\n", text[text.index("    pose:"):])
    new = f"{float(foot.group(2)) + 0.02:.2f}"
    start = text.index("    pose:")
    editor.write("figures.yml", text[:start] + text[start:].replace(foot.group(0), f"\n{foot.group(1)}foot: {new}\n", 1))
    editor.must_pass(f"change a figure's foot from {foot.group(2)} to {new}")


def fill_checklist(editor: Editor) -> None:
    """Grow the setup checklist's first cue one sentence at a time until check-data says the
    sheet no longer fits, then take the last sentence back: the checklist is as full as
    check-data allows."""
    checklist = next(c for c in editor.parsed("checklists.yml")["checklists"] if c["id"] == "checklist-setup")
    cue = checklist["items"][0]
    text = editor.read("technique.yml")
    line = re.search(rf"- id: {re.escape(cue)}\n(\s+)text: (.+)\n", text)
    if not line:
        raise RecipeFailed(f"data/technique.yml: no one-line `text:` under '{cue}' to grow")
    marker = f"{line.group(1)}text: {line.group(2)}\n"
    sentence = " Count two seconds down and one second up on every rep."
    added = 0
    while True:
        grown = marker[:-1] + sentence + "\n"
        editor.replace("technique.yml", marker, grown)
        marker = grown
        added += 1
        problems = editor.check()
        if problems:
            if "no longer fits" not in problems:
                raise RecipeFailed(f"growing the setup checklist, check-data says:\n{problems}")
            editor.replace("technique.yml", marker, marker[: -len(sentence) - 1] + "\n")
            break
        if added > 60:
            raise RecipeFailed("the setup checklist never stopped fitting: is the fit check on?")
    editor.must_pass(f"grow the setup checklist to its limit ({added - 1} sentences added)")


def search_word(editor: Editor) -> None:
    editor.append("search.yml", """\
  - words: [booty, butt]
    means: glutes
    at: [not-using-glutes]
""")
    editor.must_pass("teach search a reader's word")


RECIPES = (reword, new_faq, new_mistake, rename, new_reference, pose_change, fill_checklist, search_word)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the edited copy")
    parser.add_argument("--no-tests", action="store_true", help="apply the recipes only")
    parser.add_argument("--tests", nargs="*", default=list(DATA_TESTS), help="test files to run on the copy")
    args = parser.parse_args(argv)
    project = Path(tempfile.mkdtemp(prefix="editor-recipes-"))
    started = time.monotonic()
    try:
        copy_repository(project)
        editor = Editor(project)
        for recipe in RECIPES:
            recipe(editor)
            print(f"recipe: {editor.log[-1]}: make check-data says valid", flush=True)
        editor.bookkeeping()
        if args.no_tests:
            return 0
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        # In parallel as `make test` runs (pytest.ini), so the run fits CI's time with it.
        command = [str(project / ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:randomly", "--tb=short",
                   "-n", "2", "--dist", "worksteal", *args.tests]
        print("on the edited copy:", " ".join(command[1:]), flush=True)
        return subprocess.run(command, cwd=project, env=env).returncode
    except RecipeFailed as error:
        print(f"editor recipes: {error}", file=sys.stderr)
        return 1
    finally:
        print(f"editor recipes: {time.monotonic() - started:.0f} s; copy at {project}" if args.keep
              else f"editor recipes: {time.monotonic() - started:.0f} s", flush=True)
        if not args.keep:
            shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
