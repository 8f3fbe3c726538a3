"""Editors rename ids and titles and move pages; links already out there keep landing.

Each case edits a temporary copy of the project the way an editor would, builds it with
`mkdocs build --strict`, and checks the committed manifest (data/links.lock) against it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.links.built import broken_links, broken_report, offered_links
from macros.cli.links_lock import data_ids
from macros.site.manifest import read_manifest
from support import DATA, build_site, copy_project, serve_directory


def find_record(node, record_id: str) -> dict:
    """The mapping in a data file's tree whose `id` is `record_id`."""
    if isinstance(node, dict):
        if node.get("id") == record_id:
            return node
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = find_record(child, record_id)
        if found is not None:
            return found
    return None


def edit_record(project: Path, file_key: str, record_id: str, **changes) -> None:
    path = project / "data" / f"{file_key}.yml"
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = find_record(tree, record_id)
    assert record is not None, f"no record '{record_id}' in data/{file_key}.yml"
    record.update(changes)
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rename(project: Path, file_key: str, old: str, keep_alias: bool) -> str:
    """Rename an id as an editor would: the record, and every reference to it in data/."""
    new = f"{old}-renamed"
    edit_record(project, file_key, old, id=new, **({"aliases": [old]} if keep_alias else {}))
    for path in (project / "data").glob("*.yml"):
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(replace_references(tree, old, new), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return new


def replace_references(node, old: str, new: str):
    """`node` with every value equal to `old` (ids are unique, so these are references) made `new`;
    an `aliases:` list keeps the old id."""
    if isinstance(node, dict):
        return {key: value if key == "aliases" else replace_references(value, old, new)
                for key, value in node.items()}
    if isinstance(node, list):
        return [replace_references(item, old, new) for item in node]
    return new if node == old else node


def project_copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    return copy_project(dest)


def build(project: Path, site: Path) -> Path:
    """Build as `make links-lock` does: the copy's new addresses (renamed ids, a moved page)
    are not in its manifest, which these tests check against the built site instead."""
    result = build_site(project, site, updating_manifest=True)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


def renamed_units(guide) -> dict[str, tuple[str, str]]:
    """One unit of each kind of markup an id sits on: heading in a card, list item, table row."""
    return {
        "card heading": ("mistakes", guide.mistakes.mistakes[1].id),
        "list item": ("technique", guide.technique.steps[1].cues[0].id),
        "table row": ("programming", guide.programming.guidelines.goals[0].id),
    }


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory, guide):
    """Ids renamed with the old id kept as an alias, and titles reworded."""
    root = tmp_path_factory.mktemp("renamed")
    project = project_copy(root / "project")
    new_ids = {}
    for kind, (file_key, old) in renamed_units(guide).items():
        new_ids[old] = rename(project, file_key, old, keep_alias=True)
    for step in guide.technique.steps:
        edit_record(project, "technique", step.id, title=f"Reworded {step.title}")
    for muscle in guide.muscles.muscles:
        edit_record(project, "muscles", muscle.id, name=f"The {muscle.name}")
    return build(project, root / "site"), new_ids


def test_renamed_ids_with_aliases_keep_every_manifest_link(renamed_site):
    site, _new_ids = renamed_site
    broken = broken_links(site, read_manifest(DATA))
    assert not broken, "after renaming ids (old ids kept as aliases) these links broke:\n" + broken_report(broken)


def test_an_alias_sits_on_the_element_that_carries_the_new_id(renamed_site):
    site, new_ids = renamed_site
    for old, new in new_ids.items():
        for html in site.rglob("index.html"):
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            alias = soup.find(id=old)
            if alias is None:
                continue
            holder = alias.parent
            assert holder.get("id") == new or holder.find(id=new, recursive=False) is not None, (
                f"#{old} is not on the element of #{new} in {html.relative_to(site)}: {holder}")
            break
        else:
            pytest.fail(f"alias #{old} is on no page")


def test_rewording_titles_changes_no_address(renamed_site, built_site):
    site, new_ids = renamed_site
    known = data_ids()
    offered = offered_links(site, known | set(new_ids.values()))
    new_addresses = {a for a in offered if a.partition("#")[2] in set(new_ids.values())}
    assert offered - new_addresses == offered_links(built_site, known), (
        "rewording titles in data/ changed the site's addresses")


