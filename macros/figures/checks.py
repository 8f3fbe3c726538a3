"""Body checks for the figures (data/figures.yml): is each drawing a position a body can take,
and does it show what its caption says? Reported as data errors at the number that breaks them.

- Joint angles inside the normal ranges of motion stated in figures.yml `ranges` (with their
  source there).
- No part through the floor, the bench or another part: capsules (a segment and its drawn
  thickness) against the bench's box and the floor; the lifted leg's centre lines never cross
  the working leg's (legs that read as crossed); the lifted leg and the equipment clear of the
  trunk and thighs.
- Every contact the pose states is touching, within TOLERANCE: the back on the bench edge (or
  the floor), the foot on what it stands on, the hands on what they hold, the elbows on the
  bench where they press, the weight on the hips, the band on both thighs.
- What the caption claims and can be measured (figures.yml `claims`) is measured.
- All of it again for bodies a little unlike the drawn one (each segment 5% shorter and
  longer, VARIED_BODIES), with SLACK degrees more on the ranges and claims: a pose that passes
  only for the drawn body's exact lengths sits on an edge the drawing does not show. `make
  check-data` and the build run the same checks the tests do, so a pose they accept passes.

The side view is a projection: the arms lie out to the sides (geometry.py solves them
in three dimensions), so they are checked against the bench, the floor and their own
joints' ranges, not against the trunk they pass beside.
"""

from __future__ import annotations

import math

from .geometry import BAR_RADIUS, ELBOW_HALF, PAD_RADIUS, PLATE_HALF, WRIST_HALF, Point, PoseError, Scene, angle_of, distance_to_segment, pose_scene, turn
from ..data.model import Figure, FiguresFile

TOLERANCE = 0.004    # body heights (about 7 mm): what "touching" allows either way
STRAIGHT = 8         # degrees from 180 that still read as one straight line (or a vertical shin)
BOW = 0.004          # body heights (about 7 mm): the waist off the shoulder–knee line, an arch that shows
JUST_ABOVE = 0.06    # body heights (about 10 cm): hips "just above the floor"
HEEL_UP = 10         # degrees: a heel lifted less does not read as up at phone size
# The bodies unlike the drawn one that every pose is checked on too (segment, factor), and the
# degrees they may tilt a line by beyond the drawn body's limits.
VARIED_BODIES = tuple((segment, factor) for segment in ("thigh", "shank", "trunk", "upper_arm", "forearm")
                      for factor in (0.95, 1.05))
SLACK = 4

Path = tuple
Problem = tuple[Path, str]


def _point_in_box(p: Point, box: tuple[float, float, float, float]) -> bool:
    left, right, bottom, top = box
    return left <= p[0] <= right and bottom <= p[1] <= top


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segment a–b crosses segment c–d (touching ends do not count)."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return d1 * d2 < -1e-12 and d3 * d4 < -1e-12


def segment_distance(a: Point, b: Point, c: Point, d: Point) -> float:
    if _segments_cross(a, b, c, d):
        return 0.0
    return min(distance_to_segment(a, c, d)[0], distance_to_segment(b, c, d)[0],
               distance_to_segment(c, a, b)[0], distance_to_segment(d, a, b)[0])


def box_distance(a: Point, b: Point, box: tuple[float, float, float, float]) -> float:
    """Distance from segment a–b to a rectangle (0 when it enters it)."""
    left, right, bottom, top = box
    if _point_in_box(a, box) or _point_in_box(b, box):
        return 0.0
    corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
    return min(segment_distance(a, b, p, q) for p, q in zip(corners, corners[1:] + corners[:1]))


def _capsules(scene: Scene) -> dict[str, tuple[Point, Point, float]]:
    """Every drawn part as a segment and its half thickness (the head as a point)."""
    body = scene.body
    lr, tr = body.limb_radius, body.trunk_radius
    parts = {"upper back": (scene.shoulder, scene.blade, tr), "chest": (scene.blade, scene.waist, tr), "pelvis": (scene.waist, scene.hip, tr),
             "head": (scene.head, scene.head, body.head_radius),
             "upper arm": (scene.arm.shoulder, scene.arm.elbow, ELBOW_HALF), "forearm": (scene.arm.elbow, scene.arm.wrist, ELBOW_HALF),
             "hand": (scene.arm.wrist, scene.arm.fingers, WRIST_HALF)}
    for name, leg in (("working", scene.working), ("lifted", scene.lifted), ("far", scene.other)):
        if leg is not None:
            parts[f"{name} thigh"] = (leg.hip, leg.knee, lr)
            parts[f"{name} shin"] = (leg.knee, leg.ankle, lr)
            parts[f"{name} foot"] = (leg.heel, leg.toe, lr if name == "lifted" else 0.0)
    return parts


