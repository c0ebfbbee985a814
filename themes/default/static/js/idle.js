/* Idle timeout: after N quiet seconds (?idle=N, 0 = never) a page that is not playing by itself
   goes home; inside a play session it goes back to playing. "sg:idle" is cancelable: a page
   that can resume on the spot (autoplay) cancels it and stays. */
(function () {
  "use strict";
  var SG = window.SG;
  var limit = SG.settings.idle * 1000;
  if (!(limit > 0)) { return; }
  var timer = 0;

  function arm(ms) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, ms);
  }

  function check() {
    var quiet = SG.idleFor();
    if (quiet < limit) { arm(limit - quiet); return; }
    arm(limit);
    if (!SG.emit("idle", {}, true)) { return; }
    if (SG.settings.play) {
      // A deck the play session itself opened has nothing to go back to.
      if (SG.page === "play" || (SG.page === "deck" && !SG.settings.hold)) { return; }
      SG.go("play.html", null, true);
    } else if (SG.page !== "home") {
      SG.go("index.html", null, true);
    }
  }

  arm(limit);
}());
