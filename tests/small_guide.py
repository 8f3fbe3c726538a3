"""A small, hand-made guide for unit tests: one or two records per collection, with
distinctive words so a test can tell which field reached which output."""

from __future__ import annotations

import copy

from macros.data.model import Guide


def small_guide_data() -> dict:
    """Plain data for every file, as the YAML loader would return it."""
    data = copy.deepcopy({
        "guide": {
            "title": "Tiny Guide",
            "intro": ["Intro alpha."],
            "what_is": {"id": "what-is", "title": "What is it", "paragraphs": ["It is beta."]},
            "summary": {"id": "summary", "title": "Summary", "paragraphs": ["Summary gamma."]},
            "disclaimer": {"id": "disclaimer", "short": "General info only.", "more": "See a pro."},
            "corrections": [{"id": "fix-one", "source": "Source had delta.", "change": "Site has epsilon."}],
        },
        "technique": {
            "title": "How to",
            "intro": "Technique intro.",
            "steps": [
                {"id": "step-one", "title": "First", "paragraphs": [
                    "Do zeta.",
                    {"text": "Cited eta.", "cites": ["ref-a"]},
                ], "caution": "Careful theta.", "cues": [{"id": "cue-iota", "text": "Cue iota"}]},
                {"id": "step-two", "title": "Second", "paragraphs": ["Do kappa."]},
            ],
            "safety": {"id": "safety", "title": "Safety", "intro": "Safety intro.", "tips": [
                {"id": "tip-lambda", "kind": "stop-sign", "text": "Stop at lambda."},
            ]},
        },
        "mistakes": {"title": "Mistakes", "intro": "Mistakes intro.", "mistakes": [
            {"id": "mistake-mu", "title": "Mu", "problem": ["Problem mu."], "solutions": ["Fix nu.", "Fix xi."],
             "fault": {"symptom": "Feel mu.", "check": "Check mu?", "fix": "Fix nu."}},
        ]},
        "muscles": {"title": "Muscles", "intro": "Muscles intro.", "roles_intro": "Roles intro.",
                    "roles": {"target": "Target means phi.", "dynamic stabilizer": "Holds chi."}, "muscles": [
            {"id": "muscle-omicron", "name": "Omicron", "role": "target", "function": "Does pi.",
             "in_exercise": [{"text": "Works rho.", "cites": ["ref-b"]}], "cue": "Cue sigma."},
            {"id": "muscle-tau", "name": "Tau", "role": "dynamic stabilizer", "function": "Does upsilon.",
             "in_exercise": ["Works phi."]},
        ]},
        "benefits": {"title": "Benefits", "benefits": [
            {"id": "benefit-chi", "title": "Chi", "paragraphs": ["Benefit chi."], "points": ["Point psi."],
             "closing": ["Closing omega."]},
        ]},
        "variations": {"title": "Variations", "variations": [
            {"id": "var-a", "name": "Variation A", "equipment": ["bench", "band"], "intro": "Var intro.",
             "steps": [{"id": "var-a-one", "text": "Var step one."}], "note": "Var note."},
            {"id": "var-b", "name": "Variation B", "equipment": ["barbell"]},
        ]},
        "programming": {
            "title": "Programming", "intro": "Programming intro.",
            "frequency": {"id": "frequency", "title": "Frequency", "text": "Twice weekly-ish."},
            "guidelines": {"id": "guidelines", "title": "Guidelines", "intro": "Use these:", "goals": [
                {"id": "goal-a", "goal": "Goal A", "short_goal": "goal a", "sets": "7–9", "reps": "11–13",
                 "load": "heavy", "rest": "long rest"},
            ], "effort": "Effort text."},
            "progression": {"id": "route", "title": "Route", "intro": "Route intro.", "steps": [
                {"id": "route-one", "name": "Route one", "technique": True},
                {"id": "route-two", "name": "Route two", "variations": ["var-a", "var-b"], "per_leg": True,
                 "logs": ["reps", "load"]},
            ], "advance_when": "Advance rule."},
            "sample_session": {"id": "session", "title": "Session", "intro": "Session intro.", "exercises": [
                {"id": "session-one", "exercise": "Exercise one", "sets": "4", "reps": "5–6", "per_leg": True,
                 "logs": ["reps", "load"]},
                {"id": "session-two", "exercise": "Exercise two", "sets": "2", "logs": ["time"]},
            ]},
        },
        "faq": {"title": "FAQ", "faqs": [
            {"id": "faq-one", "question": "Question one?", "answer": ["Answer one."], "shows": "guidelines",
             "closing": ["Closing one."]},
        ]},
        "references": {"title": "References", "references": [
            {"id": "ref-a", "authors": ["Author A"], "title": "Title A", "journal": "Journal A", "year": 2001,
             "volume": "1", "issue": "2", "pages": "3-4"},
            {"id": "ref-b", "authors": ["Author B", "Author C"], "title": "Title B", "journal": "Journal B",
             "year": 2002, "doi": "10.1234/abc.5"},
        ]},
        "checklists": {"title": "Checklists", "intro": "Checklists intro.", "checklists": [
            {"id": "list-ticks", "kind": "ticks", "page": "ticks.md", "title": "Ticks", "intro": "Tick intro.",
             "items": ["cue-iota", "tip-lambda"], "disclaimer": True},
            {"id": "list-faults", "kind": "fault-finder", "page": "faults.md", "title": "Faults",
             "items": ["mistake-mu"], "paper": {"columns": 2}},
            {"id": "list-route", "kind": "progression-tracker", "page": "route.md", "title": "Route log",
             "items": ["route-two"], "log_fields": ["Day", "Weight"], "log_rows": 3},
            {"id": "list-session", "kind": "session-card", "page": "session.md", "title": "Session log",
             "items": ["session-one", "session-two"], "set_rows": 5},
            {"id": "list-stops", "kind": "stop-list", "page": "stops.md", "title": "Stops", "intro": "Stop intro.",
             "items": ["tip-lambda"], "disclaimer": True},
        ]},
        "search": {"terms": [{"words": ["Iotas"], "means": "iota", "at": ["cue-iota"]}]},
        "figures": {
            "body": {"head_neck": 0.182, "trunk": 0.288, "upper_arm": 0.186,
                     "forearm": 0.146, "hand": 0.108, "thigh": 0.245, "shank": 0.246, "ankle_height": 0.039,
                     "foot": 0.152, "trunk_radius": 0.055, "limb_radius": 0.022, "head_radius": 0.062},
            "bench": {"height": 0.24, "depth": 0.17},
            "props": {"dumbbell_radius": 0.05, "plate_radius": 0.1, "landmine_length": 0.85, "band_radius": 0.03,
                      "band_stretch": 0.25, "shoulder_width": 0.26, "hands_beside": 0.42, "hands_behind": 0.07,
                      "elbow_lift": 0.02},
            "ranges": {"hip": {"min": -30, "max": 120}, "knee": {"min": 0, "max": 135},
                       "ankle": {"min": -50, "max": 40}, "shoulder": {"min": -60, "max": 180},
                       "elbow": {"min": 0, "max": 150}, "neck": {"min": -45, "max": 45},
                       "lumbar": {"min": -60, "max": 25}},
            "figures": [{"id": "figure-sigma", "at": ["step-one"], "name": "Figure sigma",
                         "description": "Shows tau.", "caption": "Caption upsilon.",
                         "pose": {"back_contact": 0.3, "hip_height": 0.28, "foot": 0.45,
                                  "lifted": {"hip": 75, "knee": 95}, "arms": {"hands": "bench"}},
                         "guides": ["straight-line"]}],
        },
    })
    # Every muscle has its place on the body map (a muscle without one is a data error).
    data["figures"]["body_map"] = {muscle["id"]: ["glutes"] for muscle in data["muscles"]["muscles"]}
    # The Overview's opening picture.
    data["figures"]["opening"] = data["figures"]["figures"][0]["id"]
    # The Technique page's movement, frame by frame.
    data["figures"]["animation"] = [data["figures"]["figures"][0]["id"]]
    return data


def small_guide(data: dict | None = None) -> Guide:
    """The small guide, validated by the real models."""
    return Guide.model_validate(data or small_guide_data())