def joint_angles(scene: Scene, figure: Figure) -> dict[str, tuple[float, Path, str]]:
    """Each drawn joint's angle (degrees, signs as in figures.yml `ranges`), the pose field
    that sets it, and what to call it."""
    pose = figure.pose
    angles: dict[str, tuple[float, Path, str]] = {}
    pelvis = scene.pelvis_angle()
    working = scene.working
    angles["hip"] = (turn(pelvis, angle_of(scene.hip, working.knee)), ("pose", "hip_height"), "working hip's flexion")
    angles["knee"] = (abs(turn(angle_of(working.hip, working.knee), angle_of(working.knee, working.ankle))),
                      ("pose", "foot"), "working knee's flexion")
    angles["ankle"] = (90 - turn(angle_of(working.heel, working.toe), angle_of(working.ankle, working.knee)),
                       ("pose", "foot"), "working ankle's dorsiflexion")
    if scene.other is not None:
        other = scene.other
        angles["far hip"] = (turn(pelvis, angle_of(scene.hip, other.knee)), ("pose", "other_foot"), "far hip's flexion")
        angles["far knee"] = (abs(turn(angle_of(other.hip, other.knee), angle_of(other.knee, other.ankle))),
                              ("pose", "other_foot"), "far knee's flexion")
        angles["far ankle"] = (90 - turn(angle_of(other.heel, other.toe), angle_of(other.ankle, other.knee)),
                               ("pose", "other_foot"), "far ankle's dorsiflexion")
    if scene.lifted is not None:
        lifted = scene.lifted
        angles["lifted hip"] = (turn(pelvis, angle_of(scene.hip, lifted.knee)), ("pose", "lifted", "hip"),
                                "lifted hip's flexion")
        angles["lifted knee"] = (abs(turn(angle_of(lifted.hip, lifted.knee), angle_of(lifted.knee, lifted.ankle))),
                                 ("pose", "lifted", "knee"), "lifted knee's flexion")
    arm = scene.arm
    s, e, w = arm.shoulder3, arm.elbow3, arm.wrist3
    upper = (e[0] - s[0], e[1] - s[1], e[2] - s[2])
    lower = (w[0] - e[0], w[1] - e[1], w[2] - e[2])
    length = math.sqrt(sum(v * v for v in upper))
    # The upper arm in the trunk's frame: along it (towards the hips), out of the chest (n)
    # and out to the side (z). Near the body's midplane its angle there is flexion (forward,
    # up to overhead at 180) or extension (behind the trunk's line, negative); out to the
    # side only how far it reaches behind the body (the back's side) is a limit.
    t = _direction3(scene.chest_angle())
    n = _direction3(scene.chest_angle() + 90)
    along, out = sum(p * q for p, q in zip(upper, t)) / length, sum(p * q for p, q in zip(upper, n)) / length
    side = upper[2] / length
    if math.hypot(along, out) >= abs(side):
        angles["shoulder"] = (math.degrees(math.atan2(out, along)), ("pose", "arms", "hands"), "shoulder's flexion")
    elif out < 0:
        angles["shoulder"] = (-math.degrees(math.asin(max(0.0, min(1.0, -out)))), ("pose", "arms", "hands"),
                              "shoulder's extension behind the body (arm out to the side)")
    else:
        # Out to the side and in front of the back: how far the arm is raised from hanging
        # along the trunk (its elevation), not 0° whatever it does.
        angles["shoulder"] = (math.degrees(math.acos(max(-1.0, min(1.0, along)))), ("pose", "arms", "hands"),
                              "shoulder's elevation (arm out to the side)")
    dot = sum(p * q for p, q in zip(upper, lower))
    norms = length * math.sqrt(sum(v * v for v in lower))
    angles["elbow"] = (math.degrees(math.acos(max(-1.0, min(1.0, dot / norms)))), ("pose", "arms", "hands"),
                       "elbow's flexion")
    angles["neck"] = (turn(angle_of(scene.shoulder, scene.head), scene.chest_angle() + 180), ("pose", "neck"),
                      "neck's flexion")
    angles["lumbar"] = (-turn(scene.lower_chest_angle(), pelvis), ("pose", "arch"), "lower back's extension")
    return angles


