"""Which characters the preview pictures can draw: the code points the bundled fonts
(postbuild/fonts, DejaVu Sans) map to a glyph, read from each font's `cmap` table with the
standard library (check-data imports no Pillow). A character outside it would be drawn as
an empty box, so validation refuses it where the picture would show it (validate/rules.py)
rather than ship a picture with boxes: DejaVu has no CJK and no emoji, and adding a font
large enough to have them would weigh on every build and every clone.
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "postbuild" / "fonts"
PREVIEW_FONTS = (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")


def _cmap(data: bytes) -> set[int]:
    """The code points of a TrueType font's best Unicode cmap subtable (format 12 or 4)."""
    tables = struct.unpack_from(">H", data, 4)[0]
    offset = next(struct.unpack_from(">4sIII", data, 12 + 16 * i)[2] for i in range(tables)
                  if struct.unpack_from(">4s", data, 12 + 16 * i)[0] == b"cmap")
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        subtables[struct.unpack_from(">H", data, offset + sub)[0]] = offset + sub
    points: set[int] = set()
    if 12 in subtables:
        at = subtables[12]
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, _glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            points.update(range(start, end + 1))
        return points
    at = subtables[4]
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for i, (start, end) in enumerate(zip(starts, ends)):
        for c in range(start, end + 1):
            if c == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (c + deltas[i]) & 0xFFFF
            else:
                where = range_at + 2 * i + offsets[i] + 2 * (c - start)
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                points.add(c)
    return points


@functools.cache
def drawable() -> frozenset[int]:
    """The code points every preview font draws."""
    sets = [_cmap(path.read_bytes()) for path in PREVIEW_FONTS]
    return frozenset(set.intersection(*sets))


def undrawable(text: str) -> str | None:
    """The first character of `text` the preview pictures cannot draw (spaces are drawn)."""
    points = drawable()
    return next((ch for ch in text if ord(ch) not in points and not ch.isspace()), None)
