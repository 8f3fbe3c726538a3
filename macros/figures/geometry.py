"""A figure's pose, computed: from the few numbers in data/figures.yml to every joint.

Side view, the reader's left is the head end. Units are body heights; x grows towards the
feet, y upwards from the floor (y = 0), z towards the reader (the near side). The back rests
on the bench's edge, the corner at (0, bench height), or on the floor; the planted foot
stands flat on the floor (or on the bench). The trunk's angle follows from where the back
touches and how high the hips are; the working knee from the hip and the ankle by
two-segment inverse kinematics; the arms from what the hands hold (the bench top beside the
shoulders, the chest, the dumbbell, the bar, the floor) by the same in three dimensions,
the elbow turned to rest just off what is under it. So no figure can put a foot through
the floor, float the back off the bench or give an arm an angle of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..data.model import Body, Bench, Figure, FiguresFile, Pose, Props

Point = tuple[float, float]
Point3 = tuple[float, float, float]

WAIST = 0.7  # the lower back bends here (the lumbar spine, above the pelvis): share of the trunk from the shoulder
# An arched back bows up between the shoulders and the hips: the ribs flare (the lower chest
# rises from where the upper back rests, by this share of the arch) and the pelvis tips down
# at the waist by the whole arch, so the lower back humps above the line while the hips stay on it.
RIBS = 0.5
BAR_RADIUS = 0.015
PAD_RADIUS = 0.014    # a hip pad's half thickness (about 5 cm thick), body heights
PAD_HALF = 0.05       # half its length along the pelvis
PLATE_HALF = 0.02    # the landmine plate's half thickness seen edge-on (about 7 cm thick), body heights
PIVOT_HEIGHT = 0.05   # the landmine's hinge above the floor, on its base
PLATE_AT = 0.15      # the landmine plate's centre along the bar from the sleeve's end: past the hips, between the thighs
# The arm's half thickness at the elbow and at the wrist (shapes.py draws it so): what rests on
# a support touches it at these, so a hand on the bench lies on its top, not floating over it.
ELBOW_HALF = 0.016
WRIST_HALF = 0.012
CROSSED_WRIST = 0.25  # crossed arms: the wrist's place along the chest from the shoulder (near the far shoulder)
LIFTED_FOOT = 0.65    # the lifted foot's drawn length, a share of the foot's (a drawing choice: seen from the side a
                      # full-length foot held up reads as a third leg segment as long as the shin)
HEEL_PLANTAR = 40  # degrees the ankle points when the foot rests on its heel (on the bench)


class PoseError(ValueError):
    """A pose the body cannot take (a foot out of reach); `field` names the number to change."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _direction(degrees: float) -> Point:
    return math.cos(math.radians(degrees)), math.sin(math.radians(degrees))


def _along(start: Point, degrees: float, length: float) -> Point:
    dx, dy = _direction(degrees)
    return start[0] + dx * length, start[1] + dy * length


def angle_of(start: Point, end: Point) -> float:
    """Direction from `start` to `end`, degrees counter-clockwise from the +x axis."""
    return math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))


def turn(a: float, b: float) -> float:
    """The signed turn from direction `a` to direction `b`, degrees in (-180, 180]."""
    d = (b - a) % 360
    return d - 360 if d > 180 else d


def two_segment(root: Point, end: Point, upper: float, lower: float) -> Point:
    """The middle joint (knee) of a chain from `root` (hip) to `end` (ankle) with these two
    segment lengths, bent upwards (a knee in a hip thrust points at the ceiling).
    ValueError when `end` is out of reach or too close."""
    dx, dy = end[0] - root[0], end[1] - root[1]
    reach = math.hypot(dx, dy)
    if reach > upper + lower or reach < abs(upper - lower) or reach == 0:
        raise ValueError(f"the foot is {reach:.3f} body heights from the hip; the leg reaches from "
                         f"{abs(upper - lower):.3f} to {upper + lower:.3f}")
    bend = math.degrees(math.acos((upper ** 2 + reach ** 2 - lower ** 2) / (2 * upper * reach)))
    base = math.degrees(math.atan2(dy, dx))
    candidates = [_along(root, base + bend, upper), _along(root, base - bend, upper)]
    return max(candidates, key=lambda p: p[1])


