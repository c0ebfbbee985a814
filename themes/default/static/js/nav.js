/* Slide navigation: one slide at a time, keys, on-screen buttons and #N deep links.
   Contract for the other scripts: "sg:slide" on document, detail {index, count, slide}, each time
   a slide is shown, the first one included (fired at DOMContentLoaded, so scripts loaded after
   this one hear it too); "sg:beforeslide" {from, to} just before, cancelable. */
(function () {
  "use strict";
  var SG = window.SG;
  var data = document.body.dataset;
  var deck = document.getElementById("deck");
  var FIELDS = "a, button, input, select, textarea, video, [contenteditable]";

  function back(byUser) { SG.go(data.back || "index.html", byUser ? { hold: "1" } : null); }

  if (!deck) {
    // Menu pages: Escape goes up one level, like on a deck.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && data.back) { back(true); }
    });
    return;
  }

  var slides = deck.querySelectorAll(".sg-slide");
  var counter = document.querySelector("[data-counter]");
  var current = -1;

  function fromHash() {
    var text = window.location.hash.slice(1);
    if (text === "last") { return slides.length - 1; }
    var n = parseInt(text, 10);
    return isNaN(n) ? 0 : Math.min(Math.max(n - 1, 0), slides.length - 1);
  }

  /* Show slide `index`; `again` re-shows the current one (a one-slide deck that loops). */
  function show(index, again) {
    if (index < 0 || index >= slides.length || (index === current && !again)) { return; }
    if (current >= 0 && !SG.emit("beforeslide", { from: current, to: index }, true)) { return; }
    // Before the first call the page shows its first slide, as the HTML has it.
    var was = current >= 0 ? current : 0;
    if (was !== index) { slides[was].hidden = true; }
    // Slides fade in when they change, not when the page opens.
    if (current >= 0) { deck.classList.add("sg-turning"); }
    current = index;
    slides[current].hidden = false;
    if (counter) { counter.textContent = String(current + 1); }
    // The hash first, so a reload at this moment reopens this slide.
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + (current + 1));
    }
    SG.emit("slide", { index: current, count: slides.length, slide: slides[current] });
  }

  /* Past the last slide: next deck in a play session, else the deck's own section. A deck page
     knows only its neighbours; play.html knows where the play order starts over. */
  function end(byUser) {
    var hold = byUser ? { hold: "1" } : {};
    if (SG.settings.play) {
      if (data.next) { SG.go(data.next, hold); return; }
      if (SG.settings.loop) { SG.go("play.html", Object.assign({ start: "first" }, hold), true); return; }
      SG.store("play-at", null);
      SG.go("index.html", { play: null, autoplay: null });
      return;
    }
    if (!byUser && SG.settings.loop) { show(0, true); return; }
    back(byUser);
  }

  function next(byUser) {
    if (current < slides.length - 1) { show(current + 1); } else { end(byUser); }
  }

  function prev(byUser) {
    if (current > 0) { show(current - 1); return; }
    if (!SG.settings.play) { return; }
    var hold = byUser ? { hold: "1" } : {};
    if (data.prev) { SG.go(data.prev + "#last", hold); }
    else if (SG.settings.loop) { SG.go("play.html", Object.assign({ start: "last" }, hold), true); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    var onField = event.target.closest && event.target.closest(FIELDS);
    if ((key === " " || key === "Enter") && onField) { return; }
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" ||
        (key === " " && !event.shiftKey)) { next(true); }
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || key === " ") {
      prev(true);
    }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(slides.length - 1); }
    else if (key === "Escape") { back(true); }
    else { return; }
    event.preventDefault();
  });

  var buttons = document.querySelectorAll("[data-go]");
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].addEventListener("click", function (event) {
      if (event.currentTarget.getAttribute("data-go") === "next") { next(true); } else { prev(true); }
    });
  }

  window.addEventListener("hashchange", function () { show(fromHash()); });

  SG.deck = {
    count: slides.length,
    current: function () { return current; },
    slide: function () { return current >= 0 ? slides[current] : null; },
    show: show,
    next: next,
    prev: prev
  };

  function start() {
    if (slides.length) { show(fromHash()); return; }
    // An empty deck in a play session must not stop the show.
    if (SG.settings.play) { window.setTimeout(function () { end(false); }, 1000); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
