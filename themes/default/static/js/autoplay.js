/* Auto-advance: each slide stays for its own data-duration, else the session's seconds per slide
   (?autoplay=N, or the configured default in a play session). A slide with a video waits for the
   video to end unless it has its own duration. Any touch or key pauses; "sg:idle" resumes.
   Tells the progress bar through "sg:autoplay" {state: "run" | "wait" | "pause", ms}. */
(function () {
  "use strict";
  var SG = window.SG;
  var seconds = SG.settings.autoplay;
  if (!SG.deck || !(seconds > 0)) { return; }
  var toggle = document.querySelector("[data-toggle-play]");
  var root = document.documentElement;
  var paused = SG.settings.hold;
  var slide = null;
  var timer = 0;
  var waiting = false;
  var lastTime = -1;

  function state(name, ms) {
    root.classList.toggle("sg-autoplaying", name !== "pause");
    if (toggle) { toggle.setAttribute("aria-pressed", name === "pause" ? "true" : "false"); }
    SG.emit("autoplay", { state: name, ms: ms || 0 });
  }

  function clear() {
    window.clearTimeout(timer);
    timer = 0;
    waiting = false;
  }

  function advance() {
    clear();
    SG.deck.next(false);
  }

  function runFor(ms) {
    timer = window.setTimeout(advance, ms);
    state("run", ms);
  }

  /* Watchdog while waiting for a video: one that stops making progress does not hold the show. */
  function checkVideo() {
    var video = SG.media && SG.media.video(slide);
    if (!video || video.ended || video.currentTime === lastTime) { advance(); return; }
    lastTime = video.currentTime;
    timer = window.setTimeout(checkVideo, seconds * 1000);
  }

  function plan() {
    clear();
    if (paused || !slide) { state("pause"); return; }
    var own = parseFloat(slide.getAttribute("data-duration"));
    if (own > 0) { runFor(own * 1000); return; }
    var video = SG.media && SG.media.video(slide);
    if (video) {
      if (video.ended) { advance(); return; }
      waiting = true;
      lastTime = -1;
      timer = window.setTimeout(checkVideo, seconds * 1000);
      state("wait");
      return;
    }
    runFor(seconds * 1000);
  }

  function pause() {
    if (paused) { return; }
    paused = true;
    clear();
    state("pause");
  }

  /* Playing on by itself again: a reload must not start paused, as ?hold asks. */
  function forgetHold() {
    if (!SG.settings.hold || !window.history.replaceState) { return; }
    var params = new URLSearchParams(window.location.search);
    params.delete("hold");
    var query = params.toString();
    window.history.replaceState(
      null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  function resume() {
    if (!paused) { return; }
    paused = false;
    forgetHold();
    plan();
  }

  document.addEventListener("sg:slide", function (event) {
    slide = event.detail.slide;
    plan();
  });

  document.addEventListener("sg:media", function (event) {
    if (paused || !waiting || event.detail.slide !== slide) { return; }
    if (event.detail.state === "ended") { advance(); }
    else if (event.detail.state === "failed") { clear(); runFor(seconds * 1000); }
  });

  document.addEventListener("sg:input", function (event) {
    if (toggle && toggle.contains(event.detail.target)) { return; }
    pause();
  });

  // This page plays on by itself: the idle timeout has nowhere else to send it.
  document.addEventListener("sg:idle", function (event) {
    event.preventDefault();
    resume();
  });

  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () { if (paused) { resume(); } else { pause(); } });
  }

  SG.autoplay = {
    paused: function () { return paused; },
    pause: pause,
    resume: resume
  };
}());