def distance_to_segment(point: Point, start: Point, end: Point) -> tuple[float, float]:
    """Distance from `point` to the segment, and where along it (0..1) the nearest point is."""
    sx, sy = end[0] - start[0], end[1] - start[1]
    if sx == sy == 0:
        return math.dist(point, start), 0.0
    t = ((point[0] - start[0]) * sx + (point[1] - start[1]) * sy) / (sx * sx + sy * sy)
    t = min(1.0, max(0.0, t))
    nearest = (start[0] + t * sx, start[1] + t * sy)
    return math.dist(point, nearest), t


def _sub(a: Point3, b: Point3) -> Point3:
    return a[0] - b[0], a[1] - b[1], a[2] - b[2]


def _norm(a: Point3) -> float:
    return math.sqrt(a[0] ** 2 + a[1] ** 2 + a[2] ** 2)


def _unit(a: Point3) -> Point3:
    n = _norm(a)
    return a[0] / n, a[1] / n, a[2] / n


def _cross(a: Point3, b: Point3) -> Point3:
    return a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]


def _plus(a: Point3, b: Point3, k: float = 1.0) -> Point3:
    return a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2]


def elbow_3d(shoulder: Point3, wrist: Point3, upper: float, lower: float, clearance, lift: float,
             prefer=None) -> Point3 | None:
    """The elbow of an arm from `shoulder` to `wrist`: of the circle of elbows the two lengths
    allow, the one whose `clearance` (distance off what lies under it) is nearest `lift`,
    never below it; among equals the one straight out to the side (nearest the shoulder's x:
    the least flexion or extension), or the one `prefer` (a point's cost) ranks first. None: out of reach."""
    d = _sub(wrist, shoulder)
    reach = _norm(d)
    if reach > upper + lower or reach < abs(upper - lower) or reach == 0:
        return None
    a = (upper ** 2 - lower ** 2 + reach ** 2) / (2 * reach)
    rho = math.sqrt(max(upper ** 2 - a ** 2, 0.0))
    axis = _unit(d)
    helper = (0.0, 0.0, 1.0) if abs(axis[2]) < 0.9 else (1.0, 0.0, 0.0)
    e1 = _unit(_cross(axis, helper))
    e2 = _cross(axis, e1)
    cx, cy, cz = _plus(shoulder, axis, a)
    best, best_key = None, None
    # The full key only where its first two parts tie or beat the best so far: the same
    # choice as comparing every full key, at a fraction of the cost (the build checks every
    # pose for eleven bodies).
    for cos_t, sin_t in _HALF_DEGREES:
        u, v = rho * cos_t, rho * sin_t
        point = (cx + e1[0] * u + e2[0] * v, cy + e1[1] * u + e2[1] * v, cz + e1[2] * u + e2[2] * v)
        gap = clearance(point)
        clear = gap >= lift - 1e-9
        head = (0, int(abs(gap - lift) / 0.004)) if clear else (1, -gap)
        if best_key is not None and head > best_key[:2]:
            continue
        key = (*head, round(prefer(point), 6) if prefer else round(abs(point[0] - shoulder[0]), 6), -round(point[2], 6))
        if best_key is None or key < best_key:
            best, best_key = point, key
    return best


# The circle of elbows sampled every half degree.
_HALF_DEGREES = tuple((math.cos(math.radians(k * 0.5)), math.sin(math.radians(k * 0.5))) for k in range(720))


@dataclass(frozen=True)
class Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point


@dataclass(frozen=True)
class Arm:
    shoulder: Point
    elbow: Point
    wrist: Point
    fingers: Point
    # The same joints in three dimensions (z towards the reader), for the elbow's true bend.
    shoulder3: Point3 = (0.0, 0.0, 0.0)
    elbow3: Point3 = (0.0, 0.0, 0.0)
    wrist3: Point3 = (0.0, 0.0, 0.0)
    target: Point3 = (0.0, 0.0, 0.0)   # where the hand was meant to be


