/* Progress bar of auto-advance: fills over the slide's time, freezes while paused. With reduced
   motion it moves in one-second steps instead of gliding. */
(function () {
  "use strict";
  var SG = window.SG;
  var bar = document.querySelector("[data-progress]");
  if (!bar || !bar.animate) { return; }
  var track = bar.parentNode;
  var animation = null;

  function stop() {
    if (animation) { animation.cancel(); animation = null; }
  }

  document.addEventListener("sg:autoplay", function (event) {
    var detail = event.detail;
    track.setAttribute("data-state", detail.state);
    if (detail.state === "pause") {
      if (animation) { animation.pause(); }
      return;
    }
    stop();
    if (detail.state !== "run") { return; }
    var steps = Math.max(1, Math.round(detail.ms / 1000));
    animation = bar.animate(
      [{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }],
      { duration: detail.ms, easing: SG.reducedMotion() ? "steps(" + steps + ", end)" : "linear", fill: "forwards" }
    );
  });
}());
