/* Fullscreen on request: the F key toggles it; ?fullscreen=1 asks at the first touch or key
   (browsers allow it only from a user gesture; unattended screens use Chromium's --kiosk). */
(function () {
  "use strict";
  var SG = window.SG;
  var root = document.documentElement;
  if (!document.fullscreenEnabled || !root.requestFullscreen) { return; }

  function enter() {
    if (!document.fullscreenElement) { root.requestFullscreen().catch(function () {}); }
  }

  document.addEventListener("keydown", function (event) {
    if ((event.key !== "f" && event.key !== "F") || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) { return; }
    event.preventDefault();
    if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); } else { enter(); }
  });

  if (SG.settings.fullscreen) {
    var once = function () {
      document.removeEventListener("pointerdown", once, true);
      document.removeEventListener("keydown", once, true);
      enter();
    };
    document.addEventListener("pointerdown", once, true);
    document.addEventListener("keydown", once, true);
  }
}());
