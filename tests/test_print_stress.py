"""Checklists that grow: with every item 50% longer, each checklist still prints on one
page, or the build says clearly which checklist no longer fits."""

from __future__ import annotations

import pytest
import yaml

from macros.components import CHECKLIST_KINDS
from macros.model import records_by_id
from macros.validation import load_guide
from printing import FORMATS, pdf_pages_text, print_pdf
from support import build_site, copy_project, serve_directory

WARNING = "no longer fits on one printed page"


def longer(text: str, factor: float = 1.5) -> str:
    """`text` made `factor` times as long by repeating its own words."""
    words, extra = text.split(), []
    while len(" ".join(extra)) < (factor - 1) * len(text):
        extra.append(words[len(extra) % len(words)])
    return text + " " + " ".join(extra)


def lengthen_checklist_items(data_dir, factor: float = 1.5) -> None:
    """Make the words of every record a checklist lists `factor` times as long, in place."""
    guide = load_guide(data_dir)
    listed = {item for c in guide.checklists.checklists for item in c.items}
    fields = ("text", "title", "name", "exercise", "solutions", "problem")

    def grow(node):
        if isinstance(node, dict):
            if node.get("id") in listed:
                for key in fields:
                    if isinstance(node.get(key), str):
                        node[key] = longer(node[key], factor)
                    elif isinstance(node.get(key), list):
                        node[key] = [longer(p, factor) if isinstance(p, str)
                                     else {**p, "text": longer(p["text"], factor)} for p in node[key]]
            for value in node.values():
                grow(value)
        elif isinstance(node, list):
            for value in node:
                grow(value)

    for path in data_dir.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        grow(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_longer_text_is_half_as_long_again():
    assert longer("abc def").startswith("abc def ")
    assert len(longer("one two three four five six")) >= 1.5 * len("one two three four five six")


def test_a_checklist_far_too_long_is_estimated_not_to_fit(guide, tmp_path):
    copy_project(tmp_path)
    lengthen_checklist_items(tmp_path / "data", factor=3)
    guide = load_guide(tmp_path / "data")
    checklist = next(c for c in guide.checklists.checklists if c.id == "checklist-fault-finder")
    fit = CHECKLIST_KINDS[checklist.kind].print_fit(guide, checklist)
    assert not fit.fits and fit.share > 1.5


@pytest.mark.browser
def test_checklists_half_as_long_again_fit_one_page_or_the_build_warns(browser, tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    lengthen_checklist_items(project / "data")
    guide = load_guide(project / "data")
    records = records_by_id(guide)
    assert any(len(records[i].text) > 60 for i in guide.checklists.checklists[0].items), "not lengthened"

    result = build_site(project, tmp_path / "site")
    warned = {c.id for c in guide.checklists.checklists if f"Checklist '{c.id}' {WARNING}" in result.stderr}
    if warned:
        # A warning fails `mkdocs build --strict`, so an editor cannot miss it.
        assert result.returncode != 0, result.stderr
    else:
        assert result.returncode == 0, result.stderr
    # Strict mode stops only after writing the pages, so every checklist can be printed.
    with serve_directory(tmp_path / "site") as url:
        page = browser.new_page()
        for checklist in guide.checklists.checklists:
            response = page.goto(url + "checklists/" + checklist.page.removesuffix(".md") + "/")
            assert response.ok and page.locator(f"h1#{checklist.id}").count() == 1
            for paper in FORMATS:
                count = len(pdf_pages_text(print_pdf(page, tmp_path / f"{checklist.id}-{paper}.pdf", paper)))
                if checklist.id not in warned:
                    assert count == 1, f"{checklist.id} needs {count} {paper} pages and the build gave no warning"
        page.close()
