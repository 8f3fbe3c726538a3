// Share from a phone. Every permalink (a heading's ¶ and each item's own) still goes to
// its item; it also hands the item's permanent address to the reader: the system share
// sheet on a touch screen that has one (Web Share API), else the clipboard (Clipboard
// API, or a selected text field on older browsers), and says so: "Link copied". The
// address is the page's canonical URL (site_url) with the item's id, so a link copied
// from a local or cached copy still points at the public guide.
(function () {
  var note = null;

  function announce(text) {
    if (!note) {
      note = document.querySelector(".guide-toast") || document.createElement("div");
      note.className = "guide-toast";
      note.setAttribute("role", "status");
      if (!note.parentNode) document.body.appendChild(note);
    }
    note.textContent = text;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { note.textContent = ""; }, 3000);
  }

  function permanentUrl(link) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var page = canonical ? canonical.href : location.href.split("#")[0];
    return page.split("#")[0] + link.hash;
  }

  function copyByHand(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    field.remove();
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyByHand(text); });
    }
    return Promise.resolve(copyByHand(text));
  }

  // Set up once: the permalinks are found when clicked, so the listener never goes stale.
  if (window.shareLinksReady) return;
  window.shareLinksReady = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-typeset .headerlink");
    if (!link || !link.hash) return;
    var url = permanentUrl(link);
    var thumb = window.matchMedia("(pointer: coarse)").matches;
    if (thumb && navigator.share) {
      navigator.share({ title: document.title, url: url }).catch(function () { /* closed */ });
      return;
    }
    copy(url).then(function (done) {
      announce(done ? "Link copied" : "Link: " + url);
    });
  });
})();
