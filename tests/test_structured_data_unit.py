"""The schema.org describers on a small guide: what each HowTo holds and leaves out."""

from __future__ import annotations

import json

from macros.render.structured_data import technique_how_to, variation_how_tos
from small_guide import small_guide

URL = "https://example.test/tiny/technique/"


def test_technique_steps_link_to_their_anchors_without_citation_markers():
    (how_to,) = technique_how_to(small_guide(), URL)
    assert [(s["position"], s["name"], s["url"]) for s in how_to["step"]] == [
        (1, "First", URL + "#step-one"), (2, "Second", URL + "#step-two")]
    assert how_to["step"][0]["text"] == "Do zeta. Cited eta."
    assert "Careful theta." not in json.dumps(how_to)  # cautions and cues stay on the page only


def test_only_the_studies_the_steps_cite_become_scholarly_articles():
    (how_to,) = technique_how_to(small_guide(), URL)
    # ref-b is cited by a muscle, not by a step.
    assert [a["name"] for a in how_to["citation"]] == ["Title A"]
    assert how_to["citation"][0]["author"] == [{"@type": "Person", "name": "Author A"}]
    assert "sameAs" not in how_to["citation"][0]  # no DOI given, none invented


def test_a_variation_without_steps_gets_no_how_to():
    how_tos = variation_how_tos(small_guide(), URL)
    assert [h["name"] for h in how_tos] == ["Variation A"]
    assert how_tos[0]["url"] == URL + "#var-a"
    assert [t["name"] for t in how_tos[0]["tool"]] == ["bench", "band"]


def test_describers_are_attached_to_the_components_showing_those_records():
    from macros.render.registry import COMPONENTS_BY_NAME

    assert COMPONENTS_BY_NAME["technique_steps"].schema_org is technique_how_to
    assert COMPONENTS_BY_NAME["variations"].schema_org is variation_how_tos
    assert [c.name for c in COMPONENTS_BY_NAME.values() if c.schema_org] == ["technique_steps", "variations"]