def _direction3(degrees: float) -> tuple[float, float, float]:
    return math.cos(math.radians(degrees)), math.sin(math.radians(degrees)), 0.0


def _ranges(scene: Scene, figure: Figure, figures: FiguresFile, slack: float = 0.0) -> list[Problem]:
    problems = []
    for name, (value, path, label) in joint_angles(scene, figure).items():
        limits = getattr(figures.ranges, name.split()[-1])
        if not limits.min - slack - 1e-6 <= value <= limits.max + slack + 1e-6:
            problems.append((path, f"the {label} is {value:.1f}°, outside the normal {limits.min:g}° to "
                                   f"{limits.max:g}° (figures.yml ranges.{name.split()[-1]})"))
    return problems


def _collisions(scene: Scene, figure: Figure, figures: FiguresFile) -> list[Problem]:
    problems = []
    left, right, top = scene.bench
    bench_box = (left, right, 0.0, top)
    parts = _capsules(scene)
    for name, (a, b, r) in parts.items():
        low = min(a[1], b[1]) - r
        if low < -TOLERANCE:
            problems.append((_part_field(name), f"the {name} goes {-low:.3f} body heights through the floor"))
        gap = box_distance(a, b, bench_box) - r
        if gap < -TOLERANCE:
            problems.append((_part_field(name), f"the {name} goes {-gap:.3f} body heights into the bench"))
    if scene.lifted is not None:
        # Legs that cross in the side view read as crossed legs.
        for lifted in ("lifted shin", "lifted foot"):
            for working in ("working thigh", "working shin", "working foot"):
                a, b, _ = parts[lifted]
                c, d, _ = parts[working]
                if _segments_cross(a, b, c, d):
                    problems.append((("pose", "lifted"), f"the {lifted} crosses the {working}: the legs read as crossed"))
        a, b, _ = parts["lifted thigh"]
        c, d, _ = parts["working shin"]
        if _segments_cross(a, b, c, d):
            problems.append((("pose", "lifted"), "the lifted thigh crosses the working shin"))
        for lifted in ("lifted shin", "lifted foot"):
            for trunk in ("upper back", "chest", "pelvis", "head"):
                a, b, r = parts[lifted]
                c, d, r2 = parts[trunk]
                gap = segment_distance(a, b, c, d) - r - r2
                if gap < -TOLERANCE:
                    problems.append((("pose", "lifted"), f"the {lifted} goes {-gap:.3f} body heights into the {trunk}"))
    props = figures.props
    if scene.dumbbell is not None:
        # Not the lifted thigh: it rises from the far hip, behind the weight (another depth).
        for part in ("pelvis", "chest", "working thigh"):
            if part in parts:
                a, b, r = parts[part]
                gap = distance_to_segment(scene.dumbbell, a, b)[0] - r - props.dumbbell_radius
                if gap < -TOLERANCE:
                    problems.append((("equipment",), f"the dumbbell goes {-gap:.3f} body heights into the {part}"))
    if scene.band is not None:
        stretch = math.dist(*scene.band)
        if stretch > props.band_stretch + 1e-9:
            problems.append((("pose", "lifted"), f"the band stretches {stretch:.3f} body heights between the knees, "
                                                 f"more than the {props.band_stretch} it is drawn to (props.band_stretch)"))
    if scene.landmine is not None:
        pivot, rest = scene.landmine
        if min(p[1] for p in scene.plate) - PLATE_HALF < -TOLERANCE:
            problems.append((("equipment",), "the landmine's plate goes through the floor"))
        # The plate on its sleeve clear of the hips (the pelvis and the hip joint's round).
        gap = segment_distance(*scene.plate, scene.waist, scene.hip) - scene.body.trunk_radius - PLATE_HALF
        if gap < -TOLERANCE:
            problems.append((("equipment",), f"the landmine's plate goes {-gap:.3f} body heights into the pelvis"))
        if pivot[0] > scene.working.toe[0] + 0.3 or pivot[0] < scene.working.toe[0]:
            problems.append((("equipment",), "the landmine's pivot is not on the floor just beyond the feet, inside the "
                                             "picture (props.landmine_length)"))
    return problems


