// Ticks that remember. Without scripts the boxes tick but are not kept; with them each
// checklist's ticks are saved in this browser (localStorage), under the page's path, by
// item id: the id of the guide record the item names, read from its "in the guide" link
// (every item has one, tests/test_gym_phone.py), so reordering or adding items never
// moves a tick onto another item. "Clear ticks" clears without asking and can be undone
// once. Printed boxes are always empty (print.css).
document$.subscribe(function () {
  var checklist = document.querySelector(".checklist");
  if (!checklist || checklist.dataset.ticksReady) return;
  checklist.dataset.ticksReady = "1";
  var key = "guide-ticks:" + location.pathname;

  var items = [];
  checklist.querySelectorAll(".task-list-item").forEach(function (item) {
    var box = item.querySelector(":scope > label > input[type=checkbox], :scope > p > label > input[type=checkbox]");
    var source = item.querySelector(":scope > .checklist-source, :scope > p > .checklist-source");
    if (box && source && source.hash) items.push({ box: box, id: decodeURIComponent(source.hash.slice(1)) });
  });
  if (!items.length) return;

  function load() {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (error) { return {}; }
  }
  function current() {
    var ticks = {};
    items.forEach(function (item) { if (item.box.checked) ticks[item.id] = true; });
    return ticks;
  }
  function save(ticks) {
    try {
      if (Object.keys(ticks).length) localStorage.setItem(key, JSON.stringify(ticks));
      else localStorage.removeItem(key);
    } catch (error) { /* storage off or full: the ticks still work, unsaved */ }
  }
  function show(ticks) {
    items.forEach(function (item) { item.box.checked = Boolean(ticks[item.id]); });
  }

  var saved = load();
  show(saved);

  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-button ticks-clear";
  button.textContent = "Clear ticks";
  var list = checklist.querySelector(".task-list");
  list.after(button);
  var undo = null;  // the ticks a clear removed, until undone or ticked over

  function offerClear() {
    undo = null;
    button.textContent = "Clear ticks";
  }
  checklist.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") return;
    save(current());
    if (undo) offerClear();
  });
  button.addEventListener("click", function () {
    if (undo) {
      show(undo);
      save(undo);
      offerClear();
      announce("Ticks restored");
    } else {
      undo = current();
      show({});
      save({});
      button.textContent = "Undo clear";
      announce("Ticks cleared");
    }
  });

  function announce(text) {
    var note = document.querySelector(".guide-toast");
    if (!note) {
      note = document.createElement("div");
      note.className = "guide-toast";
      note.setAttribute("role", "status");
      document.body.appendChild(note);
    }
    note.textContent = text;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { note.textContent = ""; }, 3000);
  }
});
