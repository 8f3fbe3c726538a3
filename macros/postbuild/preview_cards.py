"""Link-preview pictures: one 1200×630 PNG per page (the size chat apps and social sites
show for `og:image` with `twitter:card=summary_large_image`), drawn at build time from
data: the guide's title, the page's title and description, and the page's address.

Why drawn here rather than by Material's social plugin: that plugin needs Cairo and
downloads its fonts, and the build must work offline. The font is shipped in
postbuild/fonts/ (DejaVu Sans from Debian's fonts-dejavu-core, Bitstream Vera licence:
free to copy and bundle, Latin, Greek and Cyrillic; see fonts/LICENSE). It has no CJK and
no emoji: validation refuses what it cannot draw in the texts a picture shows
(validate/preview_glyphs.py), so no picture shows an empty box. Text is laid out with Pillow's basic layout (no Raqm, which
not every machine has), so the same data gives the same bytes everywhere; the picture is
reduced to a small palette, which keeps each file well under the 60 KB budget.

`picture` is the seam for a page's main figure (the drawings, when a page has one): a
Pillow image drawn in the right-hand third, the text then wrapping in the rest. Engine-
independent: the post-build pipeline (pipeline.py) passes plain values and writes the files.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..data.model import Guide
from ..figures.raster import main_figures, raster_figure
from ..links.index import page_titles
from ..render.registry import page_table
from ..site.pages import Pages
from ..site.previews import FOLDER, HEIGHT, WIDTH
from ..site.urls import address_of

BUDGET = 60_000  # bytes per picture
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
# Material's indigo (the site's primary colour) on white; text colours as on the pages.
PAPER, ACCENT, INK, MUTED, RULE = (255, 255, 255), (64, 81, 181), (26, 28, 36), (80, 84, 96), (214, 217, 230)
# Letter edges are blends of each colour with the paper: the palette holds those blends
# (SHADES of each), so the reduced picture keeps the exact colours and smooth edges. The
# rule is a solid line: its colour alone (blends of so light a colour would sit so close
# to the paper that Pillow's nearest-colour lookup takes one for the paper itself).
SHADES = 12
# A picture (a figure) brings colours of its own: an adaptive palette of this many.
PICTURE_COLOURS = 128
MARGIN, STRIPE = 88, 20
TITLE_SIZES = (76, 68, 60, 52)  # largest first; the first that fits in TITLE_LINES lines
TITLE_LINES, DESCRIPTION_LINES = 3, 3
ELLIPSIS = "…"


@dataclass(frozen=True)
class Card:
    """What one page's picture shows, and where it is published."""

    page: str  # docs path: technique.md
    guide_title: str
    title: str
    description: str
    address: str  # shown at the foot: example.org/single-leg-hip-thrust/technique/
    figure: str = ""  # the page's main figure (figures.yml id), drawn beside the text
    figure_name: str = ""

    @property
    def path(self) -> str:
        """The picture's path in the built site."""
        return f"{FOLDER}/{image_name(self.page)}"

    @property
    def guide_line(self) -> str:
        """The guide's name above the title; none on a page titled with it (the home
        page), which would say it twice."""
        return "" if self.guide_title.casefold() == self.title.casefold() else self.guide_title

    @property
    def alt(self) -> str:
        """The picture's text alternative (og:image:alt): what it shows."""
        text = f"{self.title} – {self.guide_line}" if self.guide_line else self.title
        return f"{text}, with a drawing: {self.figure_name}" if self.figure else text


def image_name(page: str) -> str:
    """technique.md -> technique.png, index.md -> index.png, checklists/setup.md -> checklists-setup.png."""
    return (address_of(page).strip("/").replace("/", "-") or "index") + ".png"