def _head_clear(scene: Scene) -> list[Problem]:
    """The arm (in three dimensions: the head sits on the midline, z = 0) never through the head."""
    arm, r = scene.arm, scene.body.head_radius + scene.body.limb_radius
    head = (scene.head[0], scene.head[1], 0.0)
    fingers = (arm.fingers[0], arm.fingers[1], arm.wrist3[2])
    problems = []
    for name, a, b in (("upper arm", arm.shoulder3, arm.elbow3), ("forearm", arm.elbow3, arm.wrist3),
                       ("hand", arm.wrist3, fingers)):
        gap = _distance3(head, a, b) - r
        if gap < -TOLERANCE:
            problems.append((("pose", "arms", "hands"), f"the {name} goes {-gap:.3f} body heights into the head"))
    return problems


def _distance3(p, a, b) -> float:
    d = [b[i] - a[i] for i in range(3)]
    dd = sum(v * v for v in d)
    t = 0.0 if dd == 0 else max(0.0, min(1.0, sum((p[i] - a[i]) * d[i] for i in range(3)) / dd))
    return math.dist(p, [a[i] + t * d[i] for i in range(3)])


def _part_field(name: str) -> Path:
    if name in ("upper arm", "forearm", "hand"):
        return ("pose", "arms", "hands")
    if name.startswith("lifted"):
        return ("pose", "lifted")
    if name.startswith("working"):
        return ("pose", "foot")
    if name.startswith("far"):
        return ("pose", "other_foot")
    if name == "head":
        return ("pose", "neck")
    return ("pose", "hip_height")


def _contacts(scene: Scene, figure: Figure, figures: FiguresFile) -> list[Problem]:
    problems = []
    pose, body, props = figure.pose, figures.body, figures.props
    lr, tr = body.limb_radius, body.trunk_radius
    left, right, top = scene.bench

    def off(path: Path, what: str, gap: float) -> None:
        if abs(gap) > TOLERANCE:
            where = "short of" if gap > 0 else "into"
            problems.append((path, f"{what}: {abs(gap):.3f} body heights {where} it"))

    if pose.back_on == "bench":
        edge = (0.0, figures.bench.height)
        off(("pose", "back_contact"), "the upper back does not rest on the bench edge",
            min(distance_to_segment(edge, a, b)[0] for a, b in ((scene.shoulder, scene.blade), (scene.blade, scene.waist))
                if math.dist(a, b) > 1e-9) - tr)
    else:
        off(("pose", "back_contact"), "the upper back does not lie on the floor", scene.shoulder[1] - tr)
    ground = figures.bench.height if pose.foot_on == "bench" else 0.0
    # A lifted heel leaves only the toes down; on the bench the foot rests on its heel.
    ends = ("toe",) if pose.heel_lift > 0 else ("heel", "toe") if pose.foot_on == "floor" else ("heel",)
    for end in ends:
        off(("pose", "foot"), f"the working {end} is not on the {pose.foot_on}", getattr(scene.working, end)[1] - ground)
    if scene.other is not None:
        for end in ("heel", "toe"):
            off(("pose", "other_foot"), f"the far {end} is not on the {pose.foot_on}", getattr(scene.other, end)[1] - ground)
    if pose.foot_on == "bench" and not left <= scene.working.heel[0] <= scene.working.toe[0] <= right:
        problems.append((("pose", "foot"), "the foot is not all on the bench"))
    arm = scene.arm
    reach = math.dist(arm.wrist3, arm.target)
    hands = pose.arms.hands
    if reach > TOLERANCE:
        problems.append((("pose", "arms", "hands"), f"the hand does not reach the {hands}: {reach:.3f} body heights short"))
    elif hands == "bench":
        off(("pose", "arms", "hands"), "the hand is not on the bench top", arm.wrist[1] - WRIST_HALF - top)
        if not left <= arm.wrist[0] <= right:
            problems.append((("pose", "arms", "hands"), "the hand is beside the bench, not on it"))
        elif not left + lr - TOLERANCE <= arm.fingers[0] <= right - lr + TOLERANCE:
            problems.append((("pose", "arms", "hands"), "the fingers reach past the bench's edge (a hand on the bench "
                                                        "lies on its top)"))
    elif hands == "chest":
        # Crossed arms lie on the chest: the elbow and the wrist on its front, no gap.
        down, shoulder = angle_of(scene.shoulder, scene.waist), scene.shoulder
        normal = (math.cos(math.radians(down + 90)), math.sin(math.radians(down + 90)))
        for name, point, half in (("elbow", arm.elbow, ELBOW_HALF), ("wrist", arm.wrist, WRIST_HALF)):
            lift = (point[0] - shoulder[0]) * normal[0] + (point[1] - shoulder[1]) * normal[1] - tr - half
            off(("pose", "arms", "hands"), f"the crossed arm's {name} does not lie on the chest", lift)
    elif hands == "floor":
        off(("pose", "arms", "hands"), "the hand is not on the floor", arm.wrist[1] - WRIST_HALF)
    if pose.arms.elbows == "on-bench":
        off(("pose", "arms", "elbows"), "the elbow does not press on the bench", arm.elbow[1] - ELBOW_HALF - top)
        if not left <= arm.elbow[0] <= right:
            problems.append((("pose", "arms", "elbows"), "the elbow is beside the bench, not on it"))
    if scene.dumbbell is not None:
        off(("equipment",), "the dumbbell does not rest on the hips",
            distance_to_segment(scene.dumbbell, scene.waist, scene.hip)[0] - tr - props.dumbbell_radius)
    if scene.landmine is not None:
        off(("equipment",), "the landmine bar does not rest on the pad on the hips",
            distance_to_segment(scene.landmine[1], scene.waist, scene.hip)[0] - tr - 2 * PAD_RADIUS - BAR_RADIUS)
    if scene.band is not None:
        legs = [scene.working] + ([scene.lifted] if scene.lifted else [])
        for end, leg in zip(scene.band, legs):
            off(("equipment",), "the band is not on the thigh", distance_to_segment(end, leg.hip, leg.knee)[0])
    return problems


