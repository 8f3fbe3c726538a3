"""The "At a glance" box: its values gathered from records the guide already has.

Nothing here is typed twice: each value is a record (or the first sentence of one) and
carries the id it links to. Pure Python over the validated guide, so it is tested on
small guides without MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.model import Guide, Muscle, ProgressionStep, Step, Variation

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])")


def first_sentence(text: str) -> str:
    """The text up to its first sentence end ("Begin with 2–3 sets ... reserve.")."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


@dataclass(frozen=True)
class Linked:
    """Words shown in the box and the id of the record they link to."""

    text: str
    id: str


@dataclass(frozen=True)
class Equipment:
    """A piece of equipment, the variations that list it, and the id of the record the
    box links its name to (None: nothing tells more about it, so it is not a link)."""

    name: str
    variations: tuple[Variation, ...]
    link: str | None = None


@dataclass(frozen=True)
class Glance:
    targets: tuple[Muscle, ...]
    # The other muscles by role, roles in the order data/muscles.yml first gives them:
    # ("dynamic stabilizer", (...)), ... The box names the muscles, not the roles (the
    # Muscles page explains each role); the grouping keeps muscles of one role together.
    supporting: tuple[tuple[str, tuple[Muscle, ...]], ...]
    # Equipment every variation lists (what the exercise needs), then the rest (optional).
    needed: tuple[Equipment, ...]
    optional: tuple[Equipment, ...]
    start_dose: Linked | None
    frequency: Linked
    easier: ProgressionStep | None
    harder: ProgressionStep | None
    steps: tuple[Step, ...]

    @property
    def others(self) -> tuple[Muscle, ...]:
        """The supporting muscles in one list, role by role."""
        return tuple(m for _, group in self.supporting for m in group)


def _named_in(name: str, steps: list[Step]) -> str | None:
    """The id of the first step whose title names `name` ("Set up against the bench")."""
    word = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    return next((step.id for step in steps if word.search(step.title)), None)


def _equipment(variations: list[Variation], steps: list[Step]
               ) -> tuple[tuple[Equipment, ...], tuple[Equipment, ...]]:
    """What every variation lists (linked to the technique step named for it, if any) and
    the rest (linked to the first variation that lists it)."""
    names: dict[str, list[Variation]] = {}
    for variation in variations:
        for name in variation.equipment:
            names.setdefault(name, []).append(variation)
    needed, optional = [], []
    for name, users in names.items():
        if len(users) == len(variations):
            needed.append(Equipment(name, tuple(users), _named_in(name, steps)))
        else:
            optional.append(Equipment(name, tuple(users), users[0].id))
    return tuple(needed), tuple(optional)


def at_a_glance(guide: Guide) -> Glance:
    """The box's values: target and supporting muscles (by `role`), the equipment (from
    the variations), the starting dose (the safety tip of kind `load`) and frequency (the
    programming's first sentence of each), the progression steps either side of the one
    the technique teaches (`technique: true`), and the technique's steps."""
    muscles = guide.muscles.muscles
    roles = dict.fromkeys(m.role for m in muscles if m.role != "target")
    supporting = tuple((role, tuple(m for m in muscles if m.role == role)) for role in roles)
    needed, optional = _equipment(guide.variations.variations, guide.technique.steps)
    dose = next((tip for tip in guide.technique.safety.tips if tip.kind == "load"), None)
    frequency = guide.programming.frequency
    route = guide.programming.progression.steps
    here = next((i for i, step in enumerate(route) if step.technique), None)
    return Glance(
        targets=tuple(m for m in muscles if m.role == "target"),
        supporting=supporting,
        needed=needed,
        optional=optional,
        start_dose=Linked(first_sentence(dose.text), dose.id) if dose else None,
        frequency=Linked(first_sentence(frequency.text), frequency.id),
        easier=route[here - 1] if here is not None and here > 0 else None,
        harder=route[here + 1] if here is not None and here + 1 < len(route) else None,
        steps=tuple(guide.technique.steps),
    )


# The page holding the full medical disclaimer (docs/technique.md calls `disclaimer()`), as
# the theme's `url` filter takes it: the footer of every page links there.
def footer_disclaimer(guide: Guide, address: str) -> dict[str, str]:
    """The one line every page's footer shows, and `address`, the site address (relative to
    the site) of the page holding the full disclaimer."""
    disclaimer = guide.guide.disclaimer
    return {"short": disclaimer.short, "url": f"{address}#{disclaimer.id}"}
