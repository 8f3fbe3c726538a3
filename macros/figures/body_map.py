"""The body map: a front and a back outline of the body with the muscles of data/muscles.yml
shaded by their role, each muscle's regions named in data/figures.yml `body_map` (keyed by
muscle id, so a muscle added to muscles.yml without regions is a data error, see
`body_map_problems`). Drawn as inline SVG through templates/body_map.svg.j2, in the same
visual language as the figures: the outline in the far side's light tone, the regions in a
colour per role, a legend in words beside it (the template that shows it)."""

from __future__ import annotations

from .shapes import Shape
from .svg import PAD, SCALE, _Canvas, _environment, _n, svg_text  # noqa: F401  (one drawing vocabulary)
from ..data.model import Guide
from ..site.anchors import FIGURE_PREFIX

# Proportions after Winter's table (figures.yml), in body heights; x from each view's midline.
FRONT, BACK = 0.22, 0.7           # the two views' midlines
HEAD = (0.935, 0.062)
# Regions: (view, centre x from the midline, centre y, half width, half height), mirrored left
# and right unless centred (x = 0).
REGIONS: dict[str, tuple[str, float, float, float, float]] = {
    "quadriceps": ("front", 0.062, 0.40, 0.034, 0.1),
    "adductors": ("front", 0.024, 0.45, 0.014, 0.055),
    "abdominals": ("front", 0.0, 0.625, 0.042, 0.085),
    "obliques": ("front", 0.078, 0.64, 0.018, 0.06),
    "glutes": ("back", 0.052, 0.53, 0.045, 0.045),
    "gluteus-medius": ("back", 0.085, 0.585, 0.025, 0.025),
    "hamstrings": ("back", 0.058, 0.385, 0.03, 0.09),
    "lower-back": ("back", 0.022, 0.655, 0.016, 0.06),
    "calves": ("back", 0.058, 0.17, 0.025, 0.07),
}
ROLE_CLASS = {"target": "target", "synergist": "synergist", "dynamic stabilizer": "synergist",
              "stabilizer": "stabilizer"}


def _outline(mid: float) -> list[Shape]:
    """One view's outline: head, neck, trunk, arms, legs (tapered, as the figures' limbs)."""
    parts = [Shape("far", "circle", ((mid, HEAD[0]),), (HEAD[1],)),
             Shape("far", "taper", ((mid, 0.86), (mid, 0.8)), (0.03, 0.035)),
             Shape("far", "poly", ((mid - 0.13, 0.815), (mid + 0.13, 0.815), (mid + 0.1, 0.7), (mid + 0.09, 0.62),
                                   (mid + 0.105, 0.52), (mid - 0.105, 0.52), (mid - 0.09, 0.62), (mid - 0.1, 0.7)))]
    for side in (-1, 1):
        parts += [Shape("far", "taper", ((mid + side * 0.125, 0.79), (mid + side * 0.16, 0.6)), (0.035, 0.027)),
                  Shape("far", "taper", ((mid + side * 0.16, 0.6), (mid + side * 0.185, 0.45)), (0.027, 0.02)),
                  Shape("far", "taper", ((mid + side * 0.185, 0.45), (mid + side * 0.19, 0.39)), (0.02, 0.016)),
                  Shape("far", "taper", ((mid + side * 0.055, 0.5), (mid + side * 0.06, 0.285)), (0.05, 0.032)),
                  Shape("far", "taper", ((mid + side * 0.06, 0.285), (mid + side * 0.055, 0.04)), (0.032, 0.02)),
                  Shape("far", "taper", ((mid + side * 0.055, 0.03), (mid + side * 0.07, 0.012)), (0.02, 0.012))]
    return parts


def _ellipse(c: _Canvas, cx: float, cy: float, rx: float, ry: float) -> str:
    ax, ay = _n(rx * SCALE), _n(ry * SCALE)
    return (f"M{c.p((cx - rx, cy))}a{ax} {ay} 0 1 0 {_n(2 * rx * SCALE)} 0"
            f"a{ax} {ay} 0 1 0 -{_n(2 * rx * SCALE)} 0Z")


HATCH, DOTS = 0.016, 0.018   # spacing of a synergist's hatching and a stabilizer's dots, body heights
LABEL = 0.11                 # room under the feet for the views' names


