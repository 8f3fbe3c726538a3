"""A figure (data/figures.yml) as a Pillow image, for the link-preview pictures
(postbuild/preview_cards.py), which are PNG: Pillow cannot read the SVG that svg.py writes.

Drawn from the same computed pose (geometry.pose_scene), simplified for a thumbnail:
body, bench, floor and equipment; no dashed guide lines (they belong with the caption,
which a preview does not carry). Same data, same pixels.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from .geometry import Point, pose_scene
from ..data.model import Figure, FiguresFile

SCALE = 400          # px per body height: large enough to downscale smoothly into the card
PAD = 0.04           # margin, body heights


def _quadratic(a: Point, control: Point, b: Point, steps: int = 12) -> list[Point]:
    """Points along the trunk's curve (the SVG's Q command)."""
    return [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * control[0] + t ** 2 * b[0],
             (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * control[1] + t ** 2 * b[1])
            for t in (i / steps for i in range(steps + 1))]


def raster_figure(figure: Figure, figures: FiguresFile, ink: tuple, muted: tuple,
                  paper: tuple = (255, 255, 255)) -> Image.Image:
    """The figure drawn in `ink` (body, equipment) and `muted` (bench, floor) on `paper`."""
    scene = pose_scene(figure, figures)
    body = scene.body
    joints = list(scene.joints().values())
    xs = [p[0] for p in joints] + [scene.bench[0], scene.bench[1]]
    if scene.landmine:
        xs.append(scene.landmine[0][0])
    left, right = min(xs) - body.head_radius - PAD, max(xs) + body.head_radius + PAD
    top = max([p[1] for p in joints] + [scene.bench[2], scene.shoulder[1], scene.hip[1]]) + body.trunk_radius + PAD
    size = (round((right - left) * SCALE), round(top * SCALE) + round(PAD * SCALE))
    image = Image.new("RGB", size, paper)
    pen = ImageDraw.Draw(image)

    def px(point: Point) -> tuple[float, float]:
        return ((point[0] - left) * SCALE, (top - point[1]) * SCALE)

    def stroke(points: list[Point], radius: float, colour: tuple) -> None:
        width = max(1, round(2 * radius * SCALE))
        # Segment by segment with a disc at every point: round caps and joins, as the SVG's
        # (Pillow's own joins leave slits between short segments of a thick line).
        for a, b in zip(points, points[1:]):
            pen.line([px(a), px(b)], fill=colour, width=width)
        for point in points:
            x, y = px(point)
            pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=colour)

    def circle(centre: Point, radius: float, colour: tuple, fill: tuple | None = None, width: int = 0) -> None:
        x, y = px(centre)
        r = radius * SCALE
        pen.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=colour, width=width)

    thin = 0.4 * body.limb_radius
    bench_left, bench_right, bench_top = scene.bench
    slab = 0.035
    stroke([(left, 0.0), (right, 0.0)], thin, muted)
    stroke([(bench_left, bench_top), (bench_right, bench_top), (bench_right, bench_top - slab),
            (bench_left, bench_top - slab), (bench_left, bench_top)], thin, muted)
    for x in (bench_left + 0.04, bench_right - 0.04):
        stroke([(x, bench_top - slab), (x, 0.0)], thin, muted)
    if scene.landmine:
        stroke(list(scene.landmine), thin, ink)
    if scene.lifted:
        leg = scene.lifted
        stroke([leg.hip, leg.knee, leg.ankle], body.limb_radius, ink)
        stroke([leg.heel, leg.toe], body.limb_radius, ink)
    stroke(_quadratic(scene.shoulder, scene.belly, scene.hip), body.trunk_radius, ink)
    leg = scene.working
    stroke([leg.hip, leg.knee, leg.ankle], body.limb_radius, ink)
    sole = leg.heel[1]
    stroke([(leg.heel[0], sole), (leg.toe[0], sole)], body.limb_radius, ink)
    stroke([scene.shoulder, scene.neck], body.limb_radius, ink)
    circle(scene.head, body.head_radius, ink, fill=ink)
    arm = scene.arm
    stroke([arm.shoulder, arm.elbow, arm.wrist, arm.fingers], body.limb_radius, ink)
    line = max(1, round(thin * 2 * SCALE))
    if scene.dumbbell:
        circle(scene.dumbbell, figures.props.dumbbell_radius, ink, fill=paper, width=line)
        circle(scene.dumbbell, figures.props.dumbbell_radius * 0.35, ink, width=line)
    if scene.landmine:
        circle(scene.landmine[1], figures.props.dumbbell_radius * 0.9, ink, fill=paper, width=line)
    if scene.band:
        (ax, ay), (bx, by) = scene.band
        r = figures.props.band_radius
        pen.rounded_rectangle(
            (px((min(ax, bx) - r, max(ay, by) + r)), px((max(ax, bx) + r, min(ay, by) - r))),
            radius=r * SCALE, outline=ink, width=line)
    return image


def main_figures(figures: FiguresFile, page_of) -> dict[str, Figure]:
    """Each page's main figure, by docs path: the first in data/figures.yml shown with one
    of the page's records (`page_of`: record id -> docs path)."""
    chosen: dict[str, Figure] = {}
    for figure in figures.figures:
        for record_id in figure.at:
            chosen.setdefault(page_of(record_id), figure)
    return chosen