def _claims(scene: Scene, figure: Figure, figures: FiguresFile, slack: float = 0.0) -> list[Problem]:
    problems = []
    straight = STRAIGHT + slack
    # A heel off the floor is what the toes mistake looks like, whatever the caption is about
    # (the foot-too-close figure once lifted it to keep the ankle in range): said, or not drawn.
    if figure.pose.heel_lift > 0 and "heel-up" not in figure.claims:
        problems.append((("pose", "heel_lift"), f"the heel is {figure.pose.heel_lift:g}° off the floor, which draws the "
                                                "toes mistake (pushing through the toes); set `heel_lift: 0`, or say so in the caption and add the "
                                                "claim `heel-up`"))
    for k, claim in enumerate(figure.claims):
        path = ("claims", k)
        if claim == "straight-line" and scene.body_line() < 180 - straight:
            problems.append((("pose", "hip_height"), f"the caption says a straight line, but shoulder–hip–knee is "
                                                     f"{scene.body_line():.1f}° (at least {180 - straight}°)"))
        elif claim == "vertical-shin" and abs(scene.shin_lean()) > straight:
            problems.append((("pose", "foot"), f"the caption says a vertical shin, but it leans {scene.shin_lean():.1f}° "
                                               f"(at most {straight}°)"))
        elif claim == "knee-above-hip" and (scene.lifted is None or scene.lifted.knee[1] <= scene.hip[1]):
            problems.append((("pose", "lifted"), "the caption says the lifted knee is above the hip, and it is not"))
        elif claim == "chin-tucked":
            neck = joint_angles(scene, figure)["neck"][0]
            if not 10 <= neck <= 45:
                problems.append((("pose", "neck"), f"the caption says the chin is tucked, but the neck is flexed {neck:.1f}° "
                                                   "(10° to 45°)"))
        elif claim == "hips-above-floor" and not 0 < scene.hip[1] - figures.body.trunk_radius <= JUST_ABOVE:
            problems.append((("pose", "hip_height"), f"the caption says the hips hover just above the floor, but they are "
                                                     f"{scene.hip[1] - figures.body.trunk_radius:.3f} body heights above it"))
        elif claim == "shin-leans-forward" and scene.shin_lean() < straight:
            problems.append((("pose", "foot"), f"the caption says the shin leans forward, but it leans {scene.shin_lean():.1f}° "
                                               f"(at least {straight}°)"))
        elif claim == "heel-up" and figure.pose.heel_lift < HEEL_UP:
            problems.append((("pose", "heel_lift"), f"the caption says the heel is up, but it is lifted "
                                                    f"{figure.pose.heel_lift:g}° (at least {HEEL_UP}°)"))
        elif claim == "shin-leans-away" and scene.shin_lean() > -straight:
            problems.append((("pose", "foot"), f"the caption says the shin leans away, but it leans {scene.shin_lean():.1f}°"))
        elif claim == "back-arched":
            lumbar = joint_angles(scene, figure)["lumbar"][0]
            bow, _ = distance_to_segment(scene.waist, scene.shoulder, scene.working.knee)
            above = (scene.working.knee[0] - scene.shoulder[0]) * (scene.waist[1] - scene.shoulder[1]) - \
                    (scene.working.knee[1] - scene.shoulder[1]) * (scene.waist[0] - scene.shoulder[0])
            # The upper back lies on the bench edge as in the neutral figure, so the bow is the
            # lower back's alone: the pelvis tipped down from the waist (geometry.WAIST).
            if lumbar < 10 or above <= 0 or bow < BOW:
                problems.append((("pose", "arch"), f"the caption says the lower back bows up, but it extends {lumbar:.1f}° "
                                                   f"and stands {bow:.3f} body heights off the line (10°, {BOW})"))
        elif claim == "hips-not-below-line" and _below_line(scene) > TOLERANCE:
            # An arch drawn with the hips sagging reads as another fault (hips not high enough).
            problems.append((("pose", "hip_height"), f"the figure shows the hips up on the line from the shoulders to the "
                                                     f"knee, but they sag {_below_line(scene):.3f} body heights below it"))
        elif claim == "sits-on-floor" and abs(scene.hip[1] - figures.body.trunk_radius) > TOLERANCE:
            problems.append((("pose", "hip_height"), f"the caption says you sit on the floor, but the buttocks are "
                                                     f"{scene.hip[1] - figures.body.trunk_radius:.3f} body heights off it"))
        elif claim == "knee-toward-chest" and (scene.lifted is None or scene.lifted.knee[0] >= scene.hip[0]
                                               or scene.lifted.knee[1] <= scene.hip[1]):
            # Past a right angle at the hip: the lifted knee up over the chest's side of the hip.
            problems.append((("pose", "lifted"), "the caption says the lifted leg comes toward the chest, but its knee is "
                                                 "not above the hip on the chest's side"))
        elif claim == "both-feet-down" and scene.lifted is not None:
            problems.append((path, "the caption says both feet are down, but one is lifted"))
        elif claim == "both-feet-down" and (scene.other is None or _hidden(scene.other, scene.working)):
            # The far leg drawn exactly behind the near one cannot be seen: give it its own place.
            problems.append((("pose", "other_foot"), "the caption says both feet are down, but only one leg shows: "
                                                     "place the far foot (other_foot) apart from the near one"))
    return problems


