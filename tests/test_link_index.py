"""The published link index (links.json): the manifest, plus the old addresses (aliases,
redirects) that land on each entry, generated from the data; every address in it lands."""

from __future__ import annotations

import pytest

import json

from macros.links.index import FILE, dumps, kind_of, link_index
from macros.cli.check_links import from_repository
from macros.links.built import broken_links, broken_report
from macros.site.manifest import read_manifest
from macros.data.model import Guide, Linkable, walk
from macros.validate.load import site_pages
from support import DATA, ROOT, copy_project, load_config
from test_links_renames import rename, renamed_units
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)


def addresses_and_old(index: dict) -> tuple[set[str], set[str]]:
    current = {entry["address"] for entry in index["addresses"]}
    old = {address for entry in index["addresses"] for address in entry["old"]}
    return current, old


def test_links_json_is_the_repository_s_index(built_site):
    """The build writes what the data, manifest and redirects give, byte for byte."""
    built = (built_site / FILE).read_text(encoding="utf-8")
    assert built == dumps(from_repository(ROOT))
    assert json.loads(built)["site_url"] == load_config()["site_url"]


def test_links_json_is_the_manifest_plus_aliases_and_redirects(built_site, guide):
    index = json.loads((built_site / FILE).read_text(encoding="utf-8"))
    current, old = addresses_and_old(index)
    manifest = set(read_manifest(DATA))
    aliases = {f"{entry['address'].partition('#')[0]}#{alias}"
               for entry in index["addresses"] if "#" in entry["address"]
               for record in [_record(guide, entry["address"].partition("#")[2])] if record
               for alias in record.aliases}
    assert manifest <= current | old, f"manifest addresses missing: {sorted(manifest - current - old)}"
    assert current | old == manifest | aliases, (
        f"not from the manifest or the aliases: {sorted((current | old) - manifest - aliases)}")
    assert not current & old, "an address is both current and old"


def test_every_address_in_links_json_lands(built_site):
    current, old = addresses_and_old(json.loads((built_site / FILE).read_text(encoding="utf-8")))
    assert len(current) > 80
    broken = broken_links(built_site, sorted(current | old))
    assert not broken, "links.json offers addresses that do not land:\n" + broken_report(broken)


def test_each_entry_says_what_it_is(built_site, guide):
    index = json.loads((built_site / FILE).read_text(encoding="utf-8"))
    by_address = {entry["address"]: entry for entry in index["addresses"]}
    mistake = guide.mistakes.mistakes[0]
    entry = by_address[f"/mistakes/#{mistake.id}"]
    assert (entry["kind"], entry["title"], entry["page"]) == ("mistake", mistake.title, "/mistakes/")
    assert entry["page_title"] == guide.guide.pages["mistakes.md"].title
    assert entry["url"] == load_config()["site_url"] + f"mistakes/#{mistake.id}"
    cue = guide.technique.steps[0].cues[0]
    assert (by_address[f"/technique/#{cue.id}"]["kind"], by_address[f"/technique/#{cue.id}"]["title"]) == (
        "cue", cue.text)
    assert by_address["/technique/"]["kind"] == "page"
    assert by_address["/#in-this-guide"] == {**by_address["/#in-this-guide"], "kind": "heading",
                                             "title": "In this guide"}


def test_every_kind_of_record_has_a_plain_kind(guide):
    kinds = {type(record): kind_of(record) for key in type(guide).model_fields
             for _path, record, _owner in walk(getattr(guide, key)) if isinstance(record, Linkable)}
    assert len(kinds) > 15
    assert all(kind and kind == kind.lower() and "_" not in kind for kind in kinds.values()), kinds
    assert {kinds[type(guide.technique.safety.tips[0])], kinds[type(guide.checklists.checklists[0])]} == {
        "safety tip", "checklist"}


def _record(guide: Guide, anchor: str):
    for key in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, key)):
            if isinstance(record, Linkable) and record.id == anchor:
                return record
    return None


def test_a_renamed_id_s_old_address_maps_to_the_new_one(tmp_path, guide):
    """Renamed in a copy of the data (old id kept as an alias), before `make links-lock`:
    the manifest's old address is listed as old under the new one."""
    project = copy_project(tmp_path / "project")
    file_key, old = renamed_units(guide)["card heading"]
    new = rename(project, file_key, old, keep_alias=True)
    index = from_repository(project)
    by_address = {entry["address"]: entry for entry in index["addresses"]}
    assert f"/mistakes/#{old}" not in by_address
    assert by_address[f"/mistakes/#{new}"]["old"] == [f"/mistakes/#{old}"]
    assert by_address[f"/mistakes/#{new}"]["title"] == guide.mistakes.mistakes[1].title


def test_a_moved_page_s_old_addresses_map_to_the_new_page(guide):
    docs = {("questions.md" if page == "faq.md" else page): text for page, text in site_pages(ROOT / "docs").items()}
    index = link_index(guide, read_manifest(DATA), docs, {"faq.md": "questions.md"}, "https://example.net/guide")
    by_address = {entry["address"]: entry for entry in index["addresses"]}
    faq = guide.faq.faqs[0].id
    assert by_address["/questions/"]["old"] == ["/faq/"]
    assert by_address[f"/questions/#{faq}"]["old"] == [f"/faq/#{faq}"]
    assert by_address[f"/questions/#{faq}"]["url"] == f"https://example.net/guide/questions/#{faq}"
    assert not [a for a in by_address if a.startswith("/faq/")]
