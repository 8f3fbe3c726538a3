"""Checklists that grow: with every item 50% longer, each checklist still prints on one
page, or the build says clearly which checklist no longer fits."""

from __future__ import annotations

import os
import subprocess
import sys

import re

import pytest
import yaml

from macros.data.problems import DataError
from macros.data.model import records_by_id
from macros.validate.load import load_guide, site_pages
from printing import FORMATS, pdf_pages_text, print_pdf
from support import DATA, build_site, copy_project, serve_directory

WARNING = "no longer fits on one printed page"  # the report's words


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


def test_a_checklist_far_too_long_is_reported_at_its_items(tmp_path):
    copy_project(tmp_path)
    lengthen_checklist_items(tmp_path / "data", factor=3)
    with pytest.raises(DataError) as caught:
        load_guide(tmp_path / "data", site_pages(tmp_path / "docs"))
    text = (tmp_path / "data" / "checklists.yml").read_text(encoding="utf-8")
    # The checklist the longer words push furthest off its page.
    def share(p):
        return int(re.search(r"estimated at (\d+)%", p.message).group(1))

    problem = max((p for p in caught.value.problems if "no longer fits" in p.message), key=share)
    checklist_id = problem.message.split("checklist '")[1].split("'")[0]
    index = next(i for i, c in enumerate(yaml.safe_load(text)["checklists"]) if c["id"] == checklist_id)
    assert problem.field == f"checklists[{index}].items"
    assert problem.position.file == "data/checklists.yml" and problem.position.line > 1
    assert share(problem) > 150


def _drop_checklists(project, ids: set[str]) -> None:
    """Remove checklists from the data, with their pages, their previews and navigation entries."""
    path = project / "data" / "checklists.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pages = {f"checklists/{c['page']}" for c in data["checklists"] if c["id"] in ids}
    data["checklists"] = [c for c in data["checklists"] if c["id"] not in ids]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for page in pages:
        (project / "docs" / page).unlink()
    # A figure shown with a dropped checklist is no longer shown there.
    figures_path = project / "data" / "figures.yml"
    figures = yaml.safe_load(figures_path.read_text(encoding="utf-8"))
    for figure in figures["figures"]:
        figure["at"] = [place for place in figure["at"] if place not in ids]
    figures_path.write_text(yaml.safe_dump(figures, allow_unicode=True, sort_keys=False), encoding="utf-8")
    guide_path = project / "data" / "guide.yml"
    guide = yaml.safe_load(guide_path.read_text(encoding="utf-8"))
    guide["pages"] = {page: preview for page, preview in guide["pages"].items() if page not in pages}
    guide_path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if line.strip().removeprefix("- ") not in pages), encoding="utf-8")


@pytest.mark.browser
def test_checklists_half_as_long_again_fit_one_page_or_both_checks_reject_them(browser, tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    lengthen_checklist_items(project / "data")
    check = subprocess.run([sys.executable, "-m", "macros", "check-data", "data"], cwd=project,
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(project)})
    too_long = {line for line in check.stderr.splitlines() if WARNING in line}
    result = build_site(project, tmp_path / "site")
    if too_long:
        # Both `make check-data` and the build say which checklist, where, in the same words.
        assert check.returncode == 1 and result.returncode != 0, result.stderr
        assert all(line in result.stderr for line in too_long), result.stderr
        ids = {line.split("checklist '")[1].split("'")[0] for line in too_long}
        _drop_checklists(project, ids)
        # Removed on purpose: built as `make update DROP=1` does, the manifest keeping their addresses.
        result = build_site(project, tmp_path / "site", updating_manifest=True)
    assert result.returncode == 0, result.stderr
    # The words were lengthened (whether or not their checklists still fit and stayed).
    original = load_guide(DATA)
    guide = load_guide(project / "data")
    before, after = records_by_id(original), records_by_id(guide)
    listed = [i for c in original.checklists.checklists if c.kind == "ticks" for i in c.items]
    assert listed and any(len(after[i].text) > len(before[i].text) for i in listed), "not lengthened"
    # Every checklist the estimate lets through really prints on one page.
    with serve_directory(tmp_path / "site") as url:
        page = browser.new_page()
        for checklist in guide.checklists.checklists:
            response = page.goto(url + "checklists/" + checklist.page.removesuffix(".md") + "/")
            assert response.ok and page.locator(f"h1#{checklist.id}").count() == 1
            for paper in FORMATS:
                count = len(pdf_pages_text(print_pdf(page, tmp_path / f"{checklist.id}-{paper}.pdf", paper)))
                assert count == 1, f"{checklist.id} needs {count} {paper} pages and neither check said so"
        page.close()
