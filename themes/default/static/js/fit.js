/* Fit: the safety net behind build-time pagination. When a shown slide's text still overflows
   the real screen, its font is scaled down smoothly (a bisection on --sg-fit) but never below a
   readable size (--sg-fit-min, 28px on a 1080px-high screen); what cannot fit even then is flagged
   with data-overflow and reported with console.warn. Listens to "sg:slide" and resize. */
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  if (!deck) { return; }
  var STEPS = 10;
  var TOLERANCE = 1; // px: rounding of subpixel layout
  var TEXT = ".sg-title, .sg-body, .sg-body *";
  var done = typeof WeakMap === "function" ? new WeakMap() : null;
  var pending = 0;

  function px(element, property) {
    return parseFloat(window.getComputedStyle(element)[property]) || 0;
  }

  /* The smallest readable body text on this screen, in CSS px. */
  function minimum() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;font-size:var(--sg-fit-min, 0px)";
    deck.appendChild(probe);
    var size = px(probe, "fontSize");
    deck.removeChild(probe);
    return size;
  }

  function outside(rect, box) {
    return rect.width > 0 && rect.height > 0 &&
      (rect.bottom > box.bottom + TOLERANCE || rect.right > box.right + TOLERANCE ||
       rect.top < box.top - TOLERANCE || rect.left < box.left - TOLERANCE);
  }

  /* Whether any text of the slide leaves the slide's content box, or a body leaves its own box. */
  function overflows(slide) {
    if (slide.scrollHeight > slide.clientHeight + TOLERANCE ||
        slide.scrollWidth > slide.clientWidth + TOLERANCE) { return true; }
    var rect = slide.getBoundingClientRect();
    var content = {
      top: rect.top + px(slide, "paddingTop"),
      left: rect.left + px(slide, "paddingLeft"),
      bottom: rect.bottom - px(slide, "paddingBottom"),
      right: rect.right - px(slide, "paddingRight")
    };
    var texts = slide.querySelectorAll(TEXT);
    for (var i = 0; i < texts.length; i++) {
      if (outside(texts[i].getBoundingClientRect(), content)) { return true; }
    }
    var bodies = slide.querySelectorAll(".sg-body");
    for (var b = 0; b < bodies.length; b++) {
      var box = bodies[b].getBoundingClientRect();
      var inner = bodies[b].querySelectorAll("*");
      for (var j = 0; j < inner.length; j++) {
        if (outside(inner[j].getBoundingClientRect(), box)) { return true; }
      }
    }
    return false;
  }

  function smallestText(slide) {
    var sizes = [];
    slide.querySelectorAll(".sg-body").forEach(function (body) { sizes.push(px(body, "fontSize")); });
    if (!sizes.length) {
      slide.querySelectorAll(".sg-title").forEach(function (title) { sizes.push(px(title, "fontSize")); });
    }
    return sizes.length ? Math.min.apply(Math, sizes) : 0;
  }

  function setFit(slide, value) {
    if (value >= 1) { slide.style.removeProperty("--sg-fit"); }
    else { slide.style.setProperty("--sg-fit", value.toFixed(4)); }
  }

  /* Shrink one shown slide until its text fits, or to the readable minimum. */
  function fit(slide) {
    if (!slide || slide.hidden) { return; }
    var key = window.innerWidth + "x" + window.innerHeight;
    if (done && done.get(slide) === key) { return; }
    setFit(slide, 1);
    slide.removeAttribute("data-overflow");
    slide.removeAttribute("data-fit");
    if (done) { done.set(slide, key); }
    if (!overflows(slide)) { return; }
    var text = smallestText(slide);
    var low = text > 0 ? Math.min(1, minimum() / text) : 1;
    setFit(slide, low);
    slide.setAttribute("data-fit", low.toFixed(3));
    if (overflows(slide)) {
      slide.setAttribute("data-overflow", "");
      if (window.console && console.warn) {
        console.warn("slidegen fit: " + (slide.id || "a slide") + " of " + document.title +
          " does not fit this " + key + " screen even at the smallest readable size;" +
          " shorten its text");
      }
      return;
    }
    var high = 1;
    for (var step = 0; step < STEPS; step++) {
      var middle = (low + high) / 2;
      setFit(slide, middle);
      if (overflows(slide)) { high = middle; } else { low = middle; }
    }
    setFit(slide, low);
    slide.setAttribute("data-fit", low.toFixed(3));
  }

  function shown() { return deck.querySelector(".sg-slide:not([hidden])"); }

  function refit() {
    if (pending) { return; }
    pending = window.requestAnimationFrame(function () {
      pending = 0;
      if (done) { done = new WeakMap(); }
      fit(shown());
    });
  }

  document.addEventListener("sg:slide", function (event) { fit(event.detail.slide); });
  window.addEventListener("resize", refit);
  window.addEventListener("load", refit);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(refit); }
  fit(shown());
}());
