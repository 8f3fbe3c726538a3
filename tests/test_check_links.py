"""The checker for other material (`python -m macros check-links`): sample documents in
Markdown, HTML and text (tests/fixtures/links/) give exactly the expected report and exit
status, against the repository's data, a built or downloaded links.json, and an index in
which an id was renamed (its old address kept as an alias)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from macros.links import check
from macros.links.check import Index, find_links, link_address
from macros.cli.check_links import main
from macros.links.index import dumps
from macros.cli.check_links import from_repository
from support import ROOT, copy_project
from test_links_renames import rename

SAMPLES = ROOT / "tests" / "fixtures" / "links"
FILES = [str(SAMPLES / name) for name in ("programme.md", "club.html", "message.txt")]
GUIDE = "https://example.org/single-leg-hip-thrust/"

# What the samples hold that does not land, whatever the index.
BROKEN = [
    f"{FILES[0]}:4:28: broken link /single-leg-hip-thrust/mistakes/#wrong-foot-placment: unknown anchor "
    "#wrong-foot-placment on /mistakes/; did you mean /single-leg-hip-thrust/mistakes/#wrong-foot-placement?",
    f"{FILES[0]}:8:19: broken link {GUIDE}musles/#gluteus-maximus: unknown page /musles/; "
    f"did you mean {GUIDE}muscles/#gluteus-maximus?",
    f"{FILES[1]}:6:27: broken link {GUIDE}programming/?from=club&amp;week=1#progression-dumbell: unknown anchor "
    f"#progression-dumbell on /programming/; did you mean {GUIDE}programming/#progression-dumbbell?",
    f"{FILES[1]}:7:13: broken link {GUIDE}faqs/: unknown page /faqs/; did you mean {GUIDE}faq/?",
    f"{FILES[2]}:4:7: broken link {GUIDE}technique/#wrong-foot-placement: unknown anchor #wrong-foot-placement "
    f"on /technique/; did you mean {GUIDE}mistakes/#wrong-foot-placement?",
    f"{FILES[2]}:5:16: broken link {GUIDE}technique/#cue-heel-drive-hard: unknown anchor #cue-heel-drive-hard "
    f"on /technique/; did you mean {GUIDE}technique/#cue-heel-drive?",
]
# The samples' link to a mistake, once its id is renamed with the old one kept as an alias.
OLD = (f"{FILES[0]}:5:23: old link {GUIDE}mistakes/#overextending-lower-back: it lands, through an old "
       f"address; the current one is {GUIDE}mistakes/#overextending-lower-back-renamed")


@pytest.fixture(scope="module")
def renamed_index(tmp_path_factory, guide):
    """links.json of a copy of the project whose mistake id was renamed (alias kept)."""
    root = tmp_path_factory.mktemp("check-links")
    project = copy_project(root / "project")
    rename(project, "mistakes", "overextending-lower-back", keep_alias=True)
    path = root / "links.json"
    path.write_text(dumps(from_repository(project)), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    """The checker's exit status, report lines and summary. The samples are written for the
    guide at GUIDE, whatever site_url mkdocs.yml has, so that address is given."""
    status = main(["--site-url", GUIDE, *argv] if "--site-url" not in argv else list(argv))
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_samples_against_the_repository_data(capsys):
    status, lines, summary = run(capsys, *FILES)
    assert lines == BROKEN, "\n".join(lines)
    assert status == 1
    assert summary == f"14 links into {GUIDE}: 6 broken, 0 old\n", "links to other sites must be ignored"


def test_samples_against_an_index_with_a_renamed_id(capsys, renamed_index):
    status, lines, summary = run(capsys, "--index", str(renamed_index), *FILES)
    assert lines == sorted([*BROKEN, OLD], key=lambda line: (FILES.index(line.split(":", 1)[0]), line))
    assert status == 1
    assert summary == f"14 links into {GUIDE}: 6 broken, 1 old\n"


def test_old_links_alone_do_not_fail(capsys, renamed_index, tmp_path):
    document = tmp_path / "old.md"
    document.write_text(f"[back]({GUIDE}mistakes/#overextending-lower-back)\n[fine]({GUIDE}faq/)\n",
                        encoding="utf-8")
    status, lines, _ = run(capsys, "--index", str(renamed_index), str(document))
    assert status == 0 and len(lines) == 1 and ": old link " in lines[0], lines


def test_the_built_links_json_gives_the_same_report(built_site):
    """As an author would run it: a command, against the index the site publishes."""
    result = subprocess.run([sys.executable, "-m", "macros", "check-links", "--index", str(built_site),
                             "--site-url", GUIDE, *FILES],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines() == BROKEN, result.stderr
    assert result.returncode == 1


def test_a_document_whose_links_all_land_passes(capsys, tmp_path):
    document = tmp_path / "fine.txt"
    document.write_text(f"{GUIDE}\n{GUIDE[:-1]}\nhttp://example.org/single-leg-hip-thrust/faq\n"
                        "/single-leg-hip-thrust/technique/index.html#step-set-up\n", encoding="utf-8")
    assert run(capsys, str(document)) == (0, [], f"4 links into {GUIDE}: 0 broken, 0 old\n")


def test_another_site_url_is_followed(capsys, tmp_path):
    """A guide deployed elsewhere (site_url from the build's config) is checked at that address."""
    document = tmp_path / "moved.md"
    document.write_text(f"[a]({GUIDE}faqs/) [b](https://coach.example/hips/faqs/)\n", encoding="utf-8")
    status, lines, _ = run(capsys, "--site-url", "https://coach.example/hips/", str(document))
    assert lines == [f"{document}:1:{len(f'[a]({GUIDE}faqs/) [b](') + 1}: broken link https://coach.example/hips/faqs/: "
                     "unknown page /faqs/; did you mean https://coach.example/hips/faq/?"]
    assert status == 1


INDEX = Index(GUIDE, frozenset({"/", "/faq/", "/faq/#why"}), {})


@pytest.mark.parametrize("text, addresses", [
    (f"{GUIDE}faq", ["/faq/"]),
    (f"{GUIDE}faq/#why.", ["/faq/#why"]),
    ("HTTPS://EXAMPLE.ORG/single-leg-hip-thrust/faq/", ["/faq/"]),
    (f"({GUIDE}faq/?x=1#why)", ["/faq/#why"]),
    (f"{GUIDE}assets/images/previews/faq.png", [None]),
    ("see /single-leg-hip-thrust/faq/ and and/single-leg-hip-thrust/no", ["/faq/"]),
    ("https://example.org/single-leg-hip-thrust-2/faq/ https://example.org.evil/single-leg-hip-thrust/", []),
    ("https://example.org/Single-Leg-Hip-Thrust/faq/", []),
])
def test_links_into_the_guide_are_found_in_every_spelling(text, addresses):
    assert [link.address for link in find_links(text, INDEX)] == addresses


def test_html_links_are_read_unescaped_with_their_position():
    text = '<p>\n  <a href="/single-leg-hip-thrust/faq/?a=1&amp;b=2#wh&#121;">x</a>'
    [link] = find_links(text, INDEX, is_html=True)
    assert (link.line, link.column, link.address) == (2, 12, "/faq/#why")


def test_a_guide_at_the_root_of_its_host_matches_no_bare_paths():
    index = Index("https://example.org/", frozenset({"/"}), {})
    assert [link.address for link in find_links("and/or /faq/ https://example.org/faq", index)] == ["/faq/"]


def test_site_address_follows_directory_urls():
    assert [link_address(rest) for rest in ("", "/", "/faq", "/faq/index.html#x", "/a%20b/#c%2Dd")] == [
        "/", "/", "/faq/", "/faq/#x", "/a b/#c-d"]


# --- hostile input: whatever the checker is pointed at, it answers (exit 2, a message) ---
def _special(kind: str, tmp_path):
    target = tmp_path / f"input-{kind}"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "directory":
        target.mkdir()
    elif kind == "missing":
        pass
    elif kind == "oversized":
        with open(target, "wb") as handle:
            handle.truncate(check.MAX_FILE_BYTES + 1)
    return target


def _index_json(shape: str):
    good = {"site_url": "https://example.org/g/", "addresses": [{"address": "/", "old": []}]}
    return {"addresses-a-number": {**good, "addresses": 5}, "entries-strings": {**good, "addresses": ["/"]},
            "a-list": [good], "old-a-number": {**good, "addresses": [{"address": "/", "old": 3}]},
            "address-a-number": {**good, "addresses": [{"address": 7}]}, "no-site-url": {"addresses": []},
            "deep": None, "not-json": None}[shape]


KINDS = ("fifo", "dev-zero", "directory", "missing", "oversized")
SHAPES = ("addresses-a-number", "entries-strings", "a-list", "old-a-number", "address-a-number", "no-site-url",
          "deep", "not-json")


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check-links", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ("file", "index"))
def test_anything_unreadable_exits_2_with_a_message_within_seconds(kind, role, tmp_path):
    special = _special(kind, tmp_path)
    sample = tmp_path / "notes.md"
    sample.write_text("no links\n", encoding="utf-8")
    result = _run(special) if role == "file" else _run("--index", special, sample)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "cannot read" in result.stderr, result.stderr


@pytest.mark.parametrize("shape", SHAPES)
def test_a_downloaded_index_of_the_wrong_shape_exits_2_with_a_message(shape, tmp_path):
    index = tmp_path / "links.json"
    if shape == "deep":
        index.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif shape == "not-json":
        index.write_text("{not json", encoding="utf-8")
    else:
        index.write_text(json.dumps(_index_json(shape)), encoding="utf-8")
    sample = tmp_path / "notes.md"
    sample.write_text("no links\n", encoding="utf-8")
    result = _run("--index", index, sample)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "cannot read the link index" in result.stderr, result.stderr