@dataclass(frozen=True)
class Scene:
    """Every point a figure draws, in body heights (see the module's docstring)."""

    body: Body
    head: Point
    neck: Point          # where the neck meets the head circle
    face: float          # the face's direction, degrees (90: the ceiling)
    shoulder: Point
    blade: Point         # where the back rests (the shoulder blades); on the chest's line on a bench
    waist: Point         # where the lower back bends (on the line when the back is neutral)
    hip: Point
    contact: Point       # where the back touches its support
    working: Leg
    lifted: Leg | None
    arm: Arm
    bench: tuple[float, float, float]   # left x, right x, top y
    bench_under: str                    # "back" or "foot"
    equipment: tuple[str, ...]
    dumbbell: Point | None
    band: tuple[Point, Point] | None    # the loop's two ends, just above each knee
    landmine: tuple[Point, Point] | None  # pivot on the floor beyond the feet, the bar's rest on the hips
    other: Leg | None = None              # the far leg, planted too (both feet down)
    plate: tuple[Point, Point] | None = None  # the landmine's plate seen edge-on: its two rims
    pad: tuple[Point, Point] | None = None    # the hip pad under the landmine bar: its two ends

    @property
    def belly(self) -> Point:
        return self.waist

    def joints(self) -> dict[str, Point]:
        """Every joint by name (the lifted leg's as lifted_*)."""
        named = {"head": self.head, "shoulder": self.shoulder, "blade": self.blade, "waist": self.waist, "hip": self.hip,
                 "elbow": self.arm.elbow, "wrist": self.arm.wrist, "fingers": self.arm.fingers}
        for prefix, leg in (("", self.working), ("lifted_", self.lifted), ("other_", self.other)):
            if leg is not None:
                named.update({f"{prefix}knee": leg.knee, f"{prefix}ankle": leg.ankle,
                              f"{prefix}heel": leg.heel, f"{prefix}toe": leg.toe})
        return named

    def shin_lean(self) -> float:
        """The working shin's lean from vertical, degrees: positive when the knee is past the
        foot (towards the feet end), negative when the foot is ahead of the knee."""
        knee, ankle = self.working.knee, self.working.ankle
        return math.degrees(math.atan2(knee[0] - ankle[0], knee[1] - ankle[1]))

    def body_line(self) -> float:
        """The shoulder–hip–knee angle at the hip, degrees (180 = one straight line)."""
        a = angle_of(self.hip, self.shoulder)
        b = angle_of(self.hip, self.working.knee)
        return 180 - abs(180 - abs(a - b) % 360)

    def chest_angle(self) -> float:
        """The upper back's direction (shoulder to shoulder blades), which the neck and arms turn from."""
        if math.dist(self.shoulder, self.blade) > 1e-9:
            return angle_of(self.shoulder, self.blade)
        return angle_of(self.shoulder, self.waist)

    def lower_chest_angle(self) -> float:
        return angle_of(self.blade, self.waist)

    def pelvis_angle(self) -> float:
        return angle_of(self.waist, self.hip)


def _trunk(pose: Pose, body: Body, bench: Bench) -> tuple[Point, Point, Point, Point, Point]:
    """Shoulder, shoulder blades (where the back rests), waist, hip and the contact point, from where the back rests and the hip height.
    The chest falls at an angle phi towards the hips; an arched lower back bends the pelvis
    `arch` degrees further down from the chest at the waist (the lower back bows up)."""
    length, radius = body.trunk, body.trunk_radius
    h, arch = pose.hip_height, math.radians(pose.arch)
    rise = RIBS * arch
    chest, pelvis = WAIST * length, (1 - WAIST) * length

    def u(phi: float) -> Point:
        return math.cos(phi), -math.sin(phi)

    if pose.back_on == "floor":
        # The upper back lies on the floor, the shoulder one trunk radius above it, flat to the
        # shoulder blades (a share back_contact of the trunk); from there the trunk rises.
        c = min(pose.back_contact, WAIST)

        def place(phi: float):
            shoulder = (0.0, radius)
            blade = (c * length, radius)
            waist = (blade[0] + (chest - c * length) * u(phi - rise)[0], blade[1] + (chest - c * length) * u(phi - rise)[1])
            hip = (waist[0] + pelvis * u(phi - rise + arch)[0], waist[1] + pelvis * u(phi - rise + arch)[1])
            return shoulder, blade, waist, hip, (0.0, 0.0)
    else:
        # Back on the bench's edge C = (0, b): the point of the spine a share c from the
        # shoulder lies one trunk radius from C along the chest's normal (sin phi, cos phi).
        c, b = pose.back_contact, bench.height

        def place(phi: float):
            spine = (radius * math.sin(phi), b + radius * math.cos(phi))
            shoulder = (spine[0] - c * length * u(phi)[0], spine[1] - c * length * u(phi)[1])
            waist = (spine[0] + (chest - c * length) * u(phi - rise)[0], spine[1] + (chest - c * length) * u(phi - rise)[1])
            hip = (waist[0] + pelvis * u(phi - rise + arch)[0], waist[1] + pelvis * u(phi - rise + arch)[1])
            return shoulder, spine, waist, hip, (0.0, b)
    low, high = math.radians(-85), math.radians(85)
    y_low, y_high = place(low)[3][1], place(high)[3][1]
    if not min(y_low, y_high) <= h <= max(y_low, y_high):
        where = "the shoulders on the floor" if pose.back_on == "floor" else f"the back on a bench {bench.height} high"
        raise PoseError("hip_height", f"hips at {h} body heights cannot be reached with {where}")
    for _ in range(80):   # the hip falls as phi grows: bisect for the hip height asked
        mid = (low + high) / 2
        if (place(mid)[3][1] - h) * (y_low - h) > 0:
            low = mid
        else:
            high = mid
    return place((low + high) / 2)