def _hatch(c: _Canvas, cx: float, cy: float, rx: float, ry: float) -> str:
    """Diagonal chords across the ellipse (a line pattern without a <pattern>'s id)."""
    out, a = [], 1 / rx ** 2 + 1 / ry ** 2
    k = -(rx + ry)
    while k < rx + ry:
        # u - v = k on (u/rx)^2 + (v/ry)^2 = 1, with v = u - k
        b, cc = -2 * k / ry ** 2, k ** 2 / ry ** 2 - 1
        disc = b * b - 4 * a * cc
        if disc > 0:
            u1, u2 = (-b - disc ** 0.5) / (2 * a), (-b + disc ** 0.5) / (2 * a)
            out.append(c.line((cx + u1, cy + u1 - k), (cx + u2, cy + u2 - k)))
        k += HATCH
    return "".join(out)


def _dots(c: _Canvas, cx: float, cy: float, rx: float, ry: float) -> str:
    out, y = [], cy - ry
    while y <= cy + ry:
        x = cx - rx
        while x <= cx + rx:
            if ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 0.6:
                out.append(c.circle((x, y), 0.0045))
            x += DOTS
        y += DOTS
    return "".join(out)


def body_map(guide: Guide) -> dict:
    """The map's drawing (px) and legend: each role with its muscles, in muscles.yml's order."""
    left, right, top = 0.0, BACK + 0.24, 1.0 + PAD
    c = _Canvas(left, top)
    # Not by colour alone: the synergists hatched, the stabilizers dotted, the target solid.
    marks: dict[str, list[str]] = {"synergist": [], "stabilizer": []}
    outline = "".join(c.path(s) for mid in (FRONT, BACK) for s in _outline(mid))
    regions: dict[str, list[str]] = {"target": [], "synergist": [], "stabilizer": []}
    legend: dict[str, list] = {}
    for muscle in guide.muscles.muscles:
        shade = ROLE_CLASS[muscle.role]
        for name in guide.figures.body_map.get(muscle.id, []):
            view, dx, cy, rx, ry = REGIONS[name]
            mid = FRONT if view == "front" else BACK
            for x in sorted({mid - dx, mid + dx}):
                regions[shade].append(_ellipse(c, x, cy, rx, ry))
                if shade == "synergist":
                    marks[shade].append(_hatch(c, x, cy, rx, ry))
                elif shade == "stabilizer":
                    marks[shade].append(_dots(c, x, cy, rx, ry))
        legend.setdefault(muscle.role, []).append(muscle)
    return {"width": _n((right - left) * SCALE), "height": _n((top + LABEL) * SCALE), "outline": outline,
            "regions": {k: "".join(sorted(v)) for k, v in regions.items() if v},
            "hatch": "".join(sorted(marks["synergist"])), "dots": "".join(sorted(marks["stabilizer"])),
            "labels": [{"x": _n((mid - left) * SCALE), "y": _n((top + LABEL * 0.85) * SCALE), "text": text}
                       for mid, text in ((FRONT, "Front"), (BACK, "Back"))],
            "thin": _n(0.004 * SCALE),
            "legend": [{"role": role, "shade": ROLE_CLASS[role], "muscles": muscles} for role, muscles in legend.items()],
            "front": c.p((FRONT, 0.0)), "back": c.p((BACK, 0.0))}


def render_body_map(guide: Guide, id_prefix: str = "") -> str:
    """The map as SVG markup on one line (it sits inside Markdown); it carries no ids."""
    d = body_map(guide)
    words = "; ".join(f"{item['role']}: " + ", ".join(m.name for m in item["muscles"]) for item in d["legend"])
    svg = _environment().get_template("body_map.svg.j2").render(
        d=d, ids={"name": f"{id_prefix}-name", "desc": f"{id_prefix}-desc"},
        name="The muscles worked, front and back", description=f"Shaded by role. {words}.")
    return "".join(line.strip() for line in svg.splitlines())


def body_map_problems(guide_muscles, body_map: dict) -> list[tuple[tuple, str, bool]]:
    """Every muscle mapped, every mapped id a muscle: (path in figures.yml, message, whether
    the key itself is what is wrong)."""
    ids = [m.id for m in guide_muscles]
    problems = [(("body_map",), f"the muscle '{i}' has no region on the body map: add `{i}: [region, ...]`", False)
                for i in ids if i not in body_map]
    problems += [(("body_map", key), f"'{key}' is not a muscle of muscles.yml; the muscles are {', '.join(ids)}", True)
                 for key in body_map if key not in ids]
    return problems


def body_map_context(guide: Guide, place: str) -> dict:
    """What the templates show: the SVG (its ids named for `place`) and the legend."""
    return {"svg": render_body_map(guide, f"{FIGURE_PREFIX}body-map-{place}"), "legend": body_map(guide)["legend"]}