def _below_line(scene: Scene) -> float:
    """How far the hip joint lies below the line from the shoulder to the working knee (negative: above it)."""
    shoulder, knee, hip = scene.shoulder, scene.working.knee, scene.hip
    cross = (knee[0] - shoulder[0]) * (hip[1] - shoulder[1]) - (knee[1] - shoulder[1]) * (hip[0] - shoulder[0])
    return -cross / math.dist(shoulder, knee)


def _hidden(far, near) -> bool:
    """Whether the far leg lies behind the near one in the side view (its knee and foot within
    a limb's thickness of the near leg's)."""
    return math.dist(far.knee, near.knee) < 0.03 and math.dist(far.ankle, near.ankle) < 0.03


def scene_problems(scene: Scene, figure: Figure, figures: FiguresFile, slack: float = 0.0) -> list[Problem]:
    """Every body check on a computed scene: (path under the figure, message). `slack`
    widens the joint ranges and the caption claims' angle tolerance, for bodies with other
    segment lengths than the data's (the pose numbers are the data's; a longer trunk tilts the
    line a little, so a pose check-data accepts at the range's edge must not fail for them)."""
    return (_ranges(scene, figure, figures, slack) + _collisions(scene, figure, figures) + _head_clear(scene)
            + _contacts(scene, figure, figures) + _claims(scene, figure, figures, slack))


