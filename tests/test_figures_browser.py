"""Figures as readers see them, in Chromium: on a phone and a desktop, light and dark, and
on paper. Also writes a gallery of every figure (tests/.artifacts/figures/) for a person
to look at."""

from __future__ import annotations

import pytest

from axe_audit import COLOR_SCHEMES, VIEWPORTS, axe_violations
from support import ROOT

pytestmark = pytest.mark.browser

# Every page that shows figures: technique steps, mistake cards, variation cards, the setup checklist.
PAGES = ["technique/", "mistakes/", "variations/", "checklists/setup/"]
ARTIFACTS = ROOT / "tests" / ".artifacts" / "figures"

_MEASURE = """() => {
  const article = document.querySelector('article');
  // Only text a reader sees: a closed <details> (At a glance on a phone) keeps its boxes but shows none.
  const text = [...article.querySelectorAll('p, li, h1, h2, h3, figcaption, .admonition')].filter(e => e.checkVisibility());
  const luminance = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const over = (fg, bg) => {  // fg may be translucent: blend it on the background first
    const f = fg.match(/[\\d.]+/g).map(Number), b = bg.match(/[\\d.]+/g).map(Number);
    const a = f.length > 3 ? f[3] : 1;
    return `rgb(${[0, 1, 2].map(i => f[i] * a + b[i] * (1 - a)).join(',')})`;
  };
  const contrast = (x, y) => { const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
                              return (l1 + 0.05) / (l2 + 0.05); };
  const background = getComputedStyle(document.body).backgroundColor;
  return [...article.querySelectorAll('figure svg.guide-figure__svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    const figure = svg.closest('figure');
    const overlaps = text.filter(el => !el.contains(svg) && !figure.contains(el)).filter(el => {
      const r = el.getBoundingClientRect();
      const x = Math.min(box.right, r.right) - Math.max(box.left, r.left);
      const y = Math.min(box.bottom, r.bottom) - Math.max(box.top, r.top);
      return r.width > 0 && x > 1 && y > 1;
    }).map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40));
    // Every part against the page, and the near body against the far side (WCAG 1.4.11: 3:1).
    const paint = (selector, property) => {
      const el = svg.querySelector(selector);
      return el ? getComputedStyle(el)[property] : null;
    };
    const parts = {body: paint('.guide-figure__body', 'fill'), far: paint('.guide-figure__far path', 'fill'),
                   prop: paint('.guide-figure__prop', 'stroke'), guide: paint('.guide-figure__guide', 'stroke'),
                   arrow: paint('.guide-figure__arrow', 'fill'), mark: paint('.guide-figure__mark', 'stroke')};
    const contrasts = Object.fromEntries(Object.entries(parts).filter(([, c]) => c)
      .map(([name, c]) => [name, contrast(over(c, background), background)]));
    return {
      name: svg.querySelector('title').textContent, width: box.width, height: box.height,
      visible: box.width > 0 && box.height > 0 && getComputedStyle(svg).visibility === 'visible',
      overlaps, body: parts.body, contrasts,
      nearFar: parts.far ? contrast(over(parts.body, background), over(parts.far, background)) : null,
    };
  });
}"""


