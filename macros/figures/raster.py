"""A figure (data/figures.yml) as a Pillow image, for the link-preview pictures
(postbuild/preview_cards.py), which are PNG: Pillow cannot read the SVG that svg.py writes.

Drawn from the same computed pose (geometry.pose_scene), simplified for a thumbnail:
body, bench, floor and equipment; no dashed guide lines (they belong with the caption,
which a preview does not carry). Same data, same pixels.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from .geometry import Point, pose_scene
from .shapes import Shape, shapes
from ..data.model import Figure, FiguresFile

SCALE = 400          # px per body height: large enough to downscale smoothly into the card
PAD = 0.04           # margin, body heights


def _outline(shape: Shape, steps: int = 16) -> list[Point]:
    """A filled shape's outline as points (Pillow draws polygons, not arcs)."""
    if shape.kind == "circle":
        (cx, cy), r = shape.points[0], shape.radii[0]
        return [(cx + r * math.cos(2 * math.pi * k / steps), cy + r * math.sin(2 * math.pi * k / steps))
                for k in range(steps)]
    if shape.kind == "taper":
        (a, b), (ra, rb) = shape.points, shape.radii
        heading = math.atan2(b[1] - a[1], b[0] - a[0])
        half = [heading + math.pi / 2 + math.pi * k / steps for k in range(steps + 1)]
        return ([(a[0] + ra * math.cos(t), a[1] + ra * math.sin(t)) for t in half]
                + [(b[0] + rb * math.cos(t + math.pi), b[1] + rb * math.sin(t + math.pi)) for t in half])
    return list(shape.points)


def raster_figure(figure: Figure, figures: FiguresFile, ink: tuple, muted: tuple,
                  paper: tuple = (255, 255, 255)) -> Image.Image:
    """The figure drawn in `ink` (near body, equipment), a lighter ink (the far side) and
    `muted` (bench, floor) on `paper`: the same shapes as the SVG (shapes.py)."""
    scene = pose_scene(figure, figures)
    drawn = [s for s in shapes(scene, figure, figures) if s.layer not in ("guide", "mark")]
    xs = [p[0] for s in drawn for p in s.points]
    ys = [p[1] for s in drawn for p in s.points]
    margin = scene.body.head_radius + PAD
    left, right = min(xs) - margin, max(xs) + margin
    top = max(ys) + margin
    size = (round((right - left) * SCALE), round(top * SCALE) + round(PAD * SCALE))
    image = Image.new("RGB", size, paper)
    pen = ImageDraw.Draw(image)
    far = tuple(round((i + p) / 2) for i, p in zip(ink, paper))

    def px(point: Point) -> tuple[float, float]:
        return ((point[0] - left) * SCALE, (top - point[1]) * SCALE)

    line = max(1, round(0.01 * SCALE))
    pen.line([px((left, 0.0)), px((right, 0.0))], fill=muted, width=max(1, round(0.006 * SCALE)))
    for shape in drawn:
        colour = {"prop": muted, "far": far}.get(shape.layer, ink)
        if shape.kind in ("line", "loop"):
            points = [px(p) for p in shape.points] + ([px(shape.points[0])] if shape.kind == "loop" else [])
            if shape.cut:
                pen.polygon([px(p) for p in shape.points], fill=paper)
            pen.line(points, fill=colour, width=line if shape.layer != "prop" else max(1, round(0.006 * SCALE)),
                     joint="curve")
        else:
            # The near arm outlined in the paper's colour, as in the SVG, to show over the trunk;
            # a cut-out in front (a band, a pad) outlined in the ink, as the SVG strokes it.
            outline = paper if shape.layer == "arm" or shape.solid else ink if shape.cut and shape.layer in ("front", "gear") \
                else None
            pen.polygon([px(p) for p in _outline(shape)], fill=paper if shape.cut else colour, outline=outline)
    return image


def main_figures(figures: FiguresFile, page_of) -> dict[str, Figure]:
    """Each page's main figure, by docs path: the first in data/figures.yml shown with one
    of the page's records (`page_of`: record id -> docs path)."""
    chosen: dict[str, Figure] = {}
    for figure in figures.figures:
        for record_id in figure.at:
            chosen.setdefault(page_of(record_id), figure)
    return chosen

