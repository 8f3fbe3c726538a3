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
from .shapes import LAYERS, Shape, mark, shapes
from ..data.model import Figure, FiguresFile, Guide
TEMPLATES = Path(__file__).parent / "templates"

SCALE = 200          # px per body height, the same for every figure (so is the canvas)
PAD = 0.03           # margin around the drawing, body heights
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

    def xy(self, point: Point) -> tuple[float, float]:
        return (point[0] - self.left) * SCALE, (self.top - point[1]) * SCALE

    def p(self, point: Point) -> str:
        x, y = self.xy(point)
        return f"{_n(x)} {_n(y)}"

    def line(self, *points: Point) -> str:
        return "M" + "L".join(self.p(point) for point in points)

    def path(self, shape: Shape) -> str:
        if shape.kind == "circle":
            return self.circle(shape.points[0], shape.radii[0])
        if shape.kind == "taper":
            return self.taper(shape.points[0], shape.radii[0], shape.points[1], shape.radii[1])
        closed = shape.kind in ("poly", "loop")
        return self.line(*shape.points) + ("Z" if closed else "")

    def circle(self, centre: Point, radius: float) -> str:
        r = _n(radius * SCALE)
        d = _n(2 * radius * SCALE)
        return f"M{self.p((centre[0] - radius, centre[1]))}a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0Z"

    def taper(self, a: Point, ra: float, b: Point, rb: float) -> str:
        """The outline around two discs and their outer tangents: a limb that narrows from a to b."""
        (ax, ay), (bx, by) = self.xy(a), self.xy(b)
        ra, rb = ra * SCALE, rb * SCALE
        d = math.hypot(bx - ax, by - ay)
        if d <= abs(ra - rb) + 1e-6:
            return self.circle(a if ra >= rb else b, max(ra, rb) / SCALE)
        heading = math.atan2(by - ay, bx - ax)
        spread = math.acos((ra - rb) / d)
        def on(cx, cy, r, angle):  # noqa: E306
            return f"{_n(cx + r * math.cos(angle))} {_n(cy + r * math.sin(angle))}"
        return (f"M{on(ax, ay, ra, heading + spread)}L{on(bx, by, rb, heading + spread)}"
                f"A{_n(rb)} {_n(rb)} 0 0 0 {on(bx, by, rb, heading - spread)}"
                f"L{on(ax, ay, ra, heading - spread)}A{_n(ra)} {_n(ra)} 0 1 0 {on(ax, ay, ra, heading + spread)}Z")


def _scene_bounds(scene: Scene, figure: Figure, figures: FiguresFile) -> tuple[float, float, float, float]:
    xs, ys = [], [0.0]
    for shape in shapes(scene, figure, figures):
        for point, radius in zip(shape.points, shape.radii or (0.0,) * len(shape.points)):
            xs += [point[0] - radius, point[0] + radius]
            ys += [point[1] + radius]
        if not shape.radii:
            xs += [p[0] for p in shape.points]
            ys += [p[1] for p in shape.points]
    return min(xs) - PAD, max(xs) + PAD, 0.0, max(ys) + PAD


_CANVAS: dict[int, tuple[FiguresFile, tuple]] = {}


def _canvas_of(figures: FiguresFile) -> tuple[float, float, float, float]:
    """One canvas width for every figure, so all are drawn at one scale (each is shown as wide as its column).
    Kept per figures object (the data are frozen; the object itself is the key)."""
    cached = _CANVAS.get(id(figures))
    if cached is None or cached[0] is not figures:
        boxes = [_scene_bounds(pose_scene(f, figures), f, figures) for f in figures.figures]
        box = (min(b[0] for b in boxes), max(b[1] for b in boxes), 0.0, max(b[3] for b in boxes))
        if len(_CANVAS) > 16:
            _CANVAS.clear()
        cached = _CANVAS[id(figures)] = (figures, box)
    return cached[1]


def _box(scene: Scene, figure: Figure, figures: FiguresFile) -> tuple[float, float, float, float]:
    """The canvas's width for every figure, its height this figure's own (plus room for a mark)."""
    left, right, bottom, _top = _canvas_of(figures)
    top = _scene_bounds(scene, figure, figures)[3] + (0.1 if figure.verdict else 0.0)
    return left, right, bottom, top


