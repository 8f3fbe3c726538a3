"""A computed pose (geometry.Scene) as the shapes a reader sees, in body heights, for
both drawings of a figure: the inline SVG (svg.py) and the preview raster
(raster.py). One list, so the two never drift.

The visual language: the body filled, with some volume (limbs taper from hip to ankle and
shoulder to hand, the trunk is wider at the chest and the hips, the head has a neck, a nose
and an eye, so its direction and a tucked chin show); the near side (the working leg, the
trunk, the near arm) in the body colour, the far side (the lifted leg, the far leg) lighter;
bench and floor muted outlines; equipment outlined over a cut-out, in front of the body or
(the landmine bar between the legs) behind it, never in a limb's fill;
guide lines dashed on a halo along what they measure; arrows for the direction of movement
and of a push; a cross or a tick for a wrong or right pair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .geometry import ELBOW_HALF, PLATE_HALF, WRIST_HALF, Point, Scene, angle_of, turn
from ..data.model import Figure, FiguresFile

# Drawn half-thicknesses, body heights (a drawing choice): where each limb starts and ends.
THIGH = (0.034, 0.024)
SHIN = (0.024, 0.016)
FOOT = (0.016, 0.009)
UPPER_ARM = (0.021, 0.016)
FOREARM = (ELBOW_HALF, WRIST_HALF)
HAND = (WRIST_HALF, 0.009)
NECK = 0.022
TRUNK = (0.05, 0.055, 0.047, 0.055)   # at the shoulder, the shoulder blades, the waist, the hip
SLAB = 0.035                          # the bench's pad
BAND = 0.008                          # a band's half width where it wraps a thigh
# "gear": equipment between the legs (the landmine bar), behind the near side, drawn as
# equipment (outlined, hollow), never in a limb's fill, so it cannot be taken for a leg.
LAYERS = ("prop", "far", "gear", "body", "arm", "front", "guide", "arrow", "mark")


@dataclass(frozen=True)
class Shape:
    """One thing drawn. kind: "taper" (a capsule from points[0] with radii[0] to points[1]
    with radii[1]), "circle" (points[0], radii[0]), "poly" (a filled polygon), "line" (an
    open polyline), "loop" (a closed outline). `cut`: filled with the page's background
    (what stands in front of the body hides it)."""

    layer: str
    kind: str
    points: tuple[Point, ...]
    radii: tuple[float, ...] = ()
    cut: bool = False
    solid: bool = False   # filled in the ink, outlined in the page's background (a dumbbell's heads)


def _at(p: Point, degrees: float, length: float) -> Point:
    return p[0] + math.cos(math.radians(degrees)) * length, p[1] + math.sin(math.radians(degrees)) * length


def _arrow(start: Point, end: Point, layer: str = "arrow") -> Shape:
    """A filled arrow from `start` to `end` (the tip)."""
    heading = angle_of(start, end)
    shaft, head, length = 0.009, 0.03, 0.045
    neck = _at(end, heading + 180, length)
    return Shape(layer, "poly", (
        _at(start, heading + 90, shaft), _at(neck, heading + 90, shaft), _at(neck, heading + 90, head), end,
        _at(neck, heading - 90, head), _at(neck, heading - 90, shaft), _at(start, heading - 90, shaft)))


def _leg(leg, layer: str, planted: bool) -> list[Shape]:
    """A leg: thigh, shin and a foot with a heel (the lifted foot drawn as the planted one is,
    its sole towards the shin's front: the toes up)."""
    shapes = [Shape(layer, "taper", (leg.hip, leg.knee), THIGH), Shape(layer, "taper", (leg.knee, leg.ankle), SHIN)]
    heading = angle_of(leg.heel, leg.toe)
    # The sole's side: the planted foot's is the floor (below); the lifted foot's faces away from the knee.
    up = 90 if planted else (90 if turn(heading, angle_of(leg.ankle, leg.knee)) > 0 else -90)
    heel = _at(_at(leg.heel, heading + up, FOOT[0]), heading, FOOT[0])
    toe = _at(_at(leg.toe, heading + up, FOOT[1]), heading, -FOOT[1])
    return shapes + [Shape(layer, "taper", (leg.ankle, heel), (SHIN[1], FOOT[0])), Shape(layer, "taper", (heel, toe), FOOT)]


def shapes(scene: Scene, figure: Figure, figures: FiguresFile) -> list[Shape]:
    """Every shape of the figure, in drawing order (LAYERS, then as listed)."""
    body, props = scene.body, figures.props
    out: list[Shape] = []
    left, right, top = scene.bench
    # The bench: its pad and two legs; the floor is drawn by the caller across the canvas.
    out.append(Shape("prop", "loop", ((left, top), (right, top), (right, top - SLAB), (left, top - SLAB))))
    for x in (left + 0.03, right - 0.03):
        out.append(Shape("prop", "line", ((x, top - SLAB), (x, 0.0))))
    if scene.lifted:
        out += _leg(scene.lifted, "far", planted=False)
    if scene.other:
        out += _leg(scene.other, "far", planted=True)
    if scene.landmine:
        # The bar between the legs (behind the near one, in front of the lifted one): from the
        # pivot up to the sleeve on the hips; the plate on the sleeve seen edge-on, as wide as
        # a plate is thick; the pivot's base on the floor beyond the feet, a block with its
        # sleeve along the bar.
        pivot, rest = scene.landmine
        heading = angle_of(rest, pivot)
        out += [Shape("gear", "taper", (pivot, rest), (0.011, 0.011), cut=True),
                Shape("gear", "taper", (_at(rest, heading, -0.02), _at(rest, heading, 0.2)), (0.017, 0.017), cut=True)]
        (a, b), across = scene.plate, angle_of(*scene.plate)
        out.append(Shape("gear", "loop", (_at(a, across + 90, PLATE_HALF), _at(b, across + 90, PLATE_HALF),
                                          _at(b, across - 90, PLATE_HALF), _at(a, across - 90, PLATE_HALF)), cut=True))
        x, base, plate = pivot[0], 0.075, 0.014
        out += [Shape("gear", "loop", ((x - base, 0.0), (x - base, plate), (x + base, plate), (x + base, 0.0)), cut=True),
                Shape("gear", "loop", ((x - 0.032, plate), (x - 0.016, pivot[1]), (x + 0.016, pivot[1]), (x + 0.032, plate)),
                      cut=True),
                Shape("gear", "circle", (pivot,), (0.016,), cut=True)]
    # The trunk: shoulder, shoulder blades, waist, hip.
    spine = (scene.shoulder, scene.blade, scene.waist, scene.hip)
    for (a, ra), (b, rb) in zip(zip(spine, TRUNK), zip(spine[1:], TRUNK[1:])):
        if math.dist(a, b) > 1e-9:
            out.append(Shape("body", "taper", (a, b), (ra, rb)))
    if figure.pose.arch > 0:
        # Ribs flared up (an arched back): the front of the lower rib cage lifts above the
        # trunk's line, just above the waist where the lower back bends.
        chest = angle_of(scene.blade, scene.waist)
        ribs = _at(scene.blade, chest, 0.7 * math.dist(scene.blade, scene.waist))
        lift = min(figure.pose.arch, 25) / 25 * 0.022
        peak = _at(ribs, chest + 90, TRUNK[2] - 0.04 + lift)
        out.append(Shape("body", "taper", (scene.blade, peak), (TRUNK[1], 0.04)))
        # The belly and lower back humped up over the waist (no dip there, as a neutral trunk
        # narrows), sloping down to the tipped pelvis.
        pelvis = angle_of(scene.waist, scene.hip)
        belly = _at(scene.waist, (chest + pelvis) / 2 + 90, TRUNK[2] - 0.036 + 0.8 * lift)
        out.append(Shape("body", "taper", (peak, belly), (0.04, 0.036)))
        out.append(Shape("body", "taper", (belly, scene.hip), (0.036, TRUNK[3])))
    out.append(Shape("body", "taper", (scene.shoulder, scene.neck), (NECK, NECK)))
    hr = body.head_radius
    out.append(Shape("body", "circle", (scene.head,), (hr,)))
    # The face, so gaze and a tucked chin show: the jaw out towards the chin (between where the
    # face looks and the neck), a small round nose where it looks, an eye above it towards
    # the crown (a cut-out dot).
    from_neck = turn(scene.face, angle_of(scene.head, scene.neck))
    chin = scene.face + 0.55 * from_neck
    out.append(Shape("body", "taper", (scene.head, _at(scene.head, chin, hr * 0.72)), (hr * 0.9, hr * 0.4)))
    out.append(Shape("body", "circle", (_at(scene.head, scene.face + 0.1 * from_neck, hr * 0.95),), (hr * 0.2,)))
    out.append(Shape("body", "circle", (_at(scene.head, scene.face - 0.45 * from_neck, hr * 0.55),), (0.0085,), cut=True))
    out += _leg(scene.working, "body", planted=True)
    arm = scene.arm
    # The near arm on a layer of its own, outlined, so it shows where it lies over the trunk.
    out += [Shape("arm", "taper", (arm.shoulder, arm.elbow), UPPER_ARM),
            Shape("arm", "taper", (arm.elbow, arm.wrist), FOREARM),
            Shape("arm", "taper", (arm.wrist, arm.fingers), HAND)]
    if scene.dumbbell:
        # Seen from the side a little from above: the far head up and behind, the handle, the near head.
        r = props.dumbbell_radius
        far = (scene.dumbbell[0] - 0.3 * r, scene.dumbbell[1] + 0.35 * r)
        # Filled, each head outlined, so it reads as a weight (not an outlined nut).
        out += [Shape("front", "circle", (far,), (r,), solid=True), Shape("front", "line", (far, scene.dumbbell)),
                Shape("front", "circle", (scene.dumbbell,), (r,), solid=True)]
    if scene.band:
        # An elastic loop, flat: a cuff round each thigh just above the knee, and between them
        # the loop's two strands side by side, parallel (never crossed into an X).
        near, far = scene.band
        for end, leg in ((near, scene.working), (far, scene.lifted or scene.working)):
            heading = angle_of(leg.hip, leg.knee) + 90
            half = THIGH[1] + 0.006
            out.append(Shape("front", "taper", (_at(end, heading, half), _at(end, heading, -half)), (BAND, BAND), cut=True))
        side = angle_of(near, far) + 90
        for k in (1, -1):
            out.append(Shape("front", "taper", (_at(near, side, k * BAND), _at(far, side, k * BAND)),
                             (0.7 * BAND, 0.7 * BAND), cut=True))
    if scene.pad:
        # The pad on the hip crease under the bar.
        out.append(Shape("front", "taper", scene.pad, (0.014, 0.014), cut=True))
    working = scene.working
    if "straight-line" in figure.guides:
        heading = angle_of(scene.shoulder, working.knee)
        # From just behind the shoulders to the working knee, no further: past the knee it would
        # seem to run on to the lifted foot.
        out.append(Shape("guide", "line", (_at(scene.shoulder, heading, -0.05), working.knee)))
    if "vertical-shin" in figure.guides:
        x = working.ankle[0]
        out.append(Shape("guide", "line", ((x, working.heel[1] + 0.002), (x, working.knee[1] + 0.07))))
    if "push-down" in figure.guides:
        # Straight down on the elbow, into the bench (the elbow lies towards the hips from the
        # shoulder, so the arrow clears the head).
        out.append(_arrow((arm.elbow[0], arm.elbow[1] + 0.2), (arm.elbow[0], arm.elbow[1] + UPPER_ARM[1] + 0.012)))
    if figure.movement:
        hx, hy = scene.hip
        if abs(arm.fingers[0] - hx) < 0.08 and arm.fingers[1] < hy:
            hx += 0.08   # the hand lies on the floor under the hips: the arrow beside it, under the buttocks
        low = (hx, max(0.03, hy - body.trunk_radius - 0.17))
        high = (hx, hy - body.trunk_radius - 0.025)
        if figure.movement == "down":
            # Beside the hips, under the thighs on the feet's side (not over the belly): down to the floor.
            x = hx + body.trunk_radius + 0.05
            low, high = (x, 0.012), (x, max(hy + 0.04, 0.012 + 0.1))
            low, high = high, low
        out.append(_arrow(low, high))
    return out


def mark(figure: Figure, canvas_left: float, canvas_top: float) -> Shape | None:
    """A cross (wrong) or a tick (right) in the top left corner of the canvas."""
    if figure.verdict is None:
        return None
    x, y, s = canvas_left + 0.08, canvas_top - 0.08, 0.05
    if figure.verdict == "wrong":
        return Shape("mark", "line", ((x - s, y + s), (x + s, y - s), (x, y), (x - s, y - s), (x + s, y + s)))
    return Shape("mark", "line", ((x - s, y), (x - s / 3, y - s * 0.8), (x + s, y + s)))
