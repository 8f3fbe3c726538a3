"""DEVELOPERS.md, where the link page's tool manuals moved (issue 28), stays true: its
links.json entry has the fields the built index gives, its checker example prints what the
checker prints (up to the addresses, which follow the data), and the commands it names run.
Its examples are illustrations: a valid edit of data/ never fails this file."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from bs4 import BeautifulSoup

from support import ROOT

DOC = ROOT / "DEVELOPERS.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def shape(line: str) -> str:
    """A checker line with its addresses and positions replaced: what stays is the wording."""
    line = re.sub(r"https?://[^\s;?]+(?:\?(?=\S))?", "URL", line)
    line = re.sub(r"#[\w-]+", "#ID", line)
    line = re.sub(r"/[\w./-]*/", "/PAGE/", line)
    return re.sub(r":\d+:\d+:", ":L:C:", line)


def test_the_links_json_entry_has_the_published_fields(built_site):
    (entry,) = blocks("json")
    shown = json.loads(entry)
    published = json.loads((built_site / "links.json").read_text(encoding="utf-8"))["addresses"]
    assert published and all(set(e) == set(shown) for e in published)
    for key, value in shown.items():
        assert type(value) is type(published[0][key]), key
    # Every field the doc lists under the example is a field of the entry.
    explained = DOC.read_text(encoding="utf-8").partition("```json")[2].partition("###")[0]
    listed = set(re.findall(r"`(\w+)`", explained.partition("\n```\n")[2]))
    assert set(shown) <= listed, f"fields the doc does not explain: {set(shown) - listed}"


def test_the_checker_example_prints_what_the_checker_prints(built_site, tmp_path, monkeypatch, capsys):
    from macros.cli.check_links import main

    document, report = blocks("text")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "programme.md").write_text(document, encoding="utf-8")
    status = main(["--index", str(built_site / "links.json"), "programme.md"])
    printed = capsys.readouterr().out.splitlines()
    shown = report.splitlines()
    assert status == (1 if any("broken link" in line for line in shown) else 0)
    assert [shape(line) for line in printed] == [shape(line) for line in shown]
    assert len(shown) == 2 and all(shape(line) != line for line in shown)


def test_the_commands_it_names_exist():
    text = DOC.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"make ([a-z-]+)", text)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"no make target {target}"
    commands = set(re.findall(r"python -m macros ([a-z-]+)", text))
    assert commands, "the doc names no `python -m macros` command"
    for command in commands:
        help_text = subprocess.run([sys.executable, "-m", "macros", command, "--help"], cwd=ROOT,
                                   capture_output=True, text=True).stdout
        assert help_text, f"python -m macros {command} does not run"
        # The options written right after the command, in its own paragraph.
        section = text.partition(f"python -m macros {command}")[2].partition("\n\n")[0]
        for option in set(re.findall(r"(--[a-z][\w-]+)", section)):
            assert option in help_text, f"python -m macros {command} has no {option}"


def test_the_link_page_points_here_and_holds_no_manual(built_site):
    soup = BeautifulSoup((built_site / "links" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article").get_text(" ")
    assert "DEVELOPERS.md" in article
    for manual in ("make check-links", "python -m", '"kind"', "page_title"):
        assert manual not in article, f"the reader's page still explains the tools: {manual}"
    assert not (ROOT / "docs" / DOC.name).exists()