def drawing(scene: Scene, figure: Figure, figures: FiguresFile, id_prefix: str = ID_PREFIX,
            top: float | None = None) -> dict:
    """What the template draws, in px (`top`: a taller canvas, for the movement's frames)."""
    left, right, bottom, own_top = _box(scene, figure, figures)
    top = own_top if top is None else top
    c = _Canvas(left, top)
    layers: dict[str, list[Shape]] = {name: [] for name in LAYERS}
    for shape in shapes(scene, figure, figures):
        layers[shape.layer].append(shape)
    verdict = mark(figure, left, top)
    joined = lambda items: "".join(c.path(s) for s in items)  # noqa: E731
    return {
        "width": _n((right - left) * SCALE), "height": _n((top - bottom) * SCALE),
        "ids": {"name": f"{id_prefix}{figure.id}-name", "desc": f"{id_prefix}{figure.id}-desc"},
        "thin": _n(0.006 * SCALE), "line": _n(0.01 * SCALE), "halo": _n(0.012 * SCALE),
        "dash": f"{_n(0.025 * SCALE)} {_n(0.015 * SCALE)}",
        "prop": c.line((left, 0.0), (right, 0.0)) + joined(layers["prop"]),
        "far": joined(s for s in layers["far"] if not s.cut),
        "far_cut": joined(s for s in layers["far"] if s.cut),
        "gear": [c.path(s) for s in layers["gear"]],
        "body": joined(s for s in layers["body"] if not s.cut),
        "body_cut": joined(s for s in layers["body"] if s.cut),
        "arm": joined(layers["arm"]),
        "front": [{"d": c.path(s), "cut": s.cut, "solid": s.solid} for s in layers["front"]],
        "guides": joined(layers["guide"]),
        "arrows": joined(layers["arrow"]),
        "verdict": figure.verdict, "mark": c.path(verdict) if verdict else "",
    }


def figure_aspect(figures: FiguresFile, figure: Figure) -> float:
    """The drawing's height over its width (the print estimate sizes it by this)."""
    left, right, bottom, top = _box(pose_scene(figure, figures), figure, figures)
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

    def opening(self) -> list[dict]:
        """The Overview's opening figure (figures.yml `opening`), if the data names one."""
        name = self.guide.figures.opening
        figure = next((f for f in self.guide.figures.figures if f.id == name), None)
        return [self._shown(figure, f"{ID_PREFIX}overview-")] if figure else []

    def _shown(self, figure: Figure, prefix: str) -> dict:
        return {"id": figure.id, "caption": figure.caption, "verdict": figure.verdict,
                "svg": render_figure(self.guide, figure.id, prefix)}

    def at(self, record_id: str) -> list[dict]:
        return [{"id": figure.id, "caption": figure.caption, "verdict": figure.verdict,
                 "svg": render_figure(self.guide, figure.id, f"{ID_PREFIX}{record_id}-")}
                for figure in self._at.get(record_id, [])]


def render_movement(guide: Guide, id_prefix: str = f"{ID_PREFIX}movement-") -> str:
    """The figures of figures.yml `animation` as the frames of one SVG, on one shared canvas
    (the tallest frame's height), each drawn exactly as its figure is; "" when none are named."""
    figures = [figure_by_id(guide, figure_id) for figure_id in guide.figures.animation]
    if not figures:
        return ""
    boxes = [_box(pose_scene(f, guide.figures), f, guide.figures) for f in figures]
    top = max(b[3] for b in boxes)
    # One canvas: redraw each frame on the tallest box, so the floor stays put between frames.
    frames = [drawing(pose_scene(f, guide.figures), f, guide.figures, id_prefix, top=top) for f in figures]
    # Under reduced motion one frame stands still: the opening picture's, else the last.
    ids = [f.id for f in figures]
    still = ids.index(guide.figures.opening) if guide.figures.opening in ids else len(ids) - 1
    name = " to ".join(f.name for f in figures)
    description = " Then: ".join(f.description for f in figures)
    svg = _environment().get_template("movement.svg.j2").render(
        frames=frames, still=still, width=frames[0]["width"], height=frames[0]["height"],
        ids={"name": f"{id_prefix}name", "desc": f"{id_prefix}desc"}, name=name, description=description)
    return "".join(line.strip() for line in svg.splitlines())
