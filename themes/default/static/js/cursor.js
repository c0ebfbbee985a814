/* Hide the mouse pointer after a few still seconds (?cursor=N, 0 = never); it comes back on move. */
(function () {
  "use strict";
  var SG = window.SG;
  var delay = SG.settings.cursor * 1000;
  if (!(delay > 0)) { return; }
  var root = document.documentElement;
  var lastMove = Date.now();
  var timer = 0;

  function check() {
    timer = 0;
    var still = Date.now() - lastMove;
    if (still >= delay) { root.classList.add("sg-cursor-hidden"); } else { timer = window.setTimeout(check, delay - still); }
  }

  function moved() {
    lastMove = Date.now();
    root.classList.remove("sg-cursor-hidden");
    if (!timer) { timer = window.setTimeout(check, delay); }
  }

  document.addEventListener("mousemove", moved, { passive: true });
  document.addEventListener("mousedown", moved, { passive: true });
  timer = window.setTimeout(check, delay);
}());