def cards(guide: Guide, titles: Mapping[str, str], site_url: str, pages: Pages | None = None) -> list[Card]:
    """A card for every page with a description in guide.yml `pages:` (every page: the
    build checks that); `titles` are the pages' titles (links/index.py page_titles); `pages`
    the build's table of which page holds which record (made here when not given)."""
    base = site_url.split("://", 1)[-1].rstrip("/") + "/"
    figures = main_figures(guide.figures, (pages or page_table(guide)).of)
    return [Card(page, guide.guide.title, titles.get(page, page), preview.description, base + address_of(page),
                 *((figures[page].id, figures[page].name) if page in figures else ()))
            for page, preview in sorted(guide.guide.pages.items())]


def card_picture(card: Card, guide: Guide) -> Image.Image | None:
    """The card's figure as an image (figures/raster.py), or None for a typographic card."""
    if not card.figure:
        return None
    figure = next(f for f in guide.figures.figures if f.id == card.figure)
    return raster_figure(figure, guide.figures, ink=INK, muted=MUTED, paper=PAPER)


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int) -> tuple[list[str], bool]:
    """`text` in at most `max_lines` lines no wider than `width` (greedy, at spaces; a word
    too long for a line is split), and whether it had to be cut (the last line then ends
    in an ellipsis). Linear in the text: lines after the last one shown are not laid out
    (one more tells that it was cut), and a word is split by measuring prefixes of a
    doubling length, then halving, never the whole word once per line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if len(lines) > max_lines:
            break
        candidate = f"{current} {word}" if current else word
        if not _too_wide(candidate, font, width):
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(lines) <= max_lines and _too_wide(word, font, width):  # a word wider than a line: split it
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept, True


def _too_wide(text: str, font: ImageFont.FreeTypeFont, width: float) -> bool:
    """Whether `text` is wider than `width`, measuring prefixes of a doubling length: a
    prefix already too wide answers without measuring the rest of a long word."""
    size = 64
    while size < len(text):
        if font.getlength(text[:size]) > width:
            return True
        size *= 2
    return font.getlength(text) > width


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    """The length of the longest prefix of `word` (wider than `width`) that fits `width`, at
    least 1: each probe measures at most twice the answer, so the cost follows the line,
    not the word."""
    fits, over = 0, 1
    while over < len(word) and font.getlength(word[:over]) <= width:
        fits, over = over, over * 2
    over = min(over, len(word))
    while over - fits > 1:  # word[:fits] fits, word[:over] does not
        middle = (fits + over) // 2
        fits, over = (middle, over) if font.getlength(word[:middle]) <= width else (fits, middle)
    return max(1, fits)


TITLE_GAP, LEADING = 28, 48  # between title and description; description line height
BODY_SIZE = 34


def _text_block(card: Card, width: float, height: float) -> tuple[ImageFont.FreeTypeFont, list[str], list[str]]:
    """The title's font and lines and the description's lines: the largest title size at
    which the whole title and description fit `height`; else the smallest, with the title
    and then the description cut short (ending in an ellipsis) until they fit."""
    body = _font(REGULAR, BODY_SIZE)
    for size in TITLE_SIZES:
        font = _font(BOLD, size)
        lines, cut = wrap(card.title, font, width, TITLE_LINES)
        description, _ = wrap(card.description, body, width, DESCRIPTION_LINES)
        if not cut and _block_height(font, lines, description) <= height:
            return font, lines, description
    for keep in range(DESCRIPTION_LINES, 0, -1):
        description, _ = wrap(card.description, body, width, keep)
        if _block_height(font, lines, description) <= height:
            break
    return font, lines, description


def _block_height(font: ImageFont.FreeTypeFont, lines: list[str], description: list[str]) -> int:
    return _step(font) * len(lines) + TITLE_GAP + LEADING * len(description)


def _step(font: ImageFont.FreeTypeFont) -> int:
    return round(font.size * 1.2)


def draw(card: Card, picture: Image.Image | None = None) -> Image.Image:
    """The card as an RGB image (before the palette is reduced)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, STRIPE - 1, HEIGHT), fill=ACCENT)
    right = WIDTH - MARGIN
    if picture is not None:
        box = (WIDTH * 2 // 3, MARGIN, WIDTH - MARGIN // 2, HEIGHT - MARGIN)
        figure = picture.convert("RGB")
        figure.thumbnail((box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS)
        image.paste(figure, (box[0] + (box[2] - box[0] - figure.width) // 2,
                             box[1] + (box[3] - box[1] - figure.height) // 2))
        right = box[0] - MARGIN // 2
    width = right - MARGIN
    guide_font = _font(BOLD, 32)
    if card.guide_line:
        [guide_line], _ = wrap(card.guide_line, guide_font, width, 1)
        pen.text((MARGIN, 64), guide_line, font=guide_font, fill=ACCENT)
    foot = _font(REGULAR, 27)
    [address], _ = wrap(card.address, foot, width, 1)
    pen.line((MARGIN, HEIGHT - 100, right, HEIGHT - 100), fill=RULE, width=2)
    pen.text((MARGIN, HEIGHT - 78), address, font=foot, fill=MUTED)
    # The title and description, centred in the space between the guide's name and the rule.
    top, bottom = 64 + 32 + 24, HEIGHT - 100 - 16
    title_font, lines, description = _text_block(card, width, bottom - top)
    y = top + max(0, (bottom - top - _block_height(title_font, lines, description)) // 2)
    for line in lines:
        pen.text((MARGIN, y), line, font=title_font, fill=INK)
        y += _step(title_font)
    y += TITLE_GAP
    body = _font(REGULAR, BODY_SIZE)
    for line in description:
        pen.text((MARGIN, y), line, font=body, fill=MUTED)
        y += LEADING
    return image


def render(card: Card, picture: Image.Image | None = None) -> bytes:
    """The card as PNG bytes: palette-reduced, the same bytes for the same card."""
    return _render(card) if picture is None else _encode(draw(card, picture), picture=True)


@functools.lru_cache(maxsize=256)
def _render(card: Card) -> bytes:
    # Cached: `mkdocs serve` rebuilds after every save, and most cards are unchanged.
    return _encode(draw(card))


@functools.cache
def _palette() -> Image.Image:
    colours = [PAPER, RULE] + [tuple(round(p + (c - p) * k / SHADES) for p, c in zip(PAPER, colour))
                               for colour in (ACCENT, INK, MUTED) for k in range(1, SHADES + 1)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _encode(image: Image.Image, picture: bool = False) -> bytes:
    if picture:
        reduced = image.quantize(colors=PICTURE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    else:
        reduced = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    out = io.BytesIO()
    # zlib's default level: a tenth of the time of `optimize` for ~15% more bytes (about
    # 20 KB a picture, a third of the budget); every build and every serve rebuild pays it.
    reduced.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def write_cards(site_dir: Path | str, all_cards: list[Card],
                pictures: Mapping[str, Image.Image] | None = None) -> list[Path]:
    """Write every card's picture into the built site; return the files written.
    `pictures`: a page's main figure by its docs path, as a Pillow image (Pillow cannot
    read SVG: a drawn figure comes rasterised), for the pages that have one."""
    written = []
    for card in all_cards:
        path = Path(site_dir) / card.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(card, (pictures or {}).get(card.page)))
        written.append(path)
    return written


def page_cards(guide: Guide, docs_pages: Iterable[str], site_url: str | None) -> list[Card]:
    """Every page's card, as the build's pages name them (their og:image) and this step draws them."""
    return cards(guide, page_titles(guide, docs_pages), site_url or "", page_table(guide))


def write_page_cards(site_dir: Path | str, guide: Guide, docs_pages: Iterable[str], site_url: str | None) -> list[Path]:
    """Draw and write every page's card, with its main figure where it has one."""
    all_cards = page_cards(guide, docs_pages, site_url)
    return write_cards(site_dir, all_cards, {card.page: card_picture(card, guide) for card in all_cards if card.figure})
