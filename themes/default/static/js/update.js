/* Live update when served over http(s): every N seconds (?update=N, 0 = never) read manifest.json;
   when the version it lists for this page differs from the page's own, reload at the next slide
   boundary (a page without slides: once nobody has touched it for N seconds). A page the new
   build no longer has goes home. From file:// it does nothing and asks for nothing. */
(function () {
  "use strict";
  var SG = window.SG;
  var meta = document.querySelector('meta[name="slidegen-page"]');
  var every = SG.settings.update * 1000;
  if (!/^https?:$/.test(window.location.protocol) || !meta || !(every > 0) || !window.fetch) { return; }
  var mine = meta.getAttribute("content");
  var pending = null;

  function reload(slideIndex) {
    SG.store("reloaded-for", SG.path + " " + pending);
    if (pending === "gone") {
      SG.go(SG.settings.play ? "play.html" : "index.html", { hold: null }, true);
      return;
    }
    if (slideIndex !== undefined) { window.history.replaceState(null, "", "#" + (slideIndex + 1)); }
    window.location.reload();
  }

  function reloadWhenQuiet() {
    var quiet = SG.idleFor();
    if (quiet >= every) { reload(); return; }
    window.setTimeout(reloadWhenQuiet, every - quiet);
  }

  function check() {
    // no-cache: the server answers 304 while manifest.json has not changed.
    window.fetch(SG.root + "manifest.json", { cache: "no-cache" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (manifest) {
        if (!manifest || !manifest.pages) { return; }
        var latest = manifest.pages[SG.path] || "gone";
        if (latest === mine) { return; }
        // Reloaded for that version already and still got the old page (a cache in between):
        // keep showing what we have rather than reload in a loop.
        if (SG.store("reloaded-for") === SG.path + " " + latest) { return; }
        pending = latest;
      })
      .catch(function () { /* server away or mid-swap: look again next time */ })
      .then(function () {
        if (!pending) { window.setTimeout(check, every); } else if (!SG.deck) { reloadWhenQuiet(); }
      });
  }

  document.addEventListener("sg:beforeslide", function (event) {
    if (!pending) { return; }
    event.preventDefault();
    reload(event.detail.to);
  });

  window.setTimeout(check, every);
}());
