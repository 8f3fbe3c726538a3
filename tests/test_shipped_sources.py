"""What we ship is read as we wrote it (issue 28): every stylesheet keeps every rule and
declaration once Chromium has parsed it, every script parses, and no merge-conflict marker
is left anywhere in the tree.

A merge once left two `=======` separators in guide.css: each glued itself to the next
selector, the browser dropped those rules (the At a glance grid, the figure rows) and every
other test stayed green."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rcssmin

import css_scan
from support import ROOT

STYLESHEETS = sorted((ROOT / "overrides").rglob("*.css"))
SCRIPTS = sorted([*(ROOT / "overrides").rglob("*.js"), *(ROOT / "macros").rglob("*.js")])
# Pages whose inline <style> elements differ (the print header carries the page's address;
# the 404 page is built from its own template).
PAGES = ("", "checklists/setup/", "404.html")

# Compare what the source declares with what the browser kept, rule by rule at each level
# of nesting. Returns one line per difference, naming the source line.
COMPARE = """([sheetIndex, source]) => {
  const sheet = document.styleSheets[sheetIndex];
  const problems = [];
  // Whitespace, quotes and how a number is written (.5em, 44.984375em) are the
  // browser's to serialise.
  const squash = (text) => (text || "").replace(/["'\\s]/g, "").toLowerCase()
    .replace(/\\d*\\.\\d+/g, (n) => (+n).toFixed(3));
  const walk = (want, got, where) => {
    const rules = [...got];
    for (let k = 0; k < Math.max(want.length, rules.length); k++) {
      const s = want[k], r = rules[k];
      if (!s) { problems.push(`${where}: the browser has a rule the source does not: ${r.cssText.slice(0, 80)}`); return; }
      if (!r) { problems.push(`line ${s.line}: \\`${s.prelude.slice(0, 70)}\\` dropped by the browser`); return; }
      let read = null, wanted = null;
      if (r instanceof CSSStyleRule) { read = r.selectorText; wanted = s.prelude; }
      else if (r instanceof CSSMediaRule) { read = r.media.mediaText; wanted = s.prelude.replace(/^@media/i, ""); }
      else if (r instanceof CSSSupportsRule) { read = r.conditionText; wanted = s.prelude.replace(/^@supports/i, ""); }
      else if (r instanceof CSSPageRule) { read = "@page" + r.selectorText; wanted = s.prelude; }
      else if (typeof CSSMarginRule !== "undefined" && r instanceof CSSMarginRule) { read = "@" + r.name; wanted = s.prelude; }
      else if (r instanceof CSSFontFaceRule) { read = "@font-face"; wanted = s.prelude; }
      else if (r instanceof CSSKeyframesRule) { read = "@keyframes " + r.name; wanted = s.prelude.replace(/\s+/g, " "); }
      else if (r instanceof CSSKeyframeRule) {
        read = r.keyText.replace(/\s+/g, "");
        wanted = s.prelude.replace(/\s+/g, "").replace(/\bfrom\b/g, "0%").replace(/\bto\b/g, "100%");
      }
      if (read === null) { problems.push(`line ${s.line}: \\`${s.prelude}\\` is a rule this test does not know (${r.constructor.name})`); return; }
      if (squash(read) !== squash(wanted)) {
        problems.push(`line ${s.line}: \\`${s.prelude.slice(0, 70)}\\` is not what the browser read there (\\`${read.slice(0, 70)}\\`): it dropped this rule`);
        return;
      }
      if (r.style) {
        for (const [name, value, line] of s.declarations) {
          if (!r.style.getPropertyValue(name)) problems.push(`line ${line}: \\`${name}: ${value.slice(0, 60)}\\` dropped by the browser`);
        }
      }
      walk(s.children, r.cssRules || [], `line ${s.line}`);
    }
  };
  walk(source, sheet.cssRules, "top");
  return problems;
}"""

SHEETS = """() => [...document.styleSheets].map((s, i) => ({
  index: i, href: s.href, text: s.ownerNode && s.ownerNode.tagName === "STYLE" ? s.ownerNode.textContent : null}))"""


# Each stylesheet as the build inlines it (macros/engine/adapter.py inline_stylesheet).
MINIFIED = {path: rcssmin.cssmin(path.read_text(encoding="utf-8")).strip() for path in STYLESHEETS}


def browser_problems(page, index: int, text: str) -> list[str]:
    return page.evaluate(COMPARE, [index, css_scan.as_json(css_scan.parse(text))])


# --- the scanner ---------------------------------------------------------------------
def test_the_scanner_reads_rules_declarations_and_what_a_browser_throws_away():
    rules = css_scan.parse('/* a } { */ .a { color: red; content: "}/*"; }\n@media print { .b, .c { margin: 0 } }\n'
                           "@page { margin: 1mm; @top-left { content: 'x;y' } }")
    assert [r.prelude for r in rules] == [".a", "@media print", "@page"]
    assert rules[0].declarations == [("color", "red", 1), ("content", '"}/*"', 1)]
    assert [c.prelude for c in rules[1].children] == [".b, .c"] and rules[1].children[0].line == 2
    assert rules[2].children[0].declarations == [("content", "'x;y'", 3)]
    assert css_scan.count(rules) == (5, 5)
    for broken in (".a { color: red", ".a { color: red } }", "/* never closed", '.a { content: "x }',
                   ".a { color red }", ".a { : red }", "stray text;"):
        with pytest.raises(css_scan.CSSError):
            css_scan.parse(broken)


def test_every_stylesheet_we_ship_scans():
    assert STYLESHEETS, "no stylesheets found under overrides/"
    for path in STYLESHEETS:
        rules = css_scan.parse(path.read_text(encoding="utf-8"))
        assert css_scan.count(rules)[0] > 5, f"{path}: almost no rules found"


# --- in the browser ------------------------------------------------------------------
@pytest.mark.browser
def test_a_dropped_rule_is_seen(browser):
    """The comparison finds what a merge separator does (the bug this file was written for)."""
    page = browser.new_page()
    broken = ".a { color: red }\n=======\n.b { display: grid; gap: 1em }\n.c { colr: blue; margin: 0 }\n"
    page.set_content(f"<style>{broken}</style>")
    problems = browser_problems(page, 0, broken)
    page.close()
    assert any(p.startswith("line 2:") and "dropped" in p for p in problems), problems
    page = browser.new_page()
    page.set_content("<style>.c { colr: blue; margin: 0 }</style>")
    assert browser_problems(page, 0, ".c { colr: blue; margin: 0 }") == ["line 1: `colr: blue` dropped by the browser"]
    page.close()


@pytest.mark.browser
def test_the_browser_keeps_every_rule_of_every_stylesheet_we_ship(browser, site_url, built_site):
    page = browser.new_page()
    seen: set[Path] = set()
    problems = []
    for rel in PAGES:
        page.goto(site_url + rel)
        for sheet in page.evaluate(SHEETS):
            inlined = [p for p in STYLESHEETS if sheet["text"] is not None and sheet["text"].strip() == MINIFIED[p]]
            if inlined:  # one of ours, inlined minified in the head: compared against its source
                seen.add(inlined[0])
                source, name = inlined[0].read_text(encoding="utf-8"), f"{inlined[0].relative_to(ROOT)} (inlined)"
            elif sheet["text"] is not None:  # inline, from our templates (or the theme's)
                source, name = sheet["text"], f"{rel or 'index'}: <style> #{sheet['index']}"
            else:
                ours = [p for p in STYLESHEETS if sheet["href"].endswith("/" + p.relative_to(ROOT / "overrides").as_posix())]
                if not ours or ours[0] in seen:
                    continue  # the theme's own stylesheet, or one of ours already compared
                seen.add(ours[0])
                source, name = ours[0].read_text(encoding="utf-8"), str(ours[0].relative_to(ROOT))
            problems += [f"{name}: {p}" for p in browser_problems(page, sheet["index"], source)]
    page.close()
    assert seen == set(STYLESHEETS), f"stylesheets in overrides/ that no page links or inlines: {set(STYLESHEETS) - seen}"
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_built_minified_stylesheets_keep_every_rule(browser, site_url, built_site):
    """The minifier (macros/assets.py) must not change what the browser keeps: the built
    file scans to as many rules and declarations as its source."""
    for path in STYLESHEETS:
        rel = path.relative_to(ROOT / "overrides")
        built = css_scan.parse((built_site / rel).read_text(encoding="utf-8"))
        assert css_scan.count(built) == css_scan.count(css_scan.parse(path.read_text(encoding="utf-8"))), rel


# --- scripts ---------------------------------------------------------------------------
def test_every_script_we_ship_parses(built_site):
    node = shutil.which("node")
    assert node, "node is needed to check the scripts (README: make setup)"
    assert len(SCRIPTS) >= 5, SCRIPTS
    built = sorted(p for p in built_site.rglob("*.js")
                   if any(p.name == s.name for s in SCRIPTS))
    assert {p.name for p in built} == {s.name for s in SCRIPTS}, "a script of ours is not in the built site"
    failed = []
    for path in [*SCRIPTS, *built]:
        result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
        if result.returncode:
            failed.append(f"{path}:\n{result.stderr.strip()}")
    assert not failed, "\n".join(failed)


def test_node_check_fails_on_a_broken_script(tmp_path):
    broken = tmp_path / "broken.js"
    broken.write_text("function f( {\n=======\n}\n")
    assert subprocess.run([shutil.which("node") or "node", "--check", str(broken)], capture_output=True).returncode


# --- merge-conflict markers ---------------------------------------------------------
MARKER = re.compile(r"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)( |$)", re.MULTILINE)
# Lock files are written by tools, and a marker line there is the tool's to fix.
SKIP = ("package-lock.json",)


def tracked_files() -> list[Path]:
    result = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True)
    return [ROOT / name for name in result.stdout.decode().split("\0") if name]


def markers_in(path: Path) -> list[int]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
        return []  # binary files (images, fonts) and deleted ones
    return [text.count("\n", 0, m.start()) + 1 for m in MARKER.finditer(text)]


def test_no_merge_conflict_marker_anywhere_in_the_tree():
    files = [p for p in tracked_files() if p.name not in SKIP]
    assert len(files) > 50, "git ls-files found almost nothing: is this a git checkout?"
    found = [f"{p.relative_to(ROOT)}:{line}" for p in files for line in markers_in(p)]
    assert not found, "merge-conflict markers left in: " + ", ".join(found)


def test_the_marker_check_finds_each_kind_of_marker(tmp_path):
    sample = tmp_path / "a.css"
    sample.write_text("a {}\n<<<<<<< HEAD\nb {}\n=======\nc {}\n>>>>>>> issue-1\n==== a heading rule ====\n")
    assert markers_in(sample) == [2, 4, 6]
