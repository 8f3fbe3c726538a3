"""Printing pages to PDF in Chromium and reading the result back: text per page, pixels, QR codes."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from support import load_config

# Paper sizes the checklists must fit; Chromium takes these names. Margins come from
# print.css (@page), as they do when a reader prints with the browser's default margins.
FORMATS = ("A4", "Letter")


def site_url_setting() -> str:
    """`site_url` from mkdocs.yml: the base of every canonical URL and QR code."""
    return load_config()["site_url"]


def print_pdf(page, path: Path, paper: str) -> Path:
    """Print the loaded page to `path` as Chromium's print dialog would (CSS @page margins)."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format=paper, prefer_css_page_size=False)
    return path


def squash(text: str) -> str:
    """Text without whitespace: a PDF breaks lines and spaces words where HTML did not."""
    return re.sub(r"\s+", "", text)


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page, whitespace collapsed."""
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in PdfReader(str(path)).pages]


def rasterize(path: Path, dpi: int = 100, page: int = 1) -> Image.Image:
    """One PDF page as a greyscale image (poppler's pdftoppm)."""
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-gray",
                    "-png", str(path), str(prefix)], check=True, capture_output=True)
    return Image.open(f"{prefix}.png").convert("L")


def dark_components(mask: list[list[bool]]) -> list[tuple[int, int, int, int, int]]:
    """Connected regions (8-neighbour) of True pixels: (left, top, right, bottom, pixel count)."""
    height, width = len(mask), len(mask[0]) if mask else 0
    seen = [[False] * width for _ in range(height)]
    regions = []
    for y in range(height):
        for x in range(width):
            if not mask[y][x] or seen[y][x]:
                continue
            stack, seen[y][x] = [(x, y)], True
            left, top, right, bottom, count = x, y, x, y, 0
            while stack:
                cx, cy = stack.pop()
                count += 1
                left, top, right, bottom = min(left, cx), min(top, cy), max(right, cx), max(bottom, cy)
                for nx in (cx - 1, cx, cx + 1):
                    for ny in (cy - 1, cy, cy + 1):
                        if 0 <= nx < width and 0 <= ny < height and mask[ny][nx] and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((nx, ny))
            regions.append((left, top, right, bottom, count))
    return regions


def marks_only_in(with_marks: Image.Image, without_marks: Image.Image, threshold: int = 128):
    """Dark regions present in the first image and not in the second."""
    a, b = with_marks.load(), without_marks.load()
    width, height = with_marks.size
    mask = [[a[x, y] < threshold and b[x, y] >= threshold for x in range(width)] for y in range(height)]
    return dark_components(mask)


@dataclass(frozen=True)
class Line:
    """One line of text on a printed page: its baseline (points from the bottom), its font
    size (points, as drawn) and its words."""

    y: float
    size: float
    text: str


def pdf_lines(path: Path) -> list[list[Line]]:
    """Each page's lines, top to bottom: text runs on the same baseline joined, the largest
    size of a line taken as its size."""
    pages = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size):
            if not text.strip():
                return
            # The text matrix times the current transformation: its vertical scale is the
            # drawn size, its translation the position.
            a, b, c, d, e, f = tm
            A, B, C, D, E, F = cm
            scale_y = abs(c * B + d * D) or 1.0
            y = e * B + f * D + F
            runs.append((y, size * scale_y, text))

        page.extract_text(visitor_text=visit)
        lines: list[Line] = []
        for y, size, text in sorted(runs, key=lambda r: -r[0]):
            if lines and abs(lines[-1].y - y) < 1.5:
                last = lines[-1]
                lines[-1] = Line(last.y, max(last.size, size), f"{last.text} {text}")
            else:
                lines.append(Line(y, size, text))
        pages.append([Line(ln.y, round(ln.size, 1), re.sub(r"\s+", " ", ln.text).strip()) for ln in lines])
    return pages


# The page's margin boxes (title, address, page number) and a checklist's footer print at 8 pt.
SMALL_PRINT = 9.0


def body_size(pages: list[list[Line]]) -> float:
    """The size most of the printed characters are set in, small print aside: the body text's."""
    weights: dict[float, int] = {}
    for page in pages:
        for line in page:
            if line.size >= SMALL_PRINT:
                weights[line.size] = weights.get(line.size, 0) + len(line.text)
    return max(weights, key=weights.get)
