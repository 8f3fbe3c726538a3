"""Each table body cell carries its column's header as `data-label` (a post-build step,
macros/postbuild/table_labels.py), so a phone's stacked table names every value; under
every engine's build (the browser check of the stacked layout is tests/test_gym_phone.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from macros.postbuild.table_labels import label_cells


def test_cells_get_their_column_headers_an_empty_one_a_dash_and_nothing_else_changes():
    html = ('<p>x</p>\n<table>\n<thead>\n<tr><th>Goal</th><th style="text-align: left">Reps <em>per</em>\n leg</th>'
            '<th>A &amp; "B"</th></tr>\n</thead>\n<tbody>\n<tr><td>one</td><td style="x">two</td><td>3</td></tr>\n'
            '<tr><td data-label="kept">k</td><td></td></tr>\n</tbody>\n</table>\n')
    out = label_cells(html)
    assert out == html.replace("<td>one", '<td data-label="Goal">one').replace(
        '<td style="x">', '<td style="x" data-label="Reps per leg">').replace(
        "<td>3", '<td data-label="A &amp; &quot;B&quot;">3').replace(
        "<td></td>", '<td data-empty="">—</td>')


def test_a_table_without_a_header_and_a_page_without_tables_are_left_alone():
    for html in ("<table><tbody><tr><td>a</td></tr></tbody></table>", "<p>no table</p>"):
        assert label_cells(html) == html


def test_nested_tables_label_by_their_own_headers():
    html = ("<table><thead><tr><th>Outer</th></tr></thead><tbody><tr><td>"
            "<table><thead><tr><th>Inner</th></tr></thead><tbody><tr><td>i</td></tr></tbody></table>"
            "</td></tr></tbody></table>")
    soup = BeautifulSoup(label_cells(html), "html.parser")
    assert [td["data-label"] for td in soup.find_all("td")] == ["Outer", "Inner"]


def test_every_body_cell_of_every_engines_site_names_its_column(engine_site):
    tables = 0
    for page in sorted(engine_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table"):
            head = table.select_one("thead tr")
            if head is None:
                continue
            tables += 1
            labels = [" ".join(th.get_text().split()) for th in head.find_all("th")]
            for row in table.select("tbody > tr"):
                for label, cell in zip(labels, row.find_all("td", recursive=False)):
                    if cell.has_attr("data-empty"):
                        assert cell.get_text() == "—" and not cell.has_attr("data-label"), page
                    elif label:
                        assert cell.get("data-label") == label, (page.relative_to(engine_site), label)
    assert tables >= 5, "no tables were checked"
