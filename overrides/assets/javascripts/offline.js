// Offline reading (issue 18): registers the service worker that macros/offline.py writes
// at build time, says in the footer when the guide is ready offline or the reader is
// offline, and offers a waiting update. Runs after the page has loaded, so the worker's
// downloads never compete with the first visit's page.
(function () {
  "use strict";
  var status = document.querySelector("[data-offline-status]");
  var notice = document.querySelector("[data-offline-update]");
  if (!status || !notice || !("serviceWorker" in navigator)) return;
  var container = navigator.serviceWorker;
  var ready = false;
  var reloadWhenUpdated = false;

  function showStatus() {
    // Text only: the footer line keeps its height, so nothing moves when it changes.
    if (!navigator.onLine) status.textContent = ready ? "Offline: reading the saved copy" : "Offline";
    else status.textContent = ready ? "Available offline" : "";
  }

  function offerUpdate(worker) {
    // A live region that is already in the page announces the notice; the button is
    // the only way it takes focus or reloads (a reader may be mid-set).
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      reloadWhenUpdated = true;
      worker.postMessage("skip-waiting");
    });
    var text = document.createElement("span");
    text.textContent = "A new version of this guide is ready. ";
    notice.replaceChildren(text, button);
    notice.classList.add("offline-update--shown");
  }

  function watch(registration) {
    if (registration.waiting && container.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        // With no controller this is the first install, which takes over by itself.
        if (worker.state === "installed" && container.controller) offerUpdate(worker);
      });
    });
  }

  container.addEventListener("controllerchange", function () {
    if (reloadWhenUpdated) window.location.reload();
  });
  container.ready.then(function () {
    ready = true;
    showStatus();
  });
  window.addEventListener("online", showStatus);
  window.addEventListener("offline", showStatus);
  showStatus();

  function register() {
    // updateViaCache "none": the browser always asks the server for a new sw.js, so an
    // update is never held back by the HTTP cache.
    container.register(status.getAttribute("data-worker"), { updateViaCache: "none" }).then(watch, function () {});
  }
  // After the page has loaded and the browser is idle: the worker's downloads and
  // hashing start once this page's own work is done (bench/results.md, "Offline worker
  // and the first paint").
  function registerWhenIdle() {
    if ("requestIdleCallback" in window) window.requestIdleCallback(register, { timeout: 5000 });
    else window.setTimeout(register, 1000);
  }
  if (document.readyState === "complete") registerWhenIdle();
  else window.addEventListener("load", registerWhenIdle);
})();
