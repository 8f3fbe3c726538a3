"""A figure (data/figures.yml) as a small inline SVG: `render_figure(guide, figure_id)`.

The pose comes from geometry.py; this module only turns its points into pixel
path data, and the markup is in templates/figure.svg.j2. Same data, same bytes: numbers are
rounded to one decimal and nothing depends on time or order of dictionaries.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..site.anchors import FIGURE_PREFIX
from .geometry import Point, Scene, pose_scene
from ..data.model import Figure, FiguresFile, Guide
TEMPLATES = Path(__file__).parent / "templates"

SCALE = 200          # px per body height
PAD = 0.03           # margin around the drawing, body heights
PUSH_OFFSET = 0.07   # the push-down arrow, left of the elbow
ID_PREFIX = FIGURE_PREFIX  # the SVG's element ids: fig-<figure id>-name
# Characters Markdown would act on inside the SVG when it sits in a page's Markdown: as
# numeric references they are plain characters to both Markdown and XML.
_MARKDOWN_SIGNIFICANT = re.compile(r"[\\`*_{}\[\]()#+\-.!|/~:?=\"'<>&]")


def svg_text(value: object) -> str:
    """Text for an SVG element: every character HTML or Markdown could read as syntax
    written as a numeric character reference, on one line."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    return _MARKDOWN_SIGNIFICANT.sub(lambda m: f"&#{ord(m.group())};", text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["svg_text"] = svg_text
    return env


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Canvas:
    """Body heights to px: y flipped (SVG y grows downwards), shifted to the drawing's box."""

    def __init__(self, left: float, top: float):
        self.left, self.top = left, top

    def p(self, point: Point) -> str:
        return f"{_n((point[0] - self.left) * SCALE)} {_n((self.top - point[1]) * SCALE)}"

    def line(self, *points: Point) -> str:
        return "M" + "L".join(self.p(point) for point in points)

    def xy(self, point: Point) -> tuple[str, str]:
        x, y = self.p(point).split()
        return x, y


def _bounds(scene: Scene, figure: Figure) -> tuple[float, float, float, float]:
    body = scene.body
    points = list(scene.joints().values())
    radii = [body.head_radius if name == "head" else body.limb_radius for name in scene.joints()]
    xs = [p[0] - r for p, r in zip(points, radii)] + [p[0] + r for p, r in zip(points, radii)]
    ys = [p[1] + r for p, r in zip(points, radii)]
    xs += [scene.bench[0], scene.bench[1], scene.shoulder[0] - body.trunk_radius, scene.hip[0] + body.trunk_radius]
    ys += [scene.bench[2], scene.shoulder[1] + body.trunk_radius, scene.hip[1] + body.trunk_radius]
    if scene.landmine:
        xs += [scene.landmine[0][0]]
    if "push-down" in figure.guides:
        xs += [scene.arm.elbow[0] - PUSH_OFFSET - 0.03]
    if scene.dumbbell:
        ys += [scene.dumbbell[1] + 0.06]
    return min(xs) - PAD, max(xs) + PAD, 0.0, max(ys) + PAD


def _capsule(canvas: _Canvas, a: Point, b: Point, radius: float) -> str:
    """A closed loop around the segment a–b (a band around the knees)."""
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    nx, ny = -math.sin(angle) * radius, math.cos(angle) * radius
    r = _n(radius * SCALE)
    return (f"M{canvas.p((a[0] + nx, a[1] + ny))}L{canvas.p((b[0] + nx, b[1] + ny))}"
            f"A{r} {r} 0 0 0 {canvas.p((b[0] - nx, b[1] - ny))}L{canvas.p((a[0] - nx, a[1] - ny))}"
            f"A{r} {r} 0 0 0 {canvas.p((a[0] + nx, a[1] + ny))}Z")


def _circle(canvas: _Canvas, centre: Point, radius: float) -> str:
    r = _n(radius * SCALE)
    x, y = canvas.xy((centre[0] - radius, centre[1]))
    return f"M{x} {y}a{r} {r} 0 1 0 {_n(2 * radius * SCALE)} 0a{r} {r} 0 1 0 -{_n(2 * radius * SCALE)} 0Z"