def _foot_range_message(foot: float, hip: Point, ankle_y: float, origin: float, body: Body) -> str:
    """What `foot:` values the leg can reach from this hip, as numbers one can type: the
    ankle's height is fixed (the foot is flat), so the reach bounds its distance along the floor."""
    dy = ankle_y - hip[1]
    longest, shortest = body.thigh + body.shank, abs(body.thigh - body.shank)
    if longest ** 2 <= dy ** 2:
        return (f"foot: {foot} cannot be reached: at this hip_height the hip is too far above the floor "
                "for the leg; lower hip_height")
    outer = math.sqrt(longest ** 2 - dy ** 2)
    # Beyond the hip (towards the feet); when the leg can fold shorter than the height, the
    # range runs on through the point under the hip to the same reach behind it.
    inner = math.sqrt(shortest ** 2 - dy ** 2) if shortest ** 2 > dy ** 2 else -outer
    low, high = hip[0] - origin + inner, hip[0] - origin + outer
    # Rounded inwards, so every value in the range works as typed; `foot` is above 0 (model.py).
    low, high = max(0.01, math.ceil(low * 100) / 100), math.floor(high * 100) / 100
    side = "too far from" if foot > high else "too close to"
    return (f"foot: {foot} puts the foot {side} the hip for the leg to reach; at this hip_height use a "
            f"value from {low:.2f} to {high:.2f} (body heights)")


def _planted_leg(pose: Pose, body: Body, bench: Bench, hip: Point, origin: float,
                 foot: float | None = None, field: str = "foot") -> tuple[Leg, tuple]:
    ground = bench.height if pose.foot_on == "bench" else 0.0
    foot = pose.foot if foot is None else foot
    # A heel lifted `heel_lift` degrees: the foot rocks up about its toes (they stay on the
    # floor), so the ankle rises and the foot's pitch takes some of the shin's lean.
    lift = math.radians(pose.heel_lift if field == "foot" else 0.0)
    ankle = (origin + foot, ground + 0.8 * body.foot * math.sin(lift) + body.ankle_height * math.cos(lift))
    try:
        knee = two_segment(hip, ankle, body.thigh, body.shank)
    except ValueError:
        raise PoseError(field, _foot_range_message(foot, hip, ankle[1], origin, body).replace("foot:", f"{field}:")) from None
    toe = (ankle[0] + 0.8 * body.foot * math.cos(lift) - body.ankle_height * math.sin(lift), ground)
    heel = (toe[0] - body.foot * math.cos(lift), ground + body.foot * math.sin(lift))
    if pose.foot_on == "bench":
        # On a bench the shin leans far back: the foot rests on its heel, toes up, the ankle
        # held a little pointed (as one pushes through the heel), not flat and bent past its range.
        pitch = max(0.0, angle_of(ankle, knee) - 90 - HEEL_PLANTAR)
        heel = (ankle[0] - 0.2 * body.foot * math.cos(math.radians(pitch)), ground)
        toe = _along(heel, pitch, body.foot)
    # A foot on the bench: the bench stands under the foot, its near edge just behind the heel.
    bench_box = (heel[0] - 0.02, heel[0] - 0.02 + bench.depth, bench.height) if pose.foot_on == "bench" \
        else (-bench.depth, 0.0, bench.height)
    return Leg(hip, knee, ankle, heel, toe), bench_box


