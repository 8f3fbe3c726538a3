"""Running axe-core in a Playwright page: the rules this guide is held to and a readable
summary of what axe found."""

from __future__ import annotations

from support import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1 at levels A and AA, axe's best practices, and WCAG 2.2's AA target size
# (tap targets at least 24 x 24 px or spaced apart), which a phone reader needs.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

COLOR_SCHEMES = {"light": "default", "dark": "slate"}  # emulated preference -> Material's scheme
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def axe_violations(page) -> list[str]:
    """Run axe on the loaded page; one line per violating node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            // Only violations are reported; details of passing nodes cost time on long pages.
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").split("\\n").slice(1).join(" ").trim()),
            }));
        }""",
        AXE_TAGS,
    )
    return [f"{v['id']} at {node}" for v in violations for node in v["nodes"]]
