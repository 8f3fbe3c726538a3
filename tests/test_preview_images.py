"""Link previews with a picture: every built page names its own 1200×630 PNG (og:image,
absolute under site_url, with its size and a text alternative), the picture exists, is
small, and is drawn from the data, the same bytes for the same data."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image

from macros.links.index import page_titles
from macros.links.built import built_pages
from macros.site.glyphs import drawable, undrawable
from macros.postbuild.preview_cards import BOLD, BUDGET, MARGIN, Card, _encode, _font, card_picture, cards, draw, render, wrap, write_cards
from macros.site.previews import HEIGHT, WIDTH
from macros.validate.load import load_guide, site_pages
from site_text import page_soups
from support import DATA, ROOT, load_config
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)


SITE_URL = load_config()["site_url"]


def data_cards(data_dir=DATA) -> dict[str, Card]:
    guide = load_guide(data_dir)
    return {card.page: card for card in cards(guide, page_titles(guide, site_pages(ROOT / "docs")), SITE_URL)}


@pytest.fixture(scope="module")
def heads(built_site) -> dict:
    pages = {address for address, page in built_pages(built_site).items() if page.redirect is None}
    heads = {"/" + path.removesuffix("index.html"): soup.head for path, soup in page_soups(built_site).items()}
    assert set(heads) == pages
    return heads


def meta(head, name: str) -> str | None:
    tag = head.select_one(f'meta[property="{name}"]') or head.select_one(f'meta[name="{name}"]')
    return tag["content"] if tag is not None else None


def test_every_page_names_a_picture_that_exists_at_its_declared_size(built_site, heads):
    sizes = {}
    for address, head in heads.items():
        url = meta(head, "og:image")
        assert url and url.startswith(SITE_URL), f"{address}: og:image {url!r} is not absolute under {SITE_URL}"
        path = built_site / url[len(SITE_URL):]
        assert path.is_file(), f"{address}: {url} is not in the build"
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG"
            assert image.size == (int(meta(head, "og:image:width")), int(meta(head, "og:image:height"))) == (
                WIDTH, HEIGHT), address
        assert len(data) < BUDGET, f"{address}: {len(data)} bytes, over the {BUDGET}-byte budget"
        assert meta(head, "og:image:type") == "image/png"
        assert meta(head, "twitter:card") == "summary_large_image", address
        sizes[address] = len(data)
    assert len(set(meta(head, "og:image") for head in heads.values())) == len(heads), "two pages share a picture"
    assert len(sizes) >= 18


def test_each_picture_is_drawn_from_its_page_s_data(built_site, heads, guide):
    by_page = data_cards()
    for page, card in by_page.items():
        address = "/" + page.removesuffix(".md").removesuffix("index")
        address = address if address.endswith("/") else address + "/"
        head = heads[address]
        expected = card.title if card.title == guide.guide.title else f"{card.title} – {guide.guide.title}"
        if card.figure:
            expected += f", with a drawing: {card.figure_name}"
        assert meta(head, "og:image:alt") == card.alt == expected
        built = built_site / urlsplit(meta(head, "og:image")).path.removeprefix(urlsplit(SITE_URL).path)
        assert built.read_bytes() == render(card, card_picture(card, guide)), f"{page}: the built picture is not the data's"
    assert by_page["technique.md"].title == guide.guide.pages["technique.md"].title
    assert by_page["checklists/setup.md"].title == next(c.title for c in guide.checklists.checklists
                                                        if c.page == "setup.md")


def test_the_same_data_gives_the_same_bytes():
    """Drawn again (not from the cache) and in another process: byte for byte the same."""
    card = data_cards()["mistakes.md"]
    other = subprocess.run(
        [sys.executable, "-c", "import sys, hashlib; sys.path.insert(0, 'tests'); "
         "from test_preview_images import data_cards; from macros.postbuild.preview_cards import render; "
         "print(hashlib.sha256(render(data_cards()['mistakes.md'])).hexdigest())"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert render(card) == _encode(draw(card))
    assert hashlib.sha256(render(card)).hexdigest() == other


def test_a_page_s_picture_changes_when_its_title_changes_in_the_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for path in DATA.iterdir():
        if path.is_file():
            (data / path.name).write_bytes(path.read_bytes())
    guide = yaml.safe_load((data / "guide.yml").read_text(encoding="utf-8"))
    guide["pages"]["technique.md"]["title"] = "Doing the single leg hip thrust"
    (data / "guide.yml").write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before, after = data_cards()["technique.md"], data_cards(data)["technique.md"]
    assert after.title == "Doing the single leg hip thrust"
    assert render(before) != render(after)
    assert render(data_cards()["faq.md"]) == render(data_cards(data)["faq.md"]), "another page's picture changed"


def test_long_text_is_cut_to_its_lines_with_an_ellipsis():
    font = _font(BOLD, 40)
    lines, cut = wrap("word " * 60 + "x" * 200, font, 500, 3)
    assert cut and len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 500 for line in lines)
    lines, cut = wrap("y" * 60, font, 500, 8)
    assert not cut and len(lines) > 1 and "".join(lines) == "y" * 60, "a word longer than a line is split, not lost"


def test_text_too_long_for_the_card_stays_above_its_foot():
    card = Card("x.md", "Guide " * 20, "Title " * 80, "Description " * 80, "example.org/" * 20)
    image = draw(card)
    # Between the last description line and the rule (y = HEIGHT - 100) the paper is blank.
    band = image.crop((100, HEIGHT - 114, WIDTH - 100, HEIGHT - 101))
    assert band.getcolors() == [(band.width * band.height, (255, 255, 255))], "text runs into the foot"
    assert len(render(card)) < BUDGET


def test_a_picture_is_drawn_beside_the_text():
    """The seam for a page's main figure: given one, the card shows it on the right."""
    card = data_cards()["technique.md"]
    figure = Image.new("RGB", (300, 300), (200, 40, 40))
    image = draw(card, figure)
    assert image.getpixel((WIDTH * 5 // 6, HEIGHT // 2)) == (200, 40, 40)
    assert draw(card).getpixel((WIDTH * 5 // 6, HEIGHT // 2)) == (255, 255, 255)
    with Image.open(io.BytesIO(render(card, figure))) as png:
        assert png.size == (WIDTH, HEIGHT)


def test_written_cards_take_a_page_s_picture(tmp_path):
    by_page = data_cards()
    figure = Image.new("RGB", (300, 300), (200, 40, 40))
    write_cards(tmp_path, list(by_page.values()), {"technique.md": figure})
    technique = (tmp_path / by_page["technique.md"].path).read_bytes()
    assert technique == render(by_page["technique.md"], figure) != render(by_page["technique.md"])
    assert (tmp_path / by_page["faq.md"].path).read_bytes() == render(by_page["faq.md"])


def test_the_home_card_names_the_guide_once():
    """Looked at: the home page's card said "Single Leg Hip Thrust" twice, as the guide's
    name and as the page's title. A page titled with the guide's name has no name above."""
    home = data_cards()["index.md"]
    assert home.title.casefold() == home.guide_title.casefold()
    assert (home.guide_line, home.alt) == ("", home.title)
    # Nothing drawn where the guide's name goes.
    band = draw(home).crop((MARGIN, 64, WIDTH - MARGIN, 64 + 32))
    assert band.getcolors() == [(band.width * band.height, (255, 255, 255))]
    assert data_cards()["faq.md"].guide_line == home.guide_title


def test_a_page_with_figures_shows_its_first_one_and_the_others_none(guide):
    by_page = data_cards()
    with_figure = {page: card.figure for page, card in by_page.items() if card.figure}
    # The first figure in figures.yml shown with one of the page's records.
    assert with_figure == {"technique.md": "setup", "checklists/setup.md": "setup",
                           "mistakes.md": guide.figures.figures[3].id, "variations.md": "dumbbell-top"}
    technique = by_page["technique.md"]
    picture = card_picture(technique, guide)
    # Drawn in the card's ink on its paper: dark strokes on white, nothing else.
    assert picture.getpixel((0, 0)) == (255, 255, 255)
    assert picture.convert("L").getextrema()[0] < 60
    assert render(technique, picture) == render(technique, card_picture(technique, guide)) != render(technique)
    assert len(render(technique, picture)) < BUDGET
    assert card_picture(by_page["faq.md"], guide) is None


def test_the_characters_a_picture_cannot_draw_are_known_from_its_fonts():

    assert undrawable("\u6f22\u5b57") == "\u6f22" and undrawable("Go \U0001f4aa") == "\U0001f4aa"
    assert undrawable("Hip thrust – “glutes”, café, Straße, Ελληνικά, кириллица …") is None
    # What the fonts map is what they draw: each drawable letter differs from the empty box.
    font = _font(BOLD, 40)
    box = bytes(font.getmask("\U0010fffd"))
    for ch in ("a", "é", "Ж", "–", "…"):
        assert ord(ch) in drawable() and bytes(font.getmask(ch)) != box
    assert bytes(font.getmask("\u6f22")) == box
