// Material wraps each table in a box that scrolls sideways on a narrow screen
// (.md-typeset__scrollwrap). A keyboard reader can only scroll a box that takes focus,
// and a screen reader should hear what the box holds (axe: scrollable-region-focusable):
// make each box a named, focusable region, named after the table's caption.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    var figure = box.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
  });
});