def drawing(scene: Scene, figure: Figure, figures: FiguresFile, id_prefix: str = ID_PREFIX) -> dict:
    """What the template draws, in px."""
    body = scene.body
    left, right, bottom, top = _bounds(scene, figure)
    c = _Canvas(left, top)
    lr = body.limb_radius
    bench_left, bench_right, bench_top = scene.bench
    slab = 0.035
    bench = (c.line((bench_left, bench_top), (bench_right, bench_top), (bench_right, bench_top - slab),
                    (bench_left, bench_top - slab)) + "Z"
             + c.line((bench_left + 0.04, bench_top - slab), (bench_left + 0.04, 0.0))
             + c.line((bench_right - 0.04, bench_top - slab), (bench_right - 0.04, 0.0)))

    def leg(leg, flat: bool) -> str:
        # A planted foot: its sole along the floor; a lifted one: heel to toe past the ankle.
        if flat:
            sole = leg.heel[1] + lr
            return c.line(leg.hip, leg.knee, leg.ankle) + c.line((leg.heel[0] + lr, sole), (leg.toe[0] - lr, sole))
        return c.line(leg.hip, leg.knee, leg.ankle) + c.line(leg.heel, leg.toe)

    guides = []
    working = scene.working
    if "straight-line" in figure.guides:
        # A ruler along the line from the shoulder to a little past the working knee, just
        # above the body (on it, a line the colour of the body would not show).
        sx, sy = scene.shoulder
        kx, ky = working.knee
        length = math.hypot(kx - sx, ky - sy)
        off = body.trunk_radius + 0.03
        nx, ny = -(ky - sy) / length * off, (kx - sx) / length * off
        guides.append(c.line((sx + nx, sy + ny), (kx + (kx - sx) * 0.12 + nx, ky + (ky - sy) * 0.12 + ny)))
    if "vertical-shin" in figure.guides:
        # A vertical beside the ankle (not on it, where the shin would hide it), up past the knee.
        x = working.ankle[0] + 3 * lr
        guides.append(c.line((x, working.heel[1]), (x, working.ankle[1] + body.shank * 1.25)))
    if "push-down" in figure.guides:
        # An arrow down into the bench at the elbow.
        ex, ey = scene.arm.elbow
        ex -= PUSH_OFFSET  # beside the forearm
        guides.append(c.line((ex, ey + 0.16), (ex, ey + 0.05)) + c.line((ex - 0.025, ey + 0.08), (ex, ey + 0.05),
                                                                      (ex + 0.025, ey + 0.08)))
    equipment, equipment_back, plates = [], [], []
    if scene.dumbbell:
        plates.append(_circle(c, scene.dumbbell, figures.props.dumbbell_radius))
        equipment.append(_circle(c, scene.dumbbell, figures.props.dumbbell_radius * 0.35))
    if scene.band:
        equipment.append(_capsule(c, scene.band[0], scene.band[1], figures.props.band_radius))
    if scene.landmine:
        pivot, end = scene.landmine
        angle = math.atan2(end[1] - pivot[1], end[0] - pivot[0])
        past = (end[0] + math.cos(angle) * 0.08, end[1] + math.sin(angle) * 0.08)
        equipment_back.append(c.line(pivot, past))
        equipment_back.append(c.line((pivot[0] - 0.03, 0.0), (pivot[0], 0.03), (pivot[0] + 0.03, 0.0)))
        plates.append(_circle(c, end, figures.props.dumbbell_radius * 0.9))
    head = c.xy(scene.head)
    return {
        "width": _n((right - left) * SCALE), "height": _n((top - bottom) * SCALE),
        "ids": {"name": f"{id_prefix}{figure.id}-name", "desc": f"{id_prefix}{figure.id}-desc"},
        "thin": _n(0.4 * lr * SCALE), "limb": _n(2 * lr * SCALE), "torso": _n(2 * body.trunk_radius * SCALE),
        "dash": f"{_n(0.03 * SCALE)} {_n(0.02 * SCALE)}",
        "floor": c.line((left, 0.0), (right, 0.0)),
        "bench": bench,
        "guides": guides,
        "trunk": f"M{c.p(scene.shoulder)}Q{c.p(scene.belly)} {c.p(scene.hip)}",
        "working": leg(working, flat=True),
        "lifted": leg(scene.lifted, flat=False) if scene.lifted else "",
        "neck": c.line(scene.shoulder, scene.neck),
        "head": head, "head_r": _n(body.head_radius * SCALE),
        "arm": c.line(scene.arm.shoulder, scene.arm.elbow, scene.arm.wrist, scene.arm.fingers),
        "equipment": equipment, "equipment_back": equipment_back, "plates": plates,
    }


def figure_aspect(figures: FiguresFile, figure: Figure) -> float:
    """The drawing's height over its width (the print estimate sizes it by this)."""
    left, right, bottom, top = _bounds(pose_scene(figure, figures), figure)
    return (top - bottom) / (right - left)


def figure_by_id(guide: Guide, figure_id: str) -> Figure:
    for figure in guide.figures.figures:
        if figure.id == figure_id:
            return figure
    raise KeyError(f"unknown figure '{figure_id}'")


def render_figure(guide: Guide, figure_id: str, id_prefix: str = ID_PREFIX) -> str:
    """The figure with this id as SVG markup, on one line (it can sit inside Markdown)."""
    figure = figure_by_id(guide, figure_id)
    scene = pose_scene(figure, guide.figures)
    svg = _environment().get_template("figure.svg.j2").render(
        d=drawing(scene, figure, guide.figures, id_prefix), name=figure.name, description=figure.description)
    return "".join(line.strip() for line in svg.splitlines())


class FigureIndex:
    """The figures shown with each record (figures.yml `at`), for the templates:
    `figures.at(record_id)`. Each placement gets its own element ids, so a page showing
    several figures, or one figure twice, never repeats an id."""

    def __init__(self, guide: Guide):
        self.guide = guide
        self._at: dict[str, list[Figure]] = {}
        for figure in guide.figures.figures:
            for place in figure.at:
                self._at.setdefault(place, []).append(figure)

    def at(self, record_id: str) -> list[dict]:
        return [{"id": figure.id, "caption": figure.caption,
                 "svg": render_figure(self.guide, figure.id, f"{ID_PREFIX}{record_id}-")}
                for figure in self._at.get(record_id, [])]
