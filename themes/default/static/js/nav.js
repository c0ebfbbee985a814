/* Minimal slide navigation: keys, tap zones, swipe, buttons and #N deep links. */
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  if (!deck) { return; }
  var slides = deck.querySelectorAll(".sg-slide");
  var counter = document.querySelector("[data-counter]");
  var current = 0;

  function fromHash() {
    var n = parseInt(window.location.hash.replace("#", ""), 10);
    return isNaN(n) ? 0 : Math.min(Math.max(n - 1, 0), slides.length - 1);
  }

  function show(index) {
    if (index < 0 || index >= slides.length) { return; }
    slides[current].hidden = true;
    current = index;
    slides[current].hidden = false;
    if (counter) { counter.textContent = String(current + 1); }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + (current + 1));
    }
  }

  function go(step) { show(current + step); }

  document.addEventListener("keydown", function (event) {
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === " ") { go(1); }
    else if (key === "ArrowLeft" || key === "PageUp") { go(-1); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(slides.length - 1); }
    else if (key === "Escape") { window.location.href = deck.getAttribute("data-back"); }
    else { return; }
    event.preventDefault();
  });

  document.querySelectorAll("[data-go]").forEach(function (button) {
    button.addEventListener("click", function () {
      go(button.getAttribute("data-go") === "next" ? 1 : -1);
    });
  });

  // Tap zones: left third goes back, the rest forward; links and media keep their own taps.
  deck.addEventListener("click", function (event) {
    if (event.target.closest("a, button, video, iframe")) { return; }
    var rect = deck.getBoundingClientRect();
    go(event.clientX - rect.left < rect.width / 3 ? -1 : 1);
  });

  var startX = null;
  var startY = null;
  deck.addEventListener("touchstart", function (event) {
    startX = event.changedTouches[0].clientX;
    startY = event.changedTouches[0].clientY;
  }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      go(dx < 0 ? 1 : -1);
      event.preventDefault();
    }
  });

  window.addEventListener("hashchange", function () { show(fromHash()); });
  show(fromHash());
}());
