// Below desktop width the navigation lives in a drawer that Material opens with a <label>
// for a hidden checkbox. A label takes no keyboard focus and may not be given a button role,
// so a keyboard reader on a phone (or a zoomed desktop) could not open the navigation.
// With scripts on, a real button takes the label's place (without them the label still
// opens the drawer by mouse or touch): named, saying whether the drawer is open, focus moved
// into the drawer when opened from the keyboard; Escape closes it and gives focus back.
document$.subscribe(function () {
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !label) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " drawer-button";
  button.setAttribute("aria-label", "Navigation menu");
  button.setAttribute("aria-expanded", String(toggle.checked));
  while (label.firstChild) button.appendChild(label.firstChild);
  label.replaceWith(button);

  var byKey = false;
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") byKey = true;
  });
  button.addEventListener("click", function () { toggle.click(); });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
    var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
    if (toggle.checked && byKey && first) requestAnimationFrame(function () { first.focus(); });
    byKey = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
});
