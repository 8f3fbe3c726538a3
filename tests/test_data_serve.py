"""`mkdocs serve` while editing: bad data is reported (file:line) without stopping the
server, and fixing it - or editing a template, a core module or the theme's CSS - shows
on the served site without a restart."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

from support import BUILD_ENV, build_site, copy_project, free_port, site_base_path

# Rebuilds on a loaded CI machine can take many seconds; this is a ceiling, not a measure.
PATIENCE = 240


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(what: str, check) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting for {what}")


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _serve(project, tmp_path) -> tuple[subprocess.Popen, str, object]:
    """`properdocs serve` on `project`: the process, the site's base URL, its log file."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{site_base_path(project).rstrip('/')}/"
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "properdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=BUILD_ENV)
    return server, base, log_path


def test_serve_reports_bad_data_recovers_and_picks_up_every_kind_of_edit(tmp_path):
    project = copy_project(tmp_path)
    server, base, log_path = _serve(project, tmp_path)
    try:
        faq_page = base + "faq/"
        _wait_for("the first build", lambda: "Can I do single leg hip thrust every leg day?" in _get(faq_page))

        # A misspelt key: the server logs the report and keeps running.
        faq = project / "data" / "faq.yml"
        original = faq.read_text(encoding="utf-8")
        line = original[:original.index("    question: Can I do")].count("\n") + 1
        time.sleep(1)  # let the watcher settle after the first build
        _replace(faq, "    question: Can I do", "    questoin: Can I do")
        report = f"data/faq.yml:{line}:5 faqs[0].questoin: unknown field 'questoin'; did you mean 'question'?"
        _wait_for("the report in the server log", lambda: report in log_path.read_text())
        assert server.poll() is None, "the server stopped on bad data"

        # Fixed, with a new value: the page shows it.
        faq.write_text(original.replace("Can I do single leg hip thrust every leg day?",
                                        "Can I do single leg hip thrust every leg day? (served edit)"), encoding="utf-8")
        _wait_for("the fixed value on the page", lambda: "every leg day? (served edit)" in _get(faq_page))

        # A template in macros/render/templates.
        time.sleep(1)
        template = project / "macros" / "render" / "templates" / "faq.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\nTemplate edit marker 7341\n", encoding="utf-8")
        _wait_for("the template edit", lambda: "Template edit marker 7341" in _get(faq_page))

        # A core module: the renderer (mkdocs-macros keeps the package imported).
        time.sleep(1)
        core = project / "macros" / "render" / "renderer.py"
        core.write_text(core.read_text(encoding="utf-8") + (
            "\n\n_render = GuideRenderer.render\n"
            "GuideRenderer.render = lambda self, name, *args, **kwargs: _render(self, name, *args, **kwargs) + "
            "('\\nCore edit marker 5519\\n' if name == 'faq' else '')\n"
        ), encoding="utf-8")
        _wait_for("the core module edit", lambda: "Core edit marker 5519" in _get(faq_page))

        # The theme's CSS in overrides/.
        time.sleep(1)
        css = project / "overrides" / "assets" / "stylesheets" / "guide.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.css-edit-marker-8813 { color: red; }\n", encoding="utf-8")
        _wait_for("the CSS edit", lambda: ".css-edit-marker-8813{color:red}" in _get(base + "assets/stylesheets/guide.css"))
        assert "Traceback" not in log_path.read_text().split(report)[0], "a traceback before the report"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_started_on_invalid_data_keeps_serving_the_report_and_picks_up_the_fix(tmp_path):
    project = copy_project(tmp_path)
    faq = project / "data" / "faq.yml"
    original = faq.read_text(encoding="utf-8")
    # Hostile and invalid: markup in a question, which the report quotes.
    _replace(faq, "question: Can I do single leg hip thrust every leg day?",
             'question: "<script>alert(1)</script> every leg day?"')
    server, base, log_path = _serve(project, tmp_path)
    try:
        faq_page = base + "faq/"
        _wait_for("the report on the page", lambda: "The guide data is invalid" in _get(faq_page))
        page = _get(faq_page)
        assert "data/faq.yml:" in page and "markup is not allowed" in page
        # The report quotes the data as text: the payload is escaped, not live.
        assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
        assert server.poll() is None, "the server stopped on invalid data"
        time.sleep(1)
        faq.write_text(original, encoding="utf-8")
        _wait_for("the fixed page", lambda: "Can I do single leg hip thrust every leg day?" in _get(faq_page))
        assert "The guide data is invalid" not in _get(faq_page)
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_on_invalid_data_stops_with_the_report(tmp_path):
    project = copy_project(tmp_path / "project")
    faq = project / "data" / "faq.yml"
    _replace(faq, "    question: Can I do", "    questoin: Can I do")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "faqs[0].questoin: unknown field 'questoin'" in result.stderr and "Traceback" not in result.stderr


def test_a_new_id_not_yet_in_the_manifest_is_previewed_with_a_note_and_the_build_still_stops(tmp_path):
    """An editor adds an FAQ: before `make update`, `make serve` shows the page with the new FAQ
    and a note to run it (not the error box instead of the guide); `make build` stops."""
    project = copy_project(tmp_path / "project")
    faq = project / "data" / "faq.yml"
    new = "faq-served-before-update"
    faq.write_text(faq.read_text(encoding="utf-8") + f"  - id: {new}\n    question: Is this previewed at once?\n"
                   "    answer:\n      - Yes, before the bookkeeping.\n", encoding="utf-8")
    server, base, log_path = _serve(project, tmp_path)
    try:
        _wait_for("the served FAQ page", lambda: "Is this previewed at once?" in _get(base + "faq/"))
        page = _get(base + "faq/")
        assert f'id="{new}"' in page
        assert "The guide data is invalid" not in page
        assert "run <code>make update</code>" in page and f"&#39;{new}&#39; is new" in page, page[:3000]
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and f"'{new}' is new" in result.stderr