@pytest.fixture(scope="module")
def expected(guide):
    """How many figures each page shows, from the data."""
    pages = {"technique/": {s.id for s in guide.technique.steps}, "mistakes/": {m.id for m in guide.mistakes.mistakes},
             "variations/": {v.id for v in guide.variations.variations}, "checklists/setup/": {"checklist-setup"}}
    return {page: sum(len(set(f.at) & ids) for f in guide.figures.figures) for page, ids in pages.items()}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_figures_are_visible_wide_enough_clear_of_text_and_in_the_text_colour(
        browser, site_url, expected, scheme, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for path in PAGES:
            page.goto(site_url + path, wait_until="load")
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                                   arg=COLOR_SCHEMES[scheme])
            figures = page.evaluate(_MEASURE)
            assert len(figures) == expected[path] > 0, f"{path}: {len(figures)} figures, expected {expected[path]}"
            for f in figures:
                where = f"{path} {f['name']}"
                if not f["visible"]:
                    problems.append(f"{where}: not visible")
                if viewport == "phone" and f["width"] < 200:
                    problems.append(f"{where}: {f['width']:.0f} px wide on a phone")
                if f["overlaps"]:
                    problems.append(f"{where}: overlaps {f['overlaps']}")
                # Opaque (a translucent fill shows seams where parts overlap), and every part 3:1.
                if not f["body"].startswith("rgb("):
                    problems.append(f"{where}: the body is drawn in {f['body']}, not an opaque colour")
                problems += [f"{where}: {part} at {ratio:.2f}:1" for part, ratio in f["contrasts"].items() if ratio < 3]
                if f["nearFar"] is not None and f["nearFar"] < 2:
                    problems.append(f"{where}: near and far side only {f['nearFar']:.2f}:1 apart")
            if path in ("technique/", "mistakes/"):
                problems += [f"{path}: {line}" for line in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_printed_figures_are_black_even_from_dark_mode(browser, site_url):
    context = browser.new_context(viewport={"width": 800, "height": 1000}, color_scheme="dark")
    page = context.new_page()
    try:
        for path in ("mistakes/", "checklists/setup/"):
            page.goto(site_url + path, wait_until="load")
            page.emulate_media(media="print", color_scheme="dark")
            colours = page.evaluate("""() => [...document.querySelectorAll('svg.guide-figure__svg')].map(svg => [
                getComputedStyle(svg.querySelector('.guide-figure__body')).fill,
                getComputedStyle(svg.querySelector('.guide-figure__prop')).color])""")
            assert colours and all(c == ["rgb(0, 0, 0)"] * 2 for c in colours), f"{path}: {colours}"
    finally:
        context.close()


def test_gallery_of_every_figure(browser, site_url, guide):
    """Every figure as a reader on a desktop sees it, one PNG each and one sheet of all, in
    light and dark, for a person to look at (the test checks each was written)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    written = set()
    for scheme in COLOR_SCHEMES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            sheet, shown = [], set()
            for path in PAGES:
                page.goto(site_url + path, wait_until="load")
                for figure in page.locator("figure.guide-figure").all():
                    svg_id = figure.locator("title").get_attribute("id")
                    figure_id = next(f.id for f in guide.figures.figures
                                     if any(svg_id == f"fig-{place}-{f.id}-name" for place in f.at))
                    if figure_id in shown:
                        continue  # the setup figure again, on its checklist
                    figure.screenshot(path=str(ARTIFACTS / f"{figure_id}-{scheme}.png"))
                    written.add(figure_id)
                    shown.add(figure_id)
                    sheet.append(figure.inner_html())
            page.set_content(
                "<style>body{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:16px;"
                f"background:{'#1e2129' if scheme == 'dark' else '#fff'};"
                f"color:{'#e2e4e9' if scheme == 'dark' else '#000'};font:14px sans-serif}}"
                "svg{width:100%;height:auto}.guide-figure__prop,.guide-figure__guide{opacity:.6}"
                f".guide-figure__cutout{{fill:{'#1e2129' if scheme == 'dark' else '#fff'}}}"
                f".guide-figure__halo{{stroke:{'#1e2129' if scheme == 'dark' else '#fff'}}}</style>"
                + "".join(f"<figure>{html}</figure>" for html in sheet))
            page.screenshot(path=str(ARTIFACTS / f"gallery-{scheme}.png"), full_page=True)
        finally:
            context.close()
    assert written == {f.id for f in guide.figures.figures}
    assert all((ARTIFACTS / f"{f.id}-dark.png").stat().st_size > 1000 for f in guide.figures.figures)


_FRAMES = "() => [...document.querySelectorAll('.guide-movement__frame')].map(f => getComputedStyle(f).opacity)"


def test_the_movement_plays_pauses_and_stands_still_under_reduced_motion(browser, site_url, guide):
    """The Technique page's movement (figures.yml `animation`): the frames take turns, the
    visible control pauses them (WCAG 2.2.2), reduced motion shows one still, paper none."""
    frames = len(guide.figures.animation)
    assert frames >= 2
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "technique/", wait_until="load")
        seen, later = set(), set()
        for step in range(8):
            shown = [i for i, o in enumerate(page.evaluate(_FRAMES)) if float(o) > 0.9]
            seen.update(shown)
            if step >= 3:   # after the first 4.5 s: the setup (frame 1) is shown once, never again
                later.update(shown)
            page.wait_for_timeout(1500)
        assert seen == set(range(frames)), f"frames shown: {sorted(seen)}"
        assert 0 not in later and later, f"frames shown after the setup: {sorted(later)}"
        control = page.locator("label.guide-movement__control")
        assert control.is_visible() and "Pause" in control.inner_text()
        control.click()
        before = page.evaluate(_FRAMES)
        page.wait_for_timeout(3500)
        assert page.evaluate(_FRAMES) == before and "Play" in control.inner_text()
        page.emulate_media(media="print")
        assert not page.locator(".guide-movement").is_visible()
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 360, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(site_url + "technique/", wait_until="load")
        first = page.evaluate(_FRAMES)
        page.wait_for_timeout(3500)
        assert page.evaluate(_FRAMES) == first and first.count("1") == 1
    finally:
        context.close()
