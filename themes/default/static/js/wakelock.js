/* Keep the screen on with the Screen Wake Lock API where the browser has it; the lock is lost
   whenever the page is hidden, so it is asked for again when the page is visible again. */
(function () {
  "use strict";
  if (!("wakeLock" in navigator)) { return; }
  var lock = null;
  var asking = false;

  function acquire() {
    if (lock || asking || document.visibilityState !== "visible") { return; }
    asking = true;
    navigator.wakeLock.request("screen").then(function (sentinel) {
      asking = false;
      lock = sentinel;
      sentinel.addEventListener("release", function () { lock = null; });
    }).catch(function () {
      // Refused (no user gesture yet, power saving …): the next visit or touch tries again.
      asking = false;
    });
  }

  document.addEventListener("visibilitychange", acquire);
  document.addEventListener("sg:input", acquire);
  acquire();
}());