def _lifted_leg(pose: Pose, body: Body, hip: Point, pelvis: float) -> Leg | None:
    """The lifted thigh turns with the pelvis: its angle is the hip's flexion from the pelvis's line."""
    if pose.lifted is None:
        return None
    thigh = pelvis + pose.lifted.hip
    knee = _along(hip, thigh, body.thigh)
    shin = thigh - pose.lifted.knee
    ankle = _along(knee, shin, body.shank)
    # The foot at a right angle to the shin, toes up; drawn shorter than the planted one
    # (LIFTED_FOOT), so the lifted leg reads as thigh, shin and a foot, not three long segments.
    foot = LIFTED_FOOT * body.foot
    heel = _along(ankle, shin + 90, -0.2 * foot)
    toe = _along(ankle, shin + 90, 0.8 * foot)
    return Leg(hip, knee, ankle, heel, toe)


def _dumbbell(body: Body, props: Props, hip: Point, pelvis: float, lifted: Leg | None) -> Point:
    """Across the hips, centred over the hip joint on the front of the pelvis. A lifted thigh
    rises from the far hip behind it (another depth), so it does not move the weight."""
    return _along(hip, pelvis + 90, body.trunk_radius + props.dumbbell_radius)


def _arm(pose: Pose, body: Body, bench: tuple, props: Props, shoulder: Point, waist: Point,
         dumbbell: Point | None, bar: tuple[Point3, Point3] | None) -> Arm:
    """The near arm from what its hand holds (pose.arms.hands)."""
    lr = body.limb_radius
    upper, lower = body.upper_arm, body.forearm
    s3 = (shoulder[0], shoulder[1], props.shoulder_width / 2)
    hands = pose.arms.hands
    lift = 0.0 if pose.arms.elbows == "on-bench" else props.elbow_lift
    left, right, top = bench

    def over_bench(p: Point3) -> float:
        return p[1] - top - lr if left + lr <= p[0] <= right - lr else p[1] - lr

    def over_chest(p: Point3) -> float:
        return distance_to_segment((p[0], p[1]), shoulder, waist)[0] - body.trunk_radius - lr

    def over_floor(p: Point3) -> float:
        return p[1] - lr

    sitting = shoulder[0] > right - lr   # the shoulders in front of the bench (sitting against it)
    if hands == "bench" and (pose.arms.elbows == "on-bench" or sitting):
        # Elbows pressed into the pad out beside the trunk (the upper arm reaches down to it),
        # the forearms flat on it towards the head. Sitting against the bench the hands rest
        # on the pad behind the shoulders the same way, the elbow just off it (lift), so the
        # side view shows the elbow bent and the hand flat on the pad, not an arm seen end-on.
        drop = shoulder[1] - top - ELBOW_HALF - lift
        if drop > upper:
            raise PoseError("arms", "the elbows cannot reach down to the bench from these shoulders")
        # Towards the hips as far as the pad allows, so the side view shows the upper arm going
        # from the shoulder down to the pad (clear of the head, which lies beyond the shoulder);
        # the forearm flat on the pad at a right angle to the upper arm, towards the head
        # (turned out as far as needed to stay on the pad).
        x = min(max(shoulder[0] + 0.35 * upper, left + lr), right - lr)
        side = math.sqrt(max(upper ** 2 - drop ** 2 - (x - shoulder[0]) ** 2, 0.0))
        elbow = (x, top + ELBOW_HALF + lift, s3[2] + side)
        ux, uz = x - shoulder[0], side
        # Flat on the pad and square to the upper arm: (fx, fz) with ux*fx + uz*fz = 0, fx <= 0.
        norm = math.hypot(ux, uz) or 1.0
        fx, fz = -lower * uz / norm, lower * ux / norm
        room = x - left - lr
        if -fx > room:   # the pad ends: turn the forearm out until the wrist is on it
            fx = -max(room, 0.0)
            fz = math.sqrt(max(lower ** 2 - fx ** 2, 0.0))
        wrist = (x + fx, top + WRIST_HALF, elbow[2] + fz)
        return _finish(hands, body, shoulder, s3, elbow, wrist, wrist, bench)
    if hands == "bench":
        # On the pad beside the shoulders (never past its edge when the shoulders are beyond it).
        x = min(max(shoulder[0] - props.hands_behind, left + 0.03), right - 0.03)
        target = (x, top + WRIST_HALF, props.hands_beside)
        clearance = over_bench
    elif hands == "floor":
        dy, dz = shoulder[1] - lr, props.hands_beside - s3[2]
        dx = math.sqrt(max((0.97 * (upper + lower)) ** 2 - dy ** 2 - dz ** 2, 0.0))
        target = (shoulder[0] + dx, WRIST_HALF, props.hands_beside)
        clearance = over_floor
    elif hands == "chest":
        # Crossed over the chest, lying on it: the forearm across the chest with the wrist
        # near the far shoulder (the fingers on towards it), the elbow down on the chest by the
        # lower ribs. Both rest on the chest's front (one limb's radius off its surface, never
        # behind the back); of the elbows that reach, the one furthest towards the hips.
        down = angle_of(shoulder, waist)
        t, n = _direction(down), _direction(down + 90)

        def on_chest(p: Point3) -> float:
            rel = (p[0] - shoulder[0], p[1] - shoulder[1])
            return rel[0] * n[0] + rel[1] * n[1] - body.trunk_radius - ELBOW_HALF

        up = _along(_along(shoulder, down, CROSSED_WRIST * math.dist(shoulder, waist)), down + 90,
                    body.trunk_radius + WRIST_HALF)
        target = (up[0], up[1], -props.shoulder_width / 5)
        elbow = elbow_3d(s3, target, upper, lower, on_chest, 0.0,
                         prefer=lambda p: -((p[0] - shoulder[0]) * t[0] + (p[1] - shoulder[1]) * t[1]))
        if elbow is not None:
            return _finish(hands, body, shoulder, s3, elbow, target, target)
        clearance = on_chest
    elif hands == "dumbbell" and dumbbell is not None:
        # The near hand on the dumbbell's near end at the hips, the upper arm down along the
        # side of the trunk, the elbow by the ribs: beside the trunk (out past its half
        # width) the arm is clear of it, and of those elbows the one nearest the trunk's line.
        target = (dumbbell[0], dumbbell[1], props.shoulder_width / 2)
        beside = props.shoulder_width / 2 - lr

        def by_side(p: Point3) -> float:
            return lift if p[2] >= beside else over_chest(p)
        elbow = elbow_3d(s3, target, upper, lower, by_side, lift,
                         prefer=lambda p: distance_to_segment((p[0], p[1]), shoulder, waist)[0] + max(0.0, p[2] - s3[2]))
        if elbow is not None:
            return _finish(hands, body, shoulder, s3, elbow, target, target)
        clearance = over_chest
    elif hands == "bar" and bar is not None:
        # The near hand on the bar's sleeve end, beside the bar (just off the midline).
        target = bar[0]
        clearance = over_chest
    else:
        raise PoseError("arms", f"the hands hold the {hands}, which this figure does not show")
    elbow = elbow_3d(s3, target, upper, lower, clearance, lift)
    if elbow is None:
        # Out of reach: the arm points at its target, straight; the contact check reports the gap.
        direction = _unit(_sub(target, s3))
        elbow = _plus(s3, direction, upper)
        wrist = _plus(elbow, direction, lower)
    else:
        wrist = target
    return _finish(hands, body, shoulder, s3, elbow, wrist, target, bench)


