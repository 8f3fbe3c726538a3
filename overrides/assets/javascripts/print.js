// "Print this checklist" needs JavaScript, so its button is hidden in the HTML and shown here.
(function () {
  function enable() {
    document.querySelectorAll("[data-print-button]").forEach(function (button) {
      if (button.dataset.printReady) return;
      button.dataset.printReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  // Material's `document$` fires on every page view (also with instant navigation).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enable);
  } else {
    enable();
  }
})();
