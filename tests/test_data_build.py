"""Real `mkdocs build` runs on tampered copies of the project: invalid data stops the
build with the one-line-per-problem report and no traceback (and so no page, with or
without injected markup, is written); valid edits reach the built pages."""

from __future__ import annotations

from support import build_site, copy_project


def _edit(project, file: str, old: str, new: str) -> int:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_invalid_data_stops_the_build_with_every_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    script = _edit(project, "mistakes.yml", "    title: Overusing Your Elbows",
                   "    title: Overusing <script>alert(1)</script> Your Elbows")
    handler = _edit(project, "muscles.yml", "    name: Hamstrings", '    name: Hamstrings <img src=x onerror="alert(1)">')
    unknown = _edit(project, "faq.yml", "    question: Can I do", "    questoin: Can I do")
    tab = _edit(project, "references.yml", "  - id: contreras-2015", "\t- id: contreras-2015")
    variation = _edit(project, "programming.yml", "variations: [banded]", "variations: [bandd]")
    site = tmp_path / "site"
    result = build_site(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    for expected in (
        f"data/mistakes.yml:{script}:12 mistakes[0].title: raw HTML or markup is not allowed",
        f"data/muscles.yml:{handler}:11 muscles[1].name: raw HTML or markup is not allowed",
        f"data/faq.yml:{unknown}:5 faqs[0].questoin: unknown field 'questoin'; did you mean 'question'?",
        f"data/references.yml:{tab}:1: YAML syntax error: a tab character",
        f"data/programming.yml:{variation}:20 progression.steps[",
    ):
        assert expected in output, f"{expected!r} not in:\n{output}"
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")] if site.exists() else []
    assert not any("alert(1)" in page for page in pages)


def test_valid_edits_reach_the_built_pages(tmp_path):
    project = copy_project(tmp_path)
    _edit(project, "mistakes.yml", "    title: Overusing Your Elbows", "    title: Overusing Your Elbows (edited)")
    # Words added, the source's sentence kept (a reworded one would need a `rewordings:` entry).
    _edit(project, "faq.yml", "Can I do single leg hip thrust every leg day?", "Can I do single leg hip thrust every leg day? (edited)")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert "Overusing Your Elbows (edited)" in (site / "mistakes" / "index.html").read_text(encoding="utf-8")
    assert "Can I do single leg hip thrust every leg day? (edited)" in (site / "faq" / "index.html").read_text(encoding="utf-8")
