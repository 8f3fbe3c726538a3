"""Figures of the movement (data/figures.yml): the computed poses say what the source says,
and each drawing is small, accessible, self-contained SVG. Plain pytest, no browser."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.validate.rules import FIGURE_PLACES
from macros.figures.geometry import distance_to_segment, pose_scene
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
# Segment lengths changed by 5% either way must keep every rule below true.
CHANGES = [None] + [(name, factor) for name in ("thigh", "shank", "trunk", "upper_arm") for factor in (0.95, 1.05)]


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
        radius = body.head_radius if name == "head" else 0.0 if name in ("heel", "toe") else body.limb_radius
        assert y - radius >= -1e-9, f"{figure_id}: {name} at {y:.3f} goes through the floor"
    assert scene.hip[1] - body.trunk_radius >= -1e-9, f"{figure_id}: the hips go through the floor"


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_the_planted_foot_is_flat_on_what_it_stands_on(figure_id, change):
    scene, figures = _scene(figure_id, change)
    ground = figures.bench.height if _figure(figure_id).pose.foot_on == "bench" else 0.0
    foot = scene.working
    assert foot.heel[1] == pytest.approx(ground) and foot.toe[1] == pytest.approx(ground)
    assert foot.ankle[1] == pytest.approx(ground + figures.body.ankle_height)
    assert foot.toe[0] > foot.heel[0]
    if ground:  # on the bench: the whole foot on its top
        left, right, _top = scene.bench
        assert left <= foot.heel[0] and foot.toe[0] <= right


@pytest.mark.parametrize("change", CHANGES, ids=str)
@pytest.mark.parametrize("figure_id", IDS)
def test_the_upper_back_touches_the_bench_edge_or_the_floor(figure_id, change):
    scene, figures = _scene(figure_id, change)
    body = figures.body
    if _figure(figure_id).pose.back_on == "floor":
        assert scene.shoulder[1] == pytest.approx(body.trunk_radius)
        return
    corner = (0.0, figures.bench.height)
    distance, where = distance_to_segment(corner, scene.shoulder, scene.hip)
    assert distance == pytest.approx(body.trunk_radius, abs=1e-9), f"{figure_id}: the back is off the bench edge"
    # Just below the shoulder blades: in the upper half of the trunk, not at its end.
    assert 0.05 < where < 0.5, f"{figure_id}: the bench touches the trunk at {where:.2f} of its length"
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


def test_arched_back_bows_out_of_the_line_and_neutral_does_not():
    arched, _ = _scene("back-arched")
    neutral, _ = _scene("back-neutral")
    bow = lambda s: distance_to_segment(s.belly, s.shoulder, s.hip)[0]  # noqa: E731
    assert bow(neutral) == pytest.approx(0) and bow(arched) > 0.02
    assert arched.belly[1] > (arched.shoulder[1] + arched.hip[1]) / 2, "the arch bows towards the floor"


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


def test_an_unreachable_foot_is_a_located_data_error(tmp_path):
    from macros.data.problems import DataError
    for path in DATA.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "figures.yml").read_text(encoding="utf-8")
    # The first figure's pose, whatever its foot is now.
    first = re.search(r"\n      foot: [0-9.]+\n", text[text.index("\n    pose:"):])
    at = text.index("\n    pose:") + first.start()
    (tmp_path / "figures.yml").write_text(text[:at] + "\n      foot: 1.2\n" + text[at + len(first.group(0)):],
                                          encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_guide(tmp_path, check_manifest=False)
    report = caught.value.report()
    assert "figures.yml:" in report and "figures[0].pose.foot" in report and "cannot be drawn" in report


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
