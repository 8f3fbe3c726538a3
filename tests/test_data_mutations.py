"""The mutation suite: every slip an editor can make in data/ is caught and located, and
every edit that keeps the data valid still renders, losing no text.

The cases are generated from the real data (see data_mutations.py); the session summary
prints how many ran, invalid and valid, by kind.
"""

from __future__ import annotations

import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from data_mutations import FILES, Mutation, all_mutations, applied, mutated_data, schema, write_data
from guide_pages import page_texts
from macros.data.problems import DataError, Problem
from macros.validate.load import load_guide, site_pages
from support import ROOT, string_leaves
from site_text import normalize

MUTATIONS = all_mutations()
INVALID = [m for m in MUTATIONS if not m.valid]
VALID = [m for m in MUTATIONS if m.valid]
# file:line:column, then the field path when there is one, then the message.
REPORT_LINE = re.compile(r"^(data/[a-z_]+\.yml|data/links\.lock|docs/[a-z0-9/-]+\.md):\d+:\d+( [^\s:]+)?: \S")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Text shown only where another field asks for it: deleting the asking field (optional)
# hides it on purpose. `short_goal` is the goals' wording in the FAQ that `shows` them.
SHOWN_ONLY_BY = {"shows": "short_goal"}
# Checked as the build checks it: guide.yml `pages:` must describe exactly these.
PAGES = site_pages(ROOT / "docs")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_data(tmp_path_factory.mktemp("mutations") / "data")


def _matches(problem: Problem, mutation: Mutation) -> bool:
    return any(
        problem.position.file == want.file and want.line in (None, problem.position.line)
        and want.column in (None, problem.position.column)
        and want.field in (None, problem.field)
        and all(word in problem.message for word in want.words)
        for want in mutation.accepted
    )


def test_the_suite_covers_every_kind_of_slip_the_issue_lists():
    kinds = {m.kind for m in MUTATIONS}
    assert kinds >= {"delete", "wrong-type", "rename", "duplicate-id", "dangling-ref", "tab", "bad-indent",
                     "unclosed-quote", "unclosed-bracket", "duplicate-key", "empty-file", "markup"}
    assert len(INVALID) > 500 and len(VALID) > 100, (len(INVALID), len(VALID))
    # Every file contributes, and so does every id and every cross-reference key.
    assert {m.file for m in MUTATIONS if m.kind == "delete"} == set(FILES)
    assert {m.file for m in MUTATIONS if m.kind == "dangling-ref"} >= {"muscles", "programming", "faq"}


@pytest.mark.parametrize("mutation", INVALID, ids=lambda m: m.id)
def test_invalid_data_is_reported_at_its_file_and_line(mutation, data_dir):
    with applied(data_dir, mutation):
        with pytest.raises(DataError) as caught:
            load_guide(data_dir, PAGES)
    error = caught.value
    lines = error.report().splitlines()
    assert lines[-1].startswith(f"{len(error.problems)} problem(s)"), error.report()
    malformed = [line for line in lines[:-1] if not REPORT_LINE.match(line)]
    assert not malformed, "report lines without file:line:column:\n" + "\n".join(malformed)
    assert any(_matches(p, mutation) for p in error.problems), (
        f"expected one of {mutation.accepted}\ngot:\n{error.report()}")
    if mutation.schema_sees_it:
        # The editor's inline check (the committed JSON Schema) flags it too.
        data = yaml.load(mutation.text, Loader=_LOADER)
        assert list(Draft202012Validator(schema(mutation.file)).iter_errors(data)), \
            "the JSON Schema accepts what the build rejects"

MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


@pytest.mark.parametrize("mutation", VALID, ids=lambda m: m.id)
def test_valid_edit_still_renders_and_loses_no_text(mutation, data_dir):
    with applied(data_dir, mutation):
        load_guide(data_dir, PAGES)
        site = normalize(" ".join(page_texts(data_dir.parent).values()))
    # A paragraph's linked words (`links`) reach the Markdown as [words](target).
    site = MARKDOWN_LINK.sub(r"\1", site)
    data = mutated_data(mutation)
    hidden = SHOWN_ONLY_BY.get(mutation.where.rsplit(".", 1)[-1]) if mutation.kind == "delete" else None
    missing = [f"data/{file}.yml {path}: {text[:60]!r}"
               for file, node in data.items() for path, text in string_leaves(node)
               if normalize(text) not in site and hidden not in path]
    assert not missing, "text lost from the pages:\n" + "\n".join(missing)
    assert not list(Draft202012Validator(schema(mutation.file)).iter_errors(data[mutation.file])), \
        "the JSON Schema rejects data the build accepts"
