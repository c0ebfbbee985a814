/* Touch: a horizontal swipe on the deck turns the slide; a tap on its left third goes back and
   anywhere else forward. Links, buttons and media keep their own taps. */
(function () {
  "use strict";
  var SG = window.SG;
  var deck = document.getElementById("deck");
  if (!deck || !SG.deck) { return; }
  var OWN_TAPS = "a, button, input, select, textarea, video, audio, iframe, [data-no-tap]";
  var startX = null;
  var startY = 0;

  deck.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.target.closest(OWN_TAPS)) { return; }
    var rect = deck.getBoundingClientRect();
    if (event.clientX - rect.left < rect.width / 3) { SG.deck.prev(true); } else { SG.deck.next(true); }
  });

  deck.addEventListener("touchstart", function (event) {
    // One finger only: a pinch or a two-finger gesture is not a swipe.
    var fingers = event.touches && event.touches.length ? event.touches.length : event.changedTouches.length;
    if (fingers !== 1) { startX = null; return; }
    startX = event.changedTouches[0].clientX;
    startY = event.changedTouches[0].clientY;
  }, { passive: true });

  deck.addEventListener("touchcancel", function () { startX = null; }, { passive: true });

  deck.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    // A swipe is a clear horizontal move; shorter moves stay taps.
    var least = Math.max(50, deck.clientWidth * 0.05);
    if (Math.abs(dx) < least || Math.abs(dx) < Math.abs(dy) * 1.5) { return; }
    event.preventDefault();  // no click after a swipe
    if (dx < 0) { SG.deck.next(true); } else { SG.deck.prev(true); }
  });
}());