def _finish(hands: str, body: Body, shoulder: Point, s3: Point3, elbow: Point3, wrist: Point3, target: Point3,
            bench: tuple | None = None) -> Arm:
    forearm = _sub(wrist, elbow)
    if hands in ("bench", "floor"):
        # The hand lies on what it holds, fingers on along the forearm's heading; on the bench
        # turned out to the side as far as needed to keep the fingers on the pad (never over
        # its edge or down through it).
        flat = _unit((forearm[0], 0.0, forearm[2]) if abs(forearm[0]) + abs(forearm[2]) > 1e-9 else (-1.0, 0.0, 0.0))
        reach = 0.7 * body.hand
        if hands == "bench" and bench is not None:
            left, right = bench[0] + body.limb_radius, bench[1] - body.limb_radius
            x = min(max(wrist[0] + reach * flat[0], left), right)
            fx = (x - wrist[0]) / reach
            fz = math.copysign(math.sqrt(max(1.0 - fx * fx, 0.0)), flat[2] if flat[2] else 1.0)
            flat = (fx, 0.0, fz)
        fingers = _plus(wrist, flat, reach)
    else:
        fingers = _plus(wrist, _unit(forearm), 0.4 * body.hand)
    flat2 = lambda p: (p[0], p[1])  # noqa: E731
    return Arm(shoulder, flat2(elbow), flat2(wrist), flat2(fingers), s3, elbow, wrist, target)


