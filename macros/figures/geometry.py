"""A figure's pose, computed: from the few numbers in data/figures.yml to every joint.

Side view, the reader's left is the head end. Units are body heights; x grows towards the
feet, y upwards from the floor (y = 0). The back rests on the bench's edge, the corner at
(0, bench height), or on the floor; the planted foot stands flat on the floor (or on the
bench). The trunk's angle follows from where the back touches and how high the hips are;
the working knee from the hip and the ankle by two-segment inverse kinematics; so no
figure can put a foot through the floor or float the back off the bench.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..data.model import Body, Bench, Figure, FiguresFile, Pose

Point = tuple[float, float]


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


@dataclass(frozen=True)
class Scene:
    """Every point a figure draws, in body heights (see the module's docstring)."""

    body: Body
    head: Point
    neck: Point          # where the neck meets the head circle
    shoulder: Point
    hip: Point
    belly: Point         # the trunk's curve control point (= midpoint when the back is neutral)
    contact: Point       # where the back touches its support
    working: Leg
    lifted: Leg | None
    arm: Arm
    bench: tuple[float, float, float]   # left x, right x, top y
    bench_under: str                    # "back" or "foot"
    equipment: tuple[str, ...]
    dumbbell: Point | None
    band: tuple[Point, Point] | None
    landmine: tuple[Point, Point] | None  # pivot on the floor, end past the hips

    def joints(self) -> dict[str, Point]:
        """Every joint by name (the lifted leg's as lifted_*)."""
        named = {"head": self.head, "shoulder": self.shoulder, "hip": self.hip, "elbow": self.arm.elbow,
                 "wrist": self.arm.wrist, "fingers": self.arm.fingers}
        for prefix, leg in (("", self.working), ("lifted_", self.lifted)):
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


def _trunk(pose: Pose, body: Body, bench: Bench) -> tuple[Point, Point, Point]:
    """Shoulder, hip and the contact point, from where the back rests and the hip height."""
    length, radius = body.trunk, body.trunk_radius
    h = pose.hip_height
    if pose.back_on == "floor":
        # The upper back lies on the floor: the shoulder at the trunk's thickness above it,
        # the trunk rising (or falling) to the hips.
        rise = (h - radius) / length
        if abs(rise) > 1:
            raise PoseError("hip_height", f"hips at {h} cannot be reached with the shoulders on the floor")
        phi = -math.asin(rise)
        shoulder = (0.0, radius)
        u = (math.cos(phi), -math.sin(phi))
        hip = (shoulder[0] + length * u[0], shoulder[1] + length * u[1])
        return shoulder, hip, (shoulder[0], 0.0)
    # Back on the bench's edge C = (0, b): the point of the spine a share c from the shoulder
    # lies one trunk radius from C along the back's normal n = (-sin phi, -cos phi), so
    # (1 - c) T sin(phi) - r cos(phi) = b - h; solved for phi, the trunk's fall towards the hips.
    c, b = pose.back_contact, bench.height
    a = (1 - c) * length
    reach = math.hypot(a, radius)
    ratio = (b - h) / reach
    if abs(ratio) > 1:
        raise PoseError("hip_height", f"hips at {h} body heights cannot be reached with the back on a bench "
                                      f"{b} high")
    phi = math.atan2(radius, a) + math.asin(ratio)
    u = (math.cos(phi), -math.sin(phi))
    spine = (radius * math.sin(phi), b + radius * math.cos(phi))
    shoulder = (spine[0] - c * length * u[0], spine[1] - c * length * u[1])
    hip = (spine[0] + a * u[0], spine[1] + a * u[1])
    return shoulder, hip, (0.0, b)


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


def _planted_leg(pose: Pose, body: Body, bench: Bench, hip: Point, origin: float) -> tuple[Leg, tuple]:
    ground = bench.height if pose.foot_on == "bench" else 0.0
    ankle = (origin + pose.foot, ground + body.ankle_height)
    try:
        knee = two_segment(hip, ankle, body.thigh, body.shank)
    except ValueError:
        raise PoseError("foot", _foot_range_message(pose.foot, hip, ankle[1], origin, body)) from None
    heel = (ankle[0] - 0.2 * body.foot, ground)
    toe = (ankle[0] + 0.8 * body.foot, ground)
    # A foot on the bench: the bench stands under the foot, its near edge a little behind the heel.
    bench_box = (heel[0] - 0.05, heel[0] - 0.05 + bench.depth, bench.height) if pose.foot_on == "bench" \
        else (-bench.depth, 0.0, bench.height)
    return Leg(hip, knee, ankle, heel, toe), bench_box


def _lifted_leg(pose: Pose, body: Body, hip: Point) -> Leg | None:
    if pose.lifted is None:
        return None
    knee = _along(hip, pose.lifted.thigh, body.thigh)
    shin = pose.lifted.thigh - pose.lifted.knee
    ankle = _along(knee, shin, body.shank)
    # The foot at a right angle to the shin, toes up.
    heel = _along(ankle, shin + 90, -0.2 * body.foot)
    toe = _along(ankle, shin + 90, 0.8 * body.foot)
    return Leg(hip, knee, ankle, heel, toe)


def pose_scene(figure: Figure, figures: FiguresFile) -> Scene:
    """Every joint of `figure`, from its pose numbers and the body in `figures`."""
    body, bench, props, pose = figures.body, figures.bench, figures.props, figure.pose
    shoulder, hip, contact = _trunk(pose, body, bench)
    trunk_angle = angle_of(shoulder, hip)
    middle = ((shoulder[0] + hip[0]) / 2, (shoulder[1] + hip[1]) / 2)
    # An arched lower back bows the trunk away from its support (the chest side, up).
    belly = _along(middle, trunk_angle + 90, 2 * pose.arch * body.trunk)
    # The head continues the trunk past the shoulders (on the floor: it lies on the floor).
    neck_dir = (180.0 if pose.back_on == "floor" else trunk_angle + 180) - pose.neck
    head = _along(shoulder, neck_dir, body.head_neck - body.head_radius)
    if pose.back_on == "floor":
        head = (head[0], body.head_radius)  # resting on the floor
    neck = _along(shoulder, neck_dir, body.head_neck - 2 * body.head_radius)
    origin = shoulder[0] if pose.back_on == "floor" else 0.0
    working, bench_box = _planted_leg(pose, body, bench, hip, origin)
    lifted = _lifted_leg(pose, body, hip)
    upper = pose.arms.shoulder
    elbow = _along(shoulder, upper, body.upper_arm)
    lower = upper + pose.arms.elbow
    wrist = _along(elbow, lower, body.forearm)
    fingers = _along(wrist, lower, body.hand * 0.7)
    # Equipment rests on the front of the hips (one trunk radius above the hip joint).
    front = _along(hip, trunk_angle + 90, body.trunk_radius)
    dumbbell = _along(front, trunk_angle + 90, props.dumbbell_radius) if "dumbbell" in figure.equipment else None
    band = None
    if "band" in figure.equipment:
        band = (working.knee, lifted.knee if lifted else working.knee)
    landmine = None
    if "landmine" in figure.equipment:
        # The bar runs from its pivot on the floor, beyond the feet, over the front of the hips.
        end = _along(front, trunk_angle + 90, props.dumbbell_radius * 0.4)
        drop = end[1]
        run = math.sqrt(max(props.landmine_length ** 2 - drop ** 2, 0.0))
        landmine = ((end[0] + run, 0.0), end)
    return Scene(body=body, head=head, neck=neck, shoulder=shoulder, hip=hip, belly=belly, contact=contact,
                 working=working, lifted=lifted, arm=Arm(shoulder, elbow, wrist, fingers), bench=bench_box,
                 bench_under="foot" if pose.foot_on == "bench" else "back", equipment=tuple(figure.equipment),
                 dumbbell=dumbbell, band=band, landmine=landmine)


def distance_to_segment(point: Point, start: Point, end: Point) -> tuple[float, float]:
    """Distance from `point` to the segment, and where along it (0..1) the nearest point is."""
    sx, sy = end[0] - start[0], end[1] - start[1]
    t = ((point[0] - start[0]) * sx + (point[1] - start[1]) * sy) / (sx * sx + sy * sy)
    t = min(1.0, max(0.0, t))
    nearest = (start[0] + t * sx, start[1] + t * sy)
    return math.dist(point, nearest), t