def _varied(figures: FiguresFile, segment: str, factor: float) -> FiguresFile:
    body = figures.body.model_copy(update={segment: getattr(figures.body, segment) * factor})
    return figures.model_copy(update={"body": body})


def _drawn_problems(figure: Figure, figures: FiguresFile, slack: float = 0.0) -> list[Problem]:
    """The checks for one body: a pose that cannot be computed is one problem."""
    try:
        scene = pose_scene(figure, figures)
    except PoseError as error:
        return [(("pose", error.field), f"this pose cannot be drawn: {error}")]
    return scene_problems(scene, figure, figures, slack)


def _varied_problems(figure: Figure, figures: FiguresFile) -> list[Problem]:
    """The first varied body's problems with a pose the drawn body takes, each saying which body."""
    for segment, factor in VARIED_BODIES:
        problems = _drawn_problems(figure, _varied(figures, segment, factor), SLACK)
        if problems:
            body = f"{'shorter' if factor < 1 else 'longer'} {segment.replace('_', ' ')}"
            return [(path, f"{message.split('; at this hip_height')[0]}, for a body with a 5% {body} than the drawn one "
                           "(each pose must hold for bodies a little unlike the drawing's)")
                    for path, message in problems]
    return []


def _passes(figure: Figure, figures: FiguresFile) -> bool:
    return not _drawn_problems(figure, figures) and not _varied_problems(figure, figures)


def body_problems(figure: Figure, figures: FiguresFile, slack: float = 0.0) -> list[Problem]:
    """The figure's pose computed and checked for the drawn body (`slack` as in scene_problems);
    where the problem is at `foot:`, the message ends with the values that work."""
    return _with_values(figure, figures, _drawn_problems(figure, figures, slack))


def pose_problems(figure: Figure, figures: FiguresFile) -> list[Problem]:
    """Every body check of a figure: for the drawn body, then for the varied ones."""
    problems = body_problems(figure, figures)
    if problems:
        return problems
    return _with_values(figure, figures, _varied_problems(figure, figures))


def _with_values(figure: Figure, figures: FiguresFile, problems: list[Problem]) -> list[Problem]:
    """Each problem at `foot:` with the values that work appended."""
    return [(path, _with_foot_values(figure, figures, message) if path == ("pose", "foot") else message)
            for path, message in problems]


def _with_foot_values(figure: Figure, figures: FiguresFile, message: str) -> str:
    """The message with the `foot:` values (as typed, two decimals) that pass every check,
    for the drawn and the varied bodies, with the rest of this pose: the run of them nearest
    the value given, so each value in the range it names works."""
    given = round(figure.pose.foot * 100)
    works = [k for k in range(1, 200)
             if _passes(figure.model_copy(update={"pose": figure.pose.model_copy(update={"foot": k / 100})}), figures)]
    head = message.split("; at this hip_height")[0]
    if not works:
        return f"{head}; no foot: value works with the rest of this pose (change hip_height or lifted)"
    runs, start = [], works[0]
    for a, b in zip(works, works[1:] + [None]):
        if b != a + 1:
            runs.append((start, a))
            start = b
    low, high = min(runs, key=lambda r: 0 if r[0] <= given <= r[1] else min(abs(given - r[0]), abs(given - r[1])))
    return f"{head}; at this hip_height use a value from {low / 100:.2f} to {high / 100:.2f} (body heights)"


def figures_problems(figures: FiguresFile) -> list[Problem]:
    """Every figure's body checks, and the Overview's opening figure named right: (path in
    figures.yml, message)."""
    problems = [(("figures", i, *path), message) for i, figure in enumerate(figures.figures)
                for path, message in pose_problems(figure, figures)]
    ids = [figure.id for figure in figures.figures]
    if figures.opening is not None and figures.opening not in ids:
        problems.append((("opening",), f"'{figures.opening}' is not a figure; the figures are {', '.join(ids)}"))
    problems += [(("animation", k), f"'{name}' is not a figure; the figures are {', '.join(ids)}")
                 for k, name in enumerate(figures.animation) if name not in ids]
    return problems
