"""Touch (issue 28): on a 360 px phone every checklist's targets can be told apart by a
thumb. WCAG 2.5.8: a target smaller than 24 x 24 px needs a 24 px circle around its centre
that meets no other target and no other such circle. Beyond it, judged by thumb: each ↗
(where the guide explains the item) is itself a 24 px+ target, apart from every tick box's
tap area by a clear gap, and neighbouring tick areas never overlap."""

from __future__ import annotations

import math

import pytest

PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}

pytestmark = pytest.mark.browser

MIN = 24       # px: WCAG 2.5.8
THUMB_GAP = 8  # px between a ↗ and any tick area: a thumb aiming at one does not land on the other

# Every target a checklist page offers in its article: [kind, left, top, right, bottom, text].
# A tick's tap area is its label (the words tick the box too) and the larger area guide.css
# draws around the box (.task-list-control::after, placed within the item).
TARGETS = """() => {
  const out = [];
  const seen = (e) => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 0;
  const article = document.querySelector("article");
  for (const label of article.querySelectorAll(".checklist .task-list-control")) {
    if (!seen(label)) continue;
    let r = label.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    const after = getComputedStyle(label, "::after");
    if (after.content !== "none" && after.position === "absolute") {
      const holder = label.closest("li").getBoundingClientRect();
      const l = holder.left + parseFloat(after.left), t = holder.top + parseFloat(after.top);
      left = Math.min(left, l); top = Math.min(top, t);
      right = Math.max(right, l + parseFloat(after.width)); bottom = Math.max(bottom, t + parseFloat(after.height));
    }
    out.push(["tick", left, top, right, bottom, label.textContent.trim().slice(0, 30)]);
  }
  for (const e of article.querySelectorAll(".checklist-source, .headerlink, button, summary, .checklist a")) {
    if (!seen(e) || e.closest(".task-list-control")) continue;
    const r = e.getBoundingClientRect();
    const kind = e.matches(".checklist-source") ? "source" : e.matches(".headerlink") ? "permalink" : e.tagName.toLowerCase();
    out.push([kind, r.left, r.top, r.right, r.bottom, (e.getAttribute("href") || e.textContent.trim()).slice(0, 30)]);
  }
  return out;
}"""


def gap(a, b) -> float:
    """The distance between two rectangles (0 when they touch or overlap, negative inside)."""
    dx = max(b[1] - a[3], a[1] - b[3], 0)
    dy = max(b[2] - a[4], a[2] - b[4], 0)
    if dx == dy == 0:
        return -min(a[3] - b[1], b[3] - a[1], a[4] - b[2], b[4] - a[2])
    return math.hypot(dx, dy)


def small(t) -> bool:
    return t[3] - t[1] < MIN or t[4] - t[2] < MIN


def centre(t):
    return ((t[1] + t[3]) / 2, (t[2] + t[4]) / 2)


def circle_meets(t, other) -> bool:
    """Whether the 24 px circle around target t meets rectangle `other`."""
    x, y = centre(t)
    dx = max(other[1] - x, 0, x - other[3])
    dy = max(other[2] - y, 0, y - other[4])
    return math.hypot(dx, dy) < MIN / 2


def spacing_problems(targets) -> list[str]:
    problems = []
    for i, t in enumerate(targets):
        for u in targets[i + 1:]:
            name = f"{t[0]} '{t[5]}' and {u[0]} '{u[5]}'"
            if small(t) and (circle_meets(t, u) or small(u) and math.dist(centre(t), centre(u)) < MIN):
                problems.append(f"{name}: closer than WCAG 2.5.8 allows")
            elif small(u) and circle_meets(u, t):
                problems.append(f"{name}: closer than WCAG 2.5.8 allows")
            if {t[0], u[0]} == {"source", "tick"} and gap(t, u) < THUMB_GAP:
                problems.append(f"{name}: {gap(t, u):.0f} px apart, a thumb hits one for the other")
            if t[0] == u[0] == "tick" and gap(t, u) < 0:
                problems.append(f"{name}: tick areas overlap")
    return problems


def test_the_spacing_check_finds_a_source_link_beside_its_box():
    tick = ["tick", 10, 100, 200, 126, "Brace your core"]
    beside = ["source", 203, 104, 216, 121, "#cue-brace"]
    assert any("a thumb hits" in p for p in spacing_problems([tick, beside]))
    assert any("WCAG" in p for p in spacing_problems([tick, beside]))
    apart = ["source", 260, 100, 304, 132, "#cue-brace"]
    assert spacing_problems([tick, apart]) == []


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_every_checklist_target_is_apart_from_the_others_at_360_px(guide, phone, site_url):
    problems, sources = [], 0
    for checklist in guide.checklists.checklists:
        path = "checklists/" + checklist.page.removesuffix(".md") + "/"
        phone.set_viewport_size({"width": 360, "height": 800})
        phone.goto(site_url + path, wait_until="load")
        targets = phone.evaluate(TARGETS)
        ticks = [t for t in targets if t[0] == "tick"]
        # A stop list is warning signs to read, not to tick: it has no boxes (checklists/kinds.py).
        assert len(ticks) == (0 if checklist.kind == "stop-list" else len(checklist.items)), path
        for t in targets:
            if t[0] == "source":
                sources += 1
                if small(t):
                    problems.append(f"{path}: ↗ '{t[5]}' is {t[3] - t[1]:.0f} x {t[4] - t[2]:.0f} px")
        problems += [f"{path}: {p}" for p in spacing_problems(targets)]
    assert sources >= sum(len(c.items) for c in guide.checklists.checklists)
    assert not problems, "\n".join(problems)
