// Material wraps each table in a box that scrolls sideways on a narrow screen
// (.md-typeset__scrollwrap). A keyboard reader can only scroll a box that takes focus,
// and a screen reader should hear what the box holds (axe: scrollable-region-focusable,
// landmark-unique): make each box a focusable region named after its table's caption,
// or else after the checklist item it belongs to.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, index) {
    var figure = box.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    var item = box.closest(".task-list-item");
    var label = item && item.querySelector("label");
    var name = caption || label;
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name ? name.textContent.trim() : "Table " + (index + 1));
  });
});