def test_renaming_an_id_without_an_alias_is_caught(tmp_path, guide):
    project = project_copy(tmp_path / "project")
    file_key, old = renamed_units(guide)["card heading"]
    new = rename(project, file_key, old, keep_alias=False)
    # The build (like `make check-data`) stops on it, saying how to keep the old link.
    stopped = build_site(project, tmp_path / "stopped")
    assert stopped.returncode != 0
    assert f"'{new}' replaces '{old}'?" in stopped.stderr and f"`aliases: [{old}]`" in stopped.stderr, stopped.stderr
    site = build(project, tmp_path / "site")
    broken = broken_links(site, read_manifest(DATA))
    assert len(broken) == 1 and f"#{old}" in next(iter(broken)), broken_report(broken)
    assert "aliases" in next(iter(broken.values())), "the message must say how to keep the link"


def move_page(project: Path, old: str, new: str, redirect: bool) -> None:
    """Move docs/<old> to docs/<new> and update every reference to it, as an editor would."""
    (project / "docs" / old).rename(project / "docs" / new)
    page = re.compile(rf"(?<![\w/.-]){re.escape(old)}(?![\w.])")
    files = [project / "mkdocs.yml", *project.glob("docs/**/*.md"), *project.glob("macros/**/*.py"),
             *project.glob("data/*.yml")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_text(page.sub(new, text), encoding="utf-8")
    if redirect:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "redirect_maps: {}" in text, "mkdocs.yml: expected `redirect_maps: {}` under the redirects plugin"
        config.write_text(text.replace("redirect_maps: {}", f"redirect_maps:\n        {old}: {new}"),
                          encoding="utf-8")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("moved")
    project = project_copy(root / "project")
    move_page(project, "faq.md", "questions.md", redirect=True)
    return build(project, root / "site")


def test_a_moved_page_with_a_redirect_keeps_every_manifest_link(moved_site):
    assert (moved_site / "questions" / "index.html").exists(), "the page did not move"
    broken = broken_links(moved_site, read_manifest(DATA))
    assert not broken, "after moving faq.md to questions.md with a redirect, these links broke:\n" + broken_report(broken)


@pytest.mark.browser
def test_an_old_link_lands_where_the_new_one_does(renamed_site, browser):
    site, new_ids = renamed_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    checked = 0
    with serve_directory(site) as url:
        for link in read_manifest(DATA):
            address, _, old = link.partition("#")
            if old not in new_ids:
                continue
            new = new_ids[old]
            plain = land(page, f"{url}{address.lstrip('/')}", new)
            canonical = land(page, f"{url}{address.lstrip('/')}#{new}", new)
            aliased = land(page, f"{url}{address.lstrip('/')}#{old}", new)
            assert canonical["y"] > 0, f"#{new} on {address} did not scroll at all"
            assert aliased["y"] == pytest.approx(canonical["y"], abs=2), (
                f"#{old} scrolls to {aliased['y']}px, #{new} to {canonical['y']}px on {address}")
            assert canonical["mark"] != plain["mark"], f"#{new} is not highlighted when landed on"
            assert aliased["mark"] == canonical["mark"], f"#{old} does not highlight the element of #{new}"
            checked += 1
    page.close()
    assert checked == len(new_ids), f"only {checked} of {len(new_ids)} old ids are in the manifest"


# How the element holding `id` looks: its own paint and that of the row or card it marks.
MARK = """id => {
  const el = document.getElementById(id);
  const parts = [el, el.closest('tr'), el.closest('.grid.cards > ul > li')].filter(Boolean);
  return parts.map(e => { const s = getComputedStyle(e); return s.backgroundColor + ' ' + s.boxShadow; });
}"""


def land(page, url: str, element_id: str) -> dict:
    """Open `url` fresh; return the scroll position and how the element with `element_id` looks."""
    page.goto("about:blank")
    page.goto(url)
    # Cards animate their shadow; cancel transitions to read the settled look.
    page.add_style_tag(content="*, *::before { transition: none !important; }")
    return {"y": page.evaluate("window.scrollY"), "mark": page.evaluate(MARK, element_id)}


@pytest.mark.browser
def test_an_old_page_address_redirects_with_its_anchor(moved_site, browser, guide):
    anchor = guide.faq.faqs[-1].id
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    with serve_directory(moved_site) as url:
        page.goto(f"{url}faq/#{anchor}")
        page.wait_for_url(f"{url}questions/#{anchor}")
        page.wait_for_load_state("load")
        top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        assert 0 < top < 800, f"after the redirect, #{anchor} is not in view (top {top})"
    page.close()
