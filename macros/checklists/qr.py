"""QR codes for printed pages, made at build time as inline SVG (no network, no image files)."""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """An inline <svg> QR code encoding `url`, black on white, sized by CSS (no width/height)."""
    code = segno.make(url, error="m", micro=False)
    # The quiet zone (border) of 4 modules is what scanners expect around the code.
    return code.svg_inline(border=4, dark="#000", light="#fff", omitsize=True,
                           title=f"QR code linking to {url}")
