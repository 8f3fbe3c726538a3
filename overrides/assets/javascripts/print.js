// "Print this checklist": the button is in the HTML (hidden by a <noscript> style when
// scripts are off, see overrides/main.html); this wires it to the browser's print dialog.
(function () {
  function enable() {
    document.querySelectorAll("[data-print-button]").forEach(function (button) {
      if (button.dataset.printReady) return;
      button.dataset.printReady = "1";
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