def pose_scene(figure: Figure, figures: FiguresFile) -> Scene:
    """Every joint of `figure`, from its pose numbers and the body in `figures`."""
    body, bench, props, pose = figures.body, figures.bench, figures.props, figure.pose
    shoulder, blade, waist, hip, contact = _trunk(pose, body, bench)
    chest = angle_of(shoulder, blade) if math.dist(shoulder, blade) > 1e-9 else angle_of(shoulder, waist)
    pelvis = angle_of(waist, hip)
    # The head continues the chest past the shoulders, bent `neck` degrees towards the chest
    # (chin tucked); lying on the floor it rests on the floor.
    neck_dir = chest + 180 - pose.neck
    head = _along(shoulder, neck_dir, body.head_neck - body.head_radius)
    if pose.back_on == "floor":
        head = (head[0], body.head_radius)
    neck = _along(shoulder, neck_dir, body.head_neck - 2 * body.head_radius)
    face = angle_of(neck, head) - 90
    origin = shoulder[0] if pose.back_on == "floor" else 0.0
    working, bench_box = _planted_leg(pose, body, bench, hip, origin)
    lifted = _lifted_leg(pose, body, hip, pelvis)
    other = _planted_leg(pose, body, bench, hip, origin, pose.other_foot, "other_foot")[0] \
        if pose.other_foot is not None else None
    dumbbell = _dumbbell(body, props, hip, pelvis, lifted) if "dumbbell" in figure.equipment else None
    band = None
    if "band" in figure.equipment:
        # Just above each knee: on the thigh a fifth of its length from the knee (above the kneecap).
        near = _along(working.knee, angle_of(working.knee, hip), 0.2 * body.thigh)
        far = _along(lifted.knee, angle_of(lifted.knee, hip), 0.2 * body.thigh) if lifted else near
        band = (near, far)
    landmine, bar, plate, pad = None, None, None, None
    if "landmine" in figure.equipment:
        # A landmine bar runs along the body's midline, between the legs: from its pivot on the
        # floor beyond the feet up to the hips, where its sleeve end rests across a pad on the
        # hip crease (the text: "pad your hips well"). The plate sits on the sleeve just past the
        # pad, towards the pivot, seen edge-on from the side (a disc square to the bar); the
        # hands hold the sleeve's end. Drawn at the figures' one scale, the bar is as long as
        # fits the canvas (props.landmine_length).
        normal = pelvis + 90
        pad_centre = _along(hip, normal, body.trunk_radius + PAD_RADIUS)
        pad = (_along(pad_centre, pelvis, -PAD_HALF), _along(pad_centre, pelvis, PAD_HALF))
        rest = _along(hip, normal, body.trunk_radius + 2 * PAD_RADIUS + BAR_RADIUS)
        run = math.sqrt(max(props.landmine_length ** 2 - (rest[1] - PIVOT_HEIGHT) ** 2, 0.0))
        pivot = (rest[0] + run, PIVOT_HEIGHT)
        heading = angle_of(rest, pivot)
        centre = _along(rest, heading, PLATE_AT)
        plate = (_along(centre, heading + 90, props.plate_radius), _along(centre, heading - 90, props.plate_radius))
        grip = _along(rest, heading, -0.015)   # the sleeve's end, just past the rest towards the head
        bar = ((grip[0], grip[1], BAR_RADIUS + body.limb_radius), (pivot[0], pivot[1], BAR_RADIUS + body.limb_radius))
        landmine = (pivot, rest)
    arm = _arm(pose, body, bench_box, props, shoulder, waist, dumbbell, bar)
    return Scene(body=body, head=head, neck=neck, face=face, shoulder=shoulder, blade=blade, waist=waist, hip=hip,
                 contact=contact, working=working, lifted=lifted, arm=arm, bench=bench_box,
                 bench_under="foot" if pose.foot_on == "bench" else "back", equipment=tuple(figure.equipment),
                 dumbbell=dumbbell, band=band, landmine=landmine, other=other, plate=plate, pad=pad)
