/* Media on slides. Hooks: <video> and <iframe> elements inside a .sg-slide; `data-src` instead of
   `src` defers loading until the slide is shown. Videos play muted and inline on the shown slide
   and pause when it is left; [data-unmute] toggles sound. Media from the net shows a clear
   placeholder while the screen is offline or when it fails to load. Tells the autoplay script
   through "sg:media" {slide, video, state: "playing" | "ended" | "failed"}. */
(function () {
  "use strict";
  var SG = window.SG;
  var deck = document.getElementById("deck");
  if (!deck) { return; }
  var FRAME_PATIENCE = 20000;
  var unmuteButton = document.querySelector("[data-unmute]");
  var offlineText = deck.getAttribute("data-offline-text") || "Offline";
  var unmuted = false;
  var shown = null;
  var frameTimer = 0;

  function source(el) {
    var src = el.getAttribute("data-src") || el.getAttribute("src");
    var child = el.querySelector && el.querySelector("source[src]");
    return src || (child ? child.getAttribute("src") : "") || "";
  }

  function remote(el) { return /^https?:/i.test(source(el)); }

  function slideOf(el) { return el.closest(".sg-slide"); }

  function noteFor(el) {
    var next = el.nextElementSibling;
    return next && next.hasAttribute("data-offline-note") ? next : null;
  }

  /* Swap a remote element for a placeholder (or back); the element keeps its place. */
  function offline(el, on) {
    var note = noteFor(el);
    if (on && !note) {
      note = document.createElement("div");
      note.className = "sg-placeholder sg-offline";
      note.setAttribute("data-offline-note", "");
      note.setAttribute("role", "img");
      note.setAttribute("aria-label", offlineText);
      var label = document.createElement("span");
      label.textContent = offlineText;
      note.appendChild(label);
      el.parentNode.insertBefore(note, el.nextSibling);
    }
    if (note) { note.hidden = !on; }
    el.hidden = on;
    if (on) { el.setAttribute("data-offline", ""); } else { el.removeAttribute("data-offline"); }
  }

  function failed(video) {
    return video.hasAttribute("data-offline") || !!video.error || !source(video);
  }

  function videos(slide) { return slide ? slide.querySelectorAll("video") : []; }

  function playableVideo(slide) {
    var list = videos(slide);
    for (var i = 0; i < list.length; i += 1) {
      if (!failed(list[i])) { return list[i]; }
    }
    return null;
  }

  function load(el) {
    var deferred = el.getAttribute("data-src");
    if (deferred && el.getAttribute("src") !== deferred) { el.setAttribute("src", deferred); }
  }

  function startVideo(video) {
    video.muted = !unmuted;
    video.playsInline = true;
    try { video.currentTime = 0; } catch (ignored) { /* not seekable yet */ }
    var started = video.play();
    if (started && started.catch) {
      started.catch(function (error) {
        // Left the slide before it started: nothing failed.
        if (error && error.name === "AbortError") { return; }
        SG.emit("media", { slide: slideOf(video), video: video, state: "failed" });
      });
    }
  }

  function watchFrame(frame) {
    if (frame.getAttribute("data-loaded") === frame.getAttribute("src")) { return; }
    window.clearTimeout(frameTimer);
    frameTimer = window.setTimeout(function () {
      if (frame.getAttribute("data-loaded") !== frame.getAttribute("src")) { offline(frame, true); }
    }, FRAME_PATIENCE);
  }

  function enter(slide) {
    var items = slide.querySelectorAll("video, iframe");
    for (var i = 0; i < items.length; i += 1) {
      var el = items[i];
      if (remote(el) && !navigator.onLine) {
        offline(el, true);
        continue;
      }
      if (el.hasAttribute("data-offline")) { offline(el, false); }
      load(el);
      if (el.tagName === "VIDEO") { startVideo(el); } else if (remote(el)) { watchFrame(el); }
    }
    if (unmuteButton) { unmuteButton.hidden = !playableVideo(slide); }
  }

  function leave(slide) {
    window.clearTimeout(frameTimer);
    var list = videos(slide);
    for (var i = 0; i < list.length; i += 1) { list[i].pause(); }
  }

  // Listeners go on each element once, at load: nothing is added per slide shown.
  var all = deck.querySelectorAll("video");
  Array.prototype.forEach.call(all, function (video) {
    video.setAttribute("playsinline", "");
    video.muted = true;
    function tell(state) {
      return function () { SG.emit("media", { slide: slideOf(video), video: video, state: state }); };
    }
    var failedNow = tell("failed");
    video.addEventListener("playing", tell("playing"));
    video.addEventListener("ended", tell("ended"));
    video.addEventListener("error", function () {
      if (remote(video)) { offline(video, true); }
      failedNow();
    });
    // A <source> that fails does not fire "error" on the video itself.
    var sources = video.querySelectorAll("source");
    if (sources.length) {
      sources[sources.length - 1].addEventListener("error", function () {
        if (remote(video)) { offline(video, true); }
        failedNow();
      });
    }
  });
  Array.prototype.forEach.call(deck.querySelectorAll("iframe"), function (frame) {
    frame.addEventListener("load", function () {
      if (frame.getAttribute("src")) { frame.setAttribute("data-loaded", frame.getAttribute("src")); }
    });
  });

  document.addEventListener("sg:slide", function (event) {
    if (shown && shown !== event.detail.slide) { leave(shown); }
    shown = event.detail.slide;
    enter(shown);
  });

  window.addEventListener("offline", function () {
    if (!shown) { return; }
    var items = shown.querySelectorAll("video, iframe");
    for (var i = 0; i < items.length; i += 1) {
      if (remote(items[i]) && items[i].getAttribute("data-loaded") !== items[i].getAttribute("src")) {
        offline(items[i], true);
      }
    }
  });

  window.addEventListener("online", function () {
    var marked = deck.querySelectorAll("[data-offline]");
    for (var i = 0; i < marked.length; i += 1) {
      offline(marked[i], false);
      // Try again from scratch: an iframe or video that failed keeps its error otherwise.
      var src = marked[i].getAttribute("src");
      if (src) { marked[i].setAttribute("src", src); }
    }
    if (shown) { enter(shown); }
  });

  if (unmuteButton) {
    unmuteButton.addEventListener("click", function () {
      unmuted = !unmuted;
      unmuteButton.setAttribute("aria-pressed", unmuted ? "true" : "false");
      var list = videos(shown);
      for (var i = 0; i < list.length; i += 1) {
        list[i].muted = !unmuted;
        if (unmuted && list[i].paused && !failed(list[i])) { list[i].play().catch(function () {}); }
      }
    });
  }

  SG.media = { video: playableVideo };
}());
