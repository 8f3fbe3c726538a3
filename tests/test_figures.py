"""Figures of the movement (data/figures.yml): the computed poses say what the source says,
and each drawing is small, accessible, self-contained SVG. Plain pytest, no browser."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from dataclasses import replace

from macros.validate.rules import FIGURE_PLACES
from macros.figures.checks import BOW, SLACK, VARIED_BODIES, body_problems, joint_angles, scene_problems
from macros.figures.geometry import ELBOW_HALF, WRIST_HALF, distance_to_segment, pose_scene
from macros.figures.svg import FigureIndex, render_figure, svg_text
from macros.data.model import Guide, records_by_id
from macros.validate.load import load_guide

DATA = Path(__file__).resolve().parent.parent / "data"
GUIDE = load_guide(DATA, check_manifest=False)
FIGURES = GUIDE.figures
IDS = [f.id for f in FIGURES.figures]
SVG = "{http://www.w3.org/2000/svg}"
SIZE_BUDGET = 4096  # bytes per figure

# The positions the source describes, by figure. "Top": one leg lifted at the top of the thrust.
TOP = {"top", "foot-right", "back-neutral", "arms-crossed", "elbows-pushing", "dumbbell-top", "banded-top", "landmine-top"}
BOTTOM = {"bottom"}
TOO_FAR, RIGHT, TOO_CLOSE = "foot-too-far", "foot-right", "foot-too-close"
# Segment lengths changed by 5% either way (the bodies check-data checks too) must keep every
# rule below true.
CHANGES = [None, *VARIED_BODIES]


def _figures(change) -> object:
    if change is None:
        return FIGURES
    name, factor = change
    body = FIGURES.body.model_copy(update={name: getattr(FIGURES.body, name) * factor})
    return FIGURES.model_copy(update={"body": body})


def _scene(figure_id: str, change=None):
    figures = _figures(change)
    return pose_scene(next(f for f in figures.figures if f.id == figure_id), figures), figures


def _figure(figure_id: str):
    return next(f for f in FIGURES.figures if f.id == figure_id)


def test_the_figures_this_test_knows_are_in_the_data():
    assert TOP | BOTTOM | {"setup", TOO_FAR, TOO_CLOSE, "back-arched", "elevated-top"} == set(IDS)


# --- geometry ------------------------------------------------------------------------
@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_every_joint_is_on_or_above_the_floor(figure_id, change):
    scene, figures = _scene(figure_id, change)
    body = figures.body
    for name, (x, y) in scene.joints().items():
        # The planted heel and toe are points of the sole itself.
        # The wrist and hand as thick as drawn (geometry.WRIST_HALF), the elbow likewise.
        radius = body.head_radius if name == "head" else 0.0 if name in ("heel", "toe", "other_heel", "other_toe") \
            else WRIST_HALF if name in ("wrist", "fingers") else ELBOW_HALF if name == "elbow" else body.limb_radius
        assert y - radius >= -1e-9, f"{figure_id}: {name} at {y:.3f} goes through the floor"
    assert scene.hip[1] - body.trunk_radius >= -1e-9, f"{figure_id}: the hips go through the floor"


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_the_planted_foot_is_flat_on_what_it_stands_on(figure_id, change):
    scene, figures = _scene(figure_id, change)
    ground = figures.bench.height if _figure(figure_id).pose.foot_on == "bench" else 0.0
    foot = scene.working
    lift = math.radians(_figure(figure_id).pose.heel_lift)
    assert foot.toe[0] > foot.heel[0]
    if lift:  # rocked up onto the toes: they stay down, the heel rises by the foot's pitch
        assert foot.toe[1] == pytest.approx(ground)
        assert foot.heel[1] == pytest.approx(ground + figures.body.foot * math.sin(lift))
        assert math.degrees(math.atan2(foot.toe[1] - foot.heel[1], foot.toe[0] - foot.heel[0])) == pytest.approx(
            -_figure(figure_id).pose.heel_lift)
        return
    assert foot.heel[1] == pytest.approx(ground)
    assert foot.ankle[1] == pytest.approx(ground + figures.body.ankle_height)
    if ground:  # on the bench: resting on the heel, toes up, the whole foot over its top
        left, right, _top = scene.bench
        assert left <= foot.heel[0] and foot.toe[0] <= right and foot.toe[1] >= ground
    else:
        assert foot.toe[1] == pytest.approx(ground)


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_the_upper_back_touches_the_bench_edge_or_the_floor(figure_id, change):
    scene, figures = _scene(figure_id, change)
    body = figures.body
    if _figure(figure_id).pose.back_on == "floor":
        assert scene.shoulder[1] == pytest.approx(body.trunk_radius)
        return
    corner = (0.0, figures.bench.height)
    # The upper back (shoulder to shoulder blades) rests on the edge; an arched lower chest rises from there.
    distance, where = distance_to_segment(corner, scene.shoulder, scene.blade)
    assert distance == pytest.approx(body.trunk_radius, abs=1e-9), f"{figure_id}: the back is off the bench edge"
    # Just below the shoulder blades: in the upper half of the trunk, not at its end.
    share = where * math.dist(scene.shoulder, scene.blade) / body.trunk
    assert 0.05 < share < 0.5, f"{figure_id}: the bench touches the trunk at {share:.2f} of its length"
    assert scene.hip[0] > 0, f"{figure_id}: the hips must be off the bench"


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", sorted(TOP))
def test_top_position_is_one_straight_line_with_a_vertical_shin(figure_id, change):
    scene, _figures = _scene(figure_id, change)
    assert scene.body_line() >= 172, f"{figure_id}: shoulder–hip–knee is {scene.body_line():.1f}°, not straight"
    assert abs(scene.shin_lean()) <= 8, f"{figure_id}: the working shin leans {scene.shin_lean():.1f}°"
    assert scene.lifted is not None and scene.lifted.knee[1] > scene.hip[1], f"{figure_id}: the lifted knee is not above the hip"


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_bottom_hips_hover_above_the_floor_below_the_bench_top(change):
    for figure_id in BOTTOM:
        scene, figures = _scene(figure_id, change)
        assert scene.hip[1] - figures.body.trunk_radius > 0, "the hips rest on the floor"
        assert scene.hip[1] < figures.bench.height, "the hips are not below the bench top"
        assert scene.lifted is not None and scene.lifted.knee[1] > scene.hip[1]


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_foot_too_far_and_too_close_lean_the_shin_the_way_the_text_says(change):
    # Too far: the foot ahead of the knee, the shin leaning away (hamstrings); too close:
    # the knee past the foot (quads); right: close to vertical.
    far, right, close = (_scene(f, change)[0].shin_lean() for f in (TOO_FAR, RIGHT, TOO_CLOSE))
    assert far < -8 < -abs(right) and abs(right) <= 8 and close > 8, (far, right, close)


def test_setup_has_both_feet_down_and_the_hips_low():
    scene, figures = _scene("setup")
    assert scene.lifted is None
    assert scene.hip[1] < figures.bench.height / 2


def test_arched_back_bends_at_the_lower_back_and_neutral_does_not():
    arched, _ = _scene("back-arched")
    neutral, _ = _scene("back-neutral")
    lumbar = lambda s: joint_angles(s, _figure("back-neutral"))["lumbar"][0]  # noqa: E731
    assert lumbar(neutral) == pytest.approx(0, abs=1e-6) and lumbar(arched) >= 15
    # The bend is in the lower back (nearer the hips than the shoulders), bowed up off the
    # shoulder–knee line.
    assert math.dist(arched.waist, arched.hip) < math.dist(arched.waist, arched.shoulder)
    assert distance_to_segment(arched.waist, arched.shoulder, arched.working.knee)[0] > BOW
    assert arched.waist[1] >= arched.shoulder[1] - 1e-9 and arched.waist[1] > arched.hip[1]
    # The contact model: the upper back rests on the bench edge where the neutral one does
    # (the chest cannot tip up onto the pad), so the whole arch is the lower back's: the chest
    # lies as the neutral one does, the lower chest rises from the edge (ribs flared) and the
    # pelvis tips down from the waist.
    assert _figure("back-arched").pose.back_contact == _figure("back-neutral").pose.back_contact
    assert abs(arched.chest_angle() - neutral.chest_angle()) < 5
    assert arched.lower_chest_angle() > arched.chest_angle() + 5
    assert arched.pelvis_angle() < neutral.pelvis_angle() - 10
    # The hips at or a little above the line (sagging below it reads as another fault), the
    # lower back humped clearly higher above it than the hips.
    from macros.figures.checks import _below_line
    assert _below_line(arched) <= 0 and -_below_line(replace(arched, hip=arched.waist)) > 2 * BOW - _below_line(arched)


def test_the_straight_line_guide_stops_at_the_working_knee():
    from macros.figures.shapes import shapes
    for figure_id in ("back-arched", "back-neutral", "top"):
        scene, figures = _scene(figure_id)
        line = [s for s in shapes(scene, _figure(figure_id), figures) if s.layer == "guide"][0]
        assert line.points[-1] == pytest.approx(scene.working.knee), figure_id


def test_elevated_lies_on_the_floor_with_the_foot_on_the_bench_at_a_right_angle():
    scene, _ = _scene("elevated-top")
    knee = scene.working.knee
    thigh = math.atan2(scene.hip[1] - knee[1], scene.hip[0] - knee[0])
    shin = math.atan2(scene.working.ankle[1] - knee[1], scene.working.ankle[0] - knee[0])
    assert abs(abs(math.degrees(thigh - shin)) - 90) <= 8
    assert scene.bench_under == "foot"


def test_elbows_pushing_rest_on_the_bench_and_crossed_arms_stay_off_it():
    pushing, figures = _scene("elbows-pushing")
    crossed, _ = _scene("arms-crossed")
    top = figures.bench.height + figures.body.limb_radius
    assert pushing.arm.elbow[1] == pytest.approx(top, abs=0.01) and pushing.arm.elbow[0] < 0
    assert min(crossed.arm.elbow[1], crossed.arm.wrist[1]) > crossed.shoulder[1]


def test_the_push_down_arrow_points_straight_down_at_the_elbow_clear_of_the_head():
    from macros.figures.shapes import shapes
    scene, figures = _scene("elbows-pushing")
    arrow = [s for s in shapes(scene, _figure("elbows-pushing"), figures) if s.layer == "arrow"]
    assert len(arrow) == 1
    points = arrow[0].points
    tip = points[3]
    assert tip[0] == pytest.approx(scene.arm.elbow[0]) and 0 < tip[1] - scene.arm.elbow[1] < 0.05
    assert all(p[1] >= tip[1] - 1e-9 for p in points)      # from above, pointing down
    head = figures.body.head_radius
    assert all(math.dist(p, scene.head) > head + 0.02 for p in points), "the arrow runs into the head"
    # The upper arm shows going from the shoulder down to the elbow on the pad (not a blob at the shoulder).
    assert math.dist(scene.arm.shoulder, scene.arm.elbow) > 0.06 and scene.arm.elbow[1] < scene.arm.shoulder[1]
    assert scene.arm.wrist[0] < scene.arm.elbow[0]          # the forearm on the pad towards the head


def test_the_foot_on_the_bench_lies_nearly_flat_and_the_arrows_clear_hand_and_belly():
    from macros.figures.shapes import shapes
    scene, figures = _scene("elevated-top")
    heel, toe = scene.working.heel, scene.working.toe
    assert math.degrees(math.atan2(toe[1] - heel[1], toe[0] - heel[0])) <= 20   # toes up at most 20°, not 35°
    for figure_id in ("elevated-top", "bottom"):
        scene, figures = _scene(figure_id)
        arrow = [s for s in shapes(scene, _figure(figure_id), figures) if s.layer == "arrow"][0]
        xs = [p[0] for p in arrow.points]
        # Not on the hand lying under the hips, not drawn over the trunk.
        assert min(abs(x - scene.arm.fingers[0]) for x in xs) > 0.03, figure_id
        assert min(xs) > scene.hip[0], figure_id


def test_the_lifted_foot_is_shorter_than_the_shin_and_has_a_heel():
    from macros.figures.shapes import shapes
    scene, figures = _scene("top")
    lifted = scene.lifted
    assert math.dist(lifted.heel, lifted.toe) <= 0.7 * figures.body.foot
    far = [s for s in shapes(scene, _figure("top"), figures) if s.layer == "far"]
    assert len(far) == 4   # thigh, shin, heel, foot: drawn as the planted foot is


def _with_figures_text(tmp_path, change) -> Path:
    for path in DATA.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "figures.yml").read_text(encoding="utf-8")
    (tmp_path / "figures.yml").write_text(change(text), encoding="utf-8")
    return tmp_path


def test_an_unreachable_foot_is_a_located_data_error(tmp_path):
    from macros.data.problems import DataError
    # The first figure's foot as the file spells it (an editor may type 0.5 or 0.50), under its pose.
    def unreachable(text: str) -> str:
        pose = text.index("\n    pose:")
        return text[:pose] + re.sub(r"\n( +)foot: [0-9.]+\n", r"\n\1foot: 1.2\n", text[pose:], count=1)
    data = _with_figures_text(tmp_path, unreachable)
    with pytest.raises(DataError) as caught:
        load_guide(data, check_manifest=False)
    report = caught.value.report()
    assert "figures.yml:" in report and "figures[0].pose.foot" in report and "cannot be drawn" in report



def _foot_at(figure, value: float):
    return figure.model_copy(update={"pose": figure.pose.model_copy(update={"foot": value})})


def test_a_pose_only_the_drawn_body_can_take_is_a_data_error_naming_the_other_body():
    """check-data checks the bodies the tests vary too (checks.VARIED_BODIES): a `foot:` the drawn
    body takes but a body 5% unlike it cannot is reported, with values that work for all of them."""
    from macros.figures.checks import figures_problems, pose_problems
    candidates = ((index, figure, round(figure.pose.foot + sign * step / 100, 2))
                  for step in range(1, 31) for index, figure in enumerate(FIGURES.figures) for sign in (-1, 1))
    edge = next(((index, figure, value) for index, figure, value in candidates
                 if value > 0 and not body_problems(_foot_at(figure, value), FIGURES)
                 and pose_problems(_foot_at(figure, value), FIGURES)), None)
    assert edge, "no foot: value near any figure's that only the drawn body can take"
    index, figure, value = edge
    figures = FIGURES.model_copy(update={"figures": [*FIGURES.figures[:index], _foot_at(figure, value),
                                                     *FIGURES.figures[index + 1:]]})
    problems = figures_problems(figures)
    assert problems and all(path[:2] == ("figures", index) for path, _ in problems), problems
    assert all("for a body with a 5% " in message for _, message in problems), problems
    # Where the problem is at the foot, the values it names pass for every body.
    for path, message in problems:
        found = re.search(r"use a value from ([0-9.]+) to ([0-9.]+)", message)
        if path[2:] == ("pose", "foot") and found:
            for typed in found.groups():
                assert not pose_problems(_foot_at(figure, float(typed)), FIGURES), (typed, message)

def test_every_figure_is_placed_on_a_record_that_draws_it():
    records = records_by_id(GUIDE)
    for figure in FIGURES.figures:
        for place in figure.at:
            assert isinstance(records[place], FIGURE_PLACES)
    # The barbell variation has no steps in the source, so no figure.
    assert not any("barbell" in figure.at for figure in FIGURES.figures)


# --- rendering -----------------------------------------------------------------------
@pytest.mark.parametrize("figure_id", IDS)
def test_figure_svg_is_small_accessible_and_self_contained(figure_id):
    svg = render_figure(GUIDE, figure_id)
    assert len(svg.encode()) < SIZE_BUDGET, f"{figure_id}: {len(svg.encode())} bytes"
    assert "\n" not in svg
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    name_id, desc_id = root.get("aria-labelledby").split()
    assert by_id[name_id].tag == SVG + "title" and by_id[name_id].text.strip() == _figure(figure_id).name
    assert by_id[desc_id].tag == SVG + "desc" and by_id[desc_id].text.strip() == _figure(figure_id).description
    assert root.get("stroke") == "currentColor"
    # Nothing external: no links, images, styles, fonts or scripts.
    assert not any(e.get("href") or e.get("{http://www.w3.org/1999/xlink}href") for e in root.iter())
    assert not any(e.tag in (SVG + "image", SVG + "use", SVG + "style", SVG + "script", SVG + "text")
                   for e in root.iter())
    assert "url(" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # The body draws in the text colour: only the plate cut-out names a colour (white, which
    # guide.css replaces with the page's background).
    fills = {e.get("fill") for e in root.iter() if e.get("fill")}
    assert fills <= {"none", "currentColor", "#fff"}
    assert all(e.get("class") == "guide-figure__cutout" for e in root.iter() if e.get("fill") == "#fff")


def test_same_data_renders_the_same_bytes():
    again = load_guide(DATA, check_manifest=False)
    assert [render_figure(GUIDE, i) for i in IDS] == [render_figure(again, i) for i in IDS]


def test_figure_text_from_hostile_data_stays_text():
    hostile = 'Hips <script>alert(1)</script> & *stars* _x_ [a](javascript:x) {: #y } "q" \u2028 end'
    figure = FIGURES.figures[0].model_copy(update={"name": hostile, "description": hostile})
    guide = GUIDE.model_copy(update={"figures": FIGURES.model_copy(update={"figures": [figure]})})
    root = ET.fromstring(render_figure(guide, figure.id))
    assert root.find(SVG + "title").text == " ".join(hostile.split())
    assert "<script" not in svg_text(hostile) and "*" not in svg_text(hostile) and "[" not in svg_text(hostile)


def test_figures_on_one_page_never_share_an_element_id():
    index = FigureIndex(GUIDE)
    for place in {place for f in FIGURES.figures for place in f.at}:
        ids = [e.get("id") for shown in index.at(place) for e in ET.fromstring(shown["svg"]).iter() if e.get("id")]
        assert len(ids) == len(set(ids)) == 2 * len(index.at(place))
    # The same figure in two places gets two sets of ids.
    setup = [place for place in _figure("setup").at]
    assert len(setup) == 2 and index.at(setup[0])[0]["svg"] != index.at(setup[1])[0]["svg"]


def test_components_render_their_figures_from_data():
    from macros.render.renderer import GuideRenderer
    renderer = GuideRenderer(GUIDE)
    pages = {name: renderer.render(name) for name in ("technique_steps", "mistake_cards", "variations")}
    pages["checklist"] = renderer.render("tick_checklist", "checklist-setup")
    everything = "".join(pages.values())
    for figure in FIGURES.figures:
        for place in figure.at:
            assert everything.count(f'id="fig-{place}-{figure.id}-name"') == 1, f"{figure.id} at {place}"
    assert everything.count("class=\"guide-figure__svg\"") == sum(len(f.at) for f in FIGURES.figures)
    # Nothing is pasted into docs pages.
    docs = Path(__file__).resolve().parent.parent / "docs"
    assert not any("<svg" in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))


def test_small_guide_figure_renders(small_guide: Guide = None):
    from tests.small_guide import small_guide_data
    guide = Guide(**small_guide_data())
    assert "Figure sigma" in render_figure(guide, "figure-sigma")


# --- body checks (macros/figures/checks.py) ------------------------------------------
def _messages(problems) -> str:
    return "\n".join(f"{'.'.join(map(str, path))}: {message}" for path, message in problems)


def _posed(figure_id: str, **pose):
    figure = _figure(figure_id)
    return figure.model_copy(update={"pose": figure.pose.model_copy(update=pose)})


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_every_figure_is_a_position_a_body_can_take_and_shows_its_caption(figure_id, change):
    figures = _figures(change)
    figure = next(f for f in figures.figures if f.id == figure_id)
    # The pose numbers are the data's; another body's lengths tilt a line by a few degrees.
    problems = body_problems(figure, figures, slack=0 if change is None else SLACK)
    assert not problems, f"{figure_id}:\n{_messages(problems)}"


def test_an_arm_through_the_bench_is_reported():
    from dataclasses import replace
    scene, figures = _scene("top")
    top = figures.bench.height
    arm = replace(scene.arm, elbow=(scene.arm.elbow[0] - 0.05, top - 0.05))
    problems = _messages(scene_problems(replace(scene, arm=arm), _figure("top"), figures))
    assert "into the bench" in problems and "arms.hands" in problems


def test_a_shoulder_at_190_degrees_is_reported():
    from dataclasses import replace
    scene, figures = _scene("top")
    body = figures.body
    heading = math.radians(scene.chest_angle() + 190)
    s = scene.arm.shoulder3
    elbow3 = (s[0] + body.upper_arm * math.cos(heading), s[1] + body.upper_arm * math.sin(heading), s[2])
    wrist3 = (elbow3[0] + body.forearm * math.cos(heading), elbow3[1] + body.forearm * math.sin(heading), s[2])
    arm = replace(scene.arm, elbow3=elbow3, wrist3=wrist3, target=wrist3, elbow=elbow3[:2], wrist=wrist3[:2],
                  fingers=wrist3[:2])
    problems = _messages(scene_problems(replace(scene, arm=arm), _figure("top"), figures))
    assert "shoulder's flexion is -170.0°" in problems and "ranges.shoulder" in problems


def test_a_knee_past_the_toes_where_the_caption_says_vertical_is_reported():
    figure = _posed(RIGHT, foot=_figure(TOO_CLOSE).pose.foot)
    assert "vertical-shin" in figure.claims
    problems = _messages(body_problems(figure, FIGURES))
    assert "pose.foot: the caption says a vertical shin" in problems


def test_a_missing_contact_is_reported():
    from dataclasses import replace
    scene, figures = _scene("top")
    lifted = (scene.arm.wrist3[0], scene.arm.wrist3[1] + 0.05, scene.arm.wrist3[2])
    arm = replace(scene.arm, wrist3=lifted, wrist=lifted[:2])
    problems = _messages(scene_problems(replace(scene, arm=arm), _figure("top"), figures))
    assert "the hand does not reach the bench" in problems
    # The back off the bench edge: the whole body moved up.
    up = lambda p: (p[0], p[1] + 0.03)  # noqa: E731
    floated = replace(scene, shoulder=up(scene.shoulder), blade=up(scene.blade), waist=up(scene.waist))
    assert "does not rest on the bench edge" in _messages(scene_problems(floated, _figure("top"), figures))


def test_crossed_legs_are_reported():
    from dataclasses import replace
    from macros.figures.geometry import Leg
    scene, figures = _scene("bottom")
    knee, ankle = scene.working.knee, scene.working.ankle
    mid = ((knee[0] + ankle[0]) / 2, (knee[1] + ankle[1]) / 2)
    # A lifted shin drawn across the working shin, as the bottom once was.
    lifted = Leg(scene.hip, (mid[0] - 0.1, mid[1] + 0.02), (mid[0] + 0.1, mid[1] - 0.02),
                 (mid[0] + 0.08, mid[1] - 0.03), (mid[0] + 0.12, mid[1] + 0.1))
    problems = _messages(scene_problems(replace(scene, lifted=lifted), _figure("bottom"), figures))
    assert "the legs read as crossed" in problems


@pytest.mark.parametrize("figure_id, pose, expected", [
    ("top", {"neck": 0.0}, "the chin is tucked"),
    ("top", {"hip_height": 0.2}, "a straight line"),
    ("bottom", {"hip_height": 0.15}, "hover just above the floor"),
    ("top", {"lifted": {"hip": -20, "knee": 0}}, "the lifted knee is above the hip"),
    (TOO_CLOSE, {"foot": 0.45}, "the shin leans forward"),
    (TOO_FAR, {"foot": 0.45}, "the shin leans away"),
    ("back-arched", {"arch": 0.0}, "the lower back bows up"),
    # The arch as it was drawn: the hips sagging under the shoulder–knee line (another fault).
    ("back-arched", {"hip_height": 0.265}, "sag"),
    ("banded-top", {"lifted": {"hip": 135, "knee": 110}}, "the band stretches"),
    # The band figure as it was: the lifted thigh straight up, not toward the chest as the step says.
    ("banded-top", {"lifted": {"hip": 90, "knee": 110}}, "comes toward the chest"),
    # The too-close foot as it was: flat, the knee past the toes, the ankle folded 35°.
    (TOO_CLOSE, {"foot": 0.3}, "ranges.ankle"),
    # ... and then rocked onto its toes to keep the ankle in range: the toes fault (coach 26 R3).
    (TOO_CLOSE, {"foot": 0.3, "heel_lift": 12.0}, "draws the toes mistake"),
    # The setup as it was: the far leg exactly behind the near one, or not drawn at all.
    ("setup", {"other_foot": _figure("setup").pose.foot}, "only one leg shows"),
    ("setup", {"other_foot": None}, "only one leg shows"),
    # The setup as it was: the buttocks held about 4 cm over the floor the step says you sit on.
    ("setup", {"hip_height": 0.07}, "you sit on the floor"),
    ("top", {"neck": 60.0}, "ranges.neck"),
])
def test_each_caption_claim_and_range_fails_on_a_pose_that_breaks_it(figure_id, pose, expected):
    from macros.data.model import LiftedLeg
    if "lifted" in pose:
        pose["lifted"] = LiftedLeg(**pose["lifted"])
    problems = _messages(body_problems(_posed(figure_id, **pose), FIGURES))
    assert expected in problems, problems


@pytest.mark.parametrize("figure_id", [f.id for f in FIGURES.figures if f.pose.arms.hands == "bench"])
def test_a_hand_on_the_bench_lies_on_its_top(figure_id):
    from macros.figures.geometry import WRIST_HALF
    scene, figures = _scene(figure_id)
    top = scene.bench[2]
    assert scene.arm.wrist[1] - WRIST_HALF - top == pytest.approx(0, abs=1e-6)
    # The hand as it was drawn: held a limb's radius over the pad, its palm a few px above it.
    lr = figures.body.limb_radius
    over = (scene.arm.wrist[0], top + lr)
    floating = replace(scene, arm=replace(scene.arm, wrist=over, wrist3=(*over, scene.arm.wrist3[2]),
                                          target=(*over, scene.arm.wrist3[2])))
    assert "the hand is not on the bench top" in _messages(scene_problems(floating, _figure(figure_id), figures))


@pytest.mark.parametrize("figure_id", ["setup", "bottom"])
def test_sitting_against_the_bench_the_forearm_lies_along_the_pad(figure_id):
    # Not a hook: the forearm seen from the side along the pad towards the head, the hand flat
    # at its end, the elbow just off the pad.
    scene, figures = _scene(figure_id)
    arm, top = scene.arm, scene.bench[2]
    assert math.dist(arm.elbow, arm.wrist) >= 0.6 * figures.body.forearm
    assert arm.wrist[0] < arm.elbow[0] and arm.fingers[1] == pytest.approx(arm.wrist[1])
    assert 0 <= arm.elbow[1] - top <= 0.05


def test_fingers_over_the_bench_edge_are_reported():
    from dataclasses import replace
    scene, figures = _scene("top")
    # The hand as it was drawn: fingers on along the forearm, out past the pad's edge.
    over = replace(scene.arm, fingers=(scene.bench[0] - 0.04, scene.arm.fingers[1]))
    problems = _messages(scene_problems(replace(scene, arm=over), _figure("top"), figures))
    assert "the fingers reach past the bench's edge" in problems
    assert "fingers" not in _messages(scene_problems(scene, _figure("top"), figures))


def test_a_landmine_plate_through_the_pelvis_or_a_pivot_off_the_picture_is_reported():
    from dataclasses import replace
    scene, figures = _scene("landmine-top")
    assert not scene_problems(scene, _figure("landmine-top"), figures)
    # The plate as it was drawn: round the bar's rest on the hips, through the pelvis.
    r = figures.props.plate_radius
    rest = scene.landmine[1]
    through = replace(scene, plate=((rest[0], rest[1] + r), (rest[0], rest[1] - r)))
    assert "plate goes" in _messages(scene_problems(through, _figure("landmine-top"), figures))
    # A bar so long its pivot falls off the picture (or so short it stands under the body).
    for length in (1.2, 0.4):
        long = figures.model_copy(update={"props": figures.props.model_copy(update={"landmine_length": length})})
        assert "equipment: the landmine's pivot is not on the floor just beyond the feet" in _messages(
            body_problems(_figure("landmine-top"), long))


def test_the_landmine_is_drawn_as_equipment_not_as_a_limb():
    from macros.figures.shapes import shapes
    scene, figures = _scene("landmine-top")
    drawn = shapes(scene, _figure("landmine-top"), figures)
    gear = [s for s in drawn if s.layer == "gear"]
    # Outlined and hollow (the page's colour inside an ink outline), never in the far leg's grey fill.
    assert gear and all(s.cut for s in gear) and not [s for s in drawn if s.layer == "far" and not s.cut
                                                      and scene.landmine[0] in s.points]
    xs = lambda s: [p[0] for p in s.points]  # noqa: E731
    ys = lambda s: [p[1] for p in s.points]  # noqa: E731
    # The plate seen edge-on as a plate is thick (a rectangle, not a rod), the base wide enough to read.
    plate = next(s for s in gear if s.kind == "loop" and len(s.points) == 4 and min(ys(s)) > 0.02)
    sides = sorted(math.dist(a, b) for a, b in zip(plate.points, plate.points[1:] + plate.points[:1]))
    assert sides[0] >= 0.035 and sides[-1] >= 2 * figures.props.plate_radius - 1e-9
    base = next(s for s in gear if s.kind == "loop" and min(ys(s)) == 0.0)
    assert max(xs(base)) - min(xs(base)) >= 0.12


def test_elbows_off_the_bench_where_the_mistake_says_pressed_is_reported():
    from dataclasses import replace
    scene, figures = _scene("elbows-pushing")
    relaxed, _ = _scene("top")
    problems = _messages(scene_problems(replace(scene, arm=relaxed.arm), _figure("elbows-pushing"), figures))
    assert "arms.elbows: the elbow does not press on the bench" in problems


def test_the_dumbbell_through_a_thigh_is_reported():
    from dataclasses import replace
    scene, figures = _scene("dumbbell-top")
    # The near (working) thigh: the lifted one rises behind the weight, at another depth.
    knee = scene.working.knee
    inside = ((scene.hip[0] + knee[0]) / 2, (scene.hip[1] + knee[1]) / 2)
    problems = _messages(scene_problems(replace(scene, dumbbell=inside), _figure("dumbbell-top"), figures))
    assert "the dumbbell goes" in problems and "into the working thigh" in problems


def test_a_broken_body_check_is_a_data_error_at_the_number(tmp_path):
    from macros.data.problems import DataError
    index = IDS.index("top")
    neck = f"\n      neck: {_figure('top').pose.neck:g}\n"
    def change(text):  # noqa: E306
        head, _, rest = text.partition("\n  - id: top\n")
        return head + "\n  - id: top\n" + rest.replace(neck, "\n      neck: 70\n", 1)
    with pytest.raises(DataError) as caught:
        load_guide(_with_figures_text(tmp_path, change), check_manifest=False)
    report = caught.value.report()
    assert f"figures[{index}].pose.neck" in report and "ranges.neck" in report


def test_ranges_of_motion_are_stated_with_their_source():
    text = (DATA / "figures.yml").read_text(encoding="utf-8")
    assert "Norkin" in text and "AAOS" in text
    for name, limits in FIGURES.ranges:
        assert limits.min < limits.max, name


# --- the body map (macros/figures/body_map.py) ----------------------------------------
def test_the_body_map_shades_every_muscle_by_its_role_from_data():
    from macros.figures.body_map import ROLE_CLASS, body_map, render_body_map
    drawn = body_map(GUIDE)
    for muscle in GUIDE.muscles.muscles:
        assert FIGURES.body_map[muscle.id], muscle.id
        assert ROLE_CLASS[muscle.role] in drawn["regions"], muscle.role
    named = [m.id for item in drawn["legend"] for m in item["muscles"]]
    assert sorted(named) == sorted(m.id for m in GUIDE.muscles.muscles)
    root = ET.fromstring(render_body_map(GUIDE, "fig-test"))
    assert root.get("role") == "img" and root.find(SVG + "title").text
    desc = root.find(SVG + "desc").text
    assert all(m.name in desc for m in GUIDE.muscles.muscles)


def test_a_muscle_without_a_region_on_the_body_map_is_a_data_error(tmp_path):
    from macros.data.problems import DataError
    first = GUIDE.muscles.muscles[0].id
    data = _with_figures_text(tmp_path, lambda text: text.replace(f"\n  {first}: ", "\n  not-a-muscle: ", 1))
    with pytest.raises(DataError) as caught:
        load_guide(data, check_manifest=False)
    report = caught.value.report()
    assert f"the muscle '{first}' has no region on the body map" in report
    assert "'not-a-muscle' is not a muscle of muscles.yml" in report


def test_an_arm_through_the_head_is_reported():
    # The elbow put inside the head (as the crossed arms once were drawn): the forearm then
    # runs from the face; the check says so at the arms' field.
    scene, figures = _scene("arms-crossed")
    head3 = (scene.head[0], scene.head[1], 0.0)
    arm = replace(scene.arm, elbow3=head3, elbow=scene.head)
    problems = _messages(scene_problems(replace(scene, arm=arm), _figure("arms-crossed"), figures))
    assert "into the head" in problems and "arms.hands" in problems


def test_crossed_arms_keep_the_elbow_towards_the_hips_and_clear_of_the_head():
    scene, figures = _scene("arms-crossed")
    towards_hips = scene.waist[0] - scene.shoulder[0]
    assert (scene.arm.elbow[0] - scene.shoulder[0]) * towards_hips > 0
    assert scene.arm.elbow[1] > scene.shoulder[1]
    assert not [m for _, m in scene_problems(scene, _figure("arms-crossed"), figures) if "head" in m]
    angles = joint_angles(scene, _figure("arms-crossed"))
    assert angles["shoulder"][0] > 10   # raised from the side, not reported as 0°


def test_crossed_arms_lie_on_the_chest_the_elbow_by_the_lower_ribs():
    scene, figures = _scene("arms-crossed")
    figure = _figure("arms-crossed")
    assert not scene_problems(scene, figure, figures)
    along = lambda p: distance_to_segment(p, scene.shoulder, scene.waist)[1]  # noqa: E731
    assert along(scene.arm.elbow) > 0.5 and along(scene.arm.wrist) < 0.35   # elbow low on the ribs, hand up by the far shoulder
    assert scene.arm.wrist3[2] < 0 < scene.arm.shoulder3[2]                # across the chest, towards the other shoulder
    # The arm as it was drawn: the elbow held off the chest (props.elbow_lift), the forearm in the air.
    lift = figures.props.elbow_lift
    floating = replace(scene, arm=replace(scene.arm, elbow=(scene.arm.elbow[0], scene.arm.elbow[1] + lift),
                                          wrist=(scene.arm.wrist[0], scene.arm.wrist[1] + lift)))
    problems = _messages(scene_problems(floating, figure, figures))
    assert "the crossed arm's elbow does not lie on the chest" in problems
    assert "the crossed arm's wrist does not lie on the chest" in problems


def test_the_band_is_a_flat_loop_of_two_parallel_strands_that_never_cross():
    from macros.figures.checks import _segments_cross
    from macros.figures.geometry import angle_of
    from macros.figures.shapes import shapes
    scene, figures = _scene("banded-top")
    near, far = scene.band
    strands = [s.points for s in shapes(scene, _figure("banded-top"), figures)
               if s.layer == "front" and s.kind == "taper" and math.dist(*s.points) > 0.5 * math.dist(near, far)]
    assert len(strands) == 2
    (a1, b1), (a2, b2) = strands
    assert not _segments_cross(a1, b1, a2, b2)
    assert abs(angle_of(a1, b1) - angle_of(a2, b2)) < 5
    # From just above one knee to just above the other.
    for a, b in strands:
        assert min(math.dist(a, near), math.dist(b, near)) < 0.02 and min(math.dist(a, far), math.dist(b, far)) < 0.02


def test_the_dumbbell_sits_over_the_hip_joint_held_at_its_ends_with_the_elbows_by_the_ribs():
    scene, figures = _scene("dumbbell-top")
    r = figures.props.dumbbell_radius
    assert math.dist(scene.dumbbell, scene.hip) == pytest.approx(figures.body.trunk_radius + r, abs=1e-6)
    assert abs(scene.dumbbell[0] - scene.hip[0]) < r          # over the joint, not on the belly
    assert scene.arm.wrist3[2] == pytest.approx(figures.props.shoulder_width / 2)   # the dumbbell's end
    elbow = scene.arm.elbow
    # By the ribs: between shoulder and hip along the trunk, no higher than the chest's surface.
    assert scene.shoulder[0] < elbow[0] < scene.hip[0]
    assert distance_to_segment(elbow, scene.shoulder, scene.waist)[0] <= figures.body.trunk_radius


def test_the_body_map_names_its_views_and_marks_roles_by_more_than_colour(guide):
    from macros.figures.body_map import ROLE_CLASS, body_map, render_body_map
    d, svg = body_map(guide), render_body_map(guide)
    assert ">Front</text>" in svg and ">Back</text>" in svg
    shades = {ROLE_CLASS[m.role] for m in guide.muscles.muscles if guide.figures.body_map.get(m.id)}
    # Each role drawn has its own non-colour cue: solid (target), hatching, dots.
    assert bool(d["hatch"]) == ("synergist" in shades) and bool(d["dots"]) == ("stabilizer" in shades)
    assert ('guide-body-map__hatch' in svg) == ("synergist" in shades)
