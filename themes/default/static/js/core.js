/* slidegen runtime core: settings (page data- attributes, overridable by the URL query), user
   activity, session-carrying links and navigation. Every other script builds on window.SG and on
   document events named "sg:…"; none reaches into another's internals. */
(function () {
  "use strict";
  var body = document.body;
  var data = body.dataset;
  // Query settings that travel with every link of a session, so one build serves many screens.
  var CARRIED = ["play", "autoplay", "idle", "loop", "update", "cursor", "fullscreen"];
  var params = new URLSearchParams(window.location.search);
  var carried = {};
  CARRIED.forEach(function (name) {
    if (params.has(name)) { carried[name] = params.get(name); }
  });

  function seconds(text, fallback, least) {
    var value = parseFloat(text);
    if (!isFinite(value) || value < 0) { return fallback; }
    return value > 0 ? Math.max(value, least) : 0;
  }

  function flag(text, fallback) {
    if (text === null || text === undefined) { return fallback; }
    return !/^(0|false|no|off)$/i.test(text);
  }

  var play = flag(params.get("play"), false);
  var defaultDuration = seconds(data.duration, 10, 0.5) || 10;
  var settings = Object.freeze({
    play: play,
    // Set by a visitor's tap inside a play session: this page waits for them before playing on.
    hold: play && flag(params.get("hold"), false),
    // Seconds per slide (0 = no auto-advance); a play session advances by default.
    autoplay: seconds(params.get("autoplay"), play ? defaultDuration : 0, 0.5),
    idle: seconds(params.get("idle"), seconds(data.idle, 90, 1), 1),
    loop: flag(params.get("loop"), data.loop === "1"),
    update: seconds(params.get("update"), seconds(data.update, 60, 1), 1),
    cursor: seconds(params.get("cursor"), seconds(data.cursor, 3, 0.5), 0.5),
    fullscreen: flag(params.get("fullscreen"), false)
  });

  /* The query for a link of this session; `extra` adds settings, a null value removes one. */
  function search(extra, own) {
    var out = new URLSearchParams(own || "");
    Object.keys(carried).forEach(function (name) { out.set(name, carried[name]); });
    Object.keys(extra || {}).forEach(function (name) {
      if (extra[name] === null) { out.delete(name); } else { out.set(name, extra[name]); }
    });
    var text = out.toString();
    return text ? "?" + text : "";
  }

  function split(href) {
    var hashAt = href.indexOf("#");
    var hash = hashAt < 0 ? "" : href.slice(hashAt);
    var rest = hashAt < 0 ? href : href.slice(0, hashAt);
    var queryAt = rest.indexOf("?");
    return {
      path: queryAt < 0 ? rest : rest.slice(0, queryAt),
      query: queryAt < 0 ? "" : rest.slice(queryAt + 1),
      hash: hash
    };
  }

  /* URL of a page given relative to the output root ("deck/1.2.html#3"), carrying the session. */
  function url(path, extra) {
    var parts = split(path);
    return (data.root || "") + parts.path + search(extra, parts.query) + parts.hash;
  }

  function emit(name, detail, cancelable) {
    var event = new CustomEvent("sg:" + name, { detail: detail || {}, cancelable: !!cancelable });
    document.dispatchEvent(event);
    return !event.defaultPrevented;
  }

  /* Leave for another page of the site; `replace` keeps the history short on unattended screens. */
  function go(path, extra, replace) {
    // Holding only means something inside a play session.
    if (extra && extra.hold && !settings.play) { extra = Object.assign({}, extra, { hold: null }); }
    var target = url(path, extra);
    emit("leave", { url: target });
    if (replace) { window.location.replace(target); } else { window.location.assign(target); }
  }

  /* sessionStorage, which some locked-down kiosks refuse: then every call is a quiet no-op. */
  function store(key, value) {
    try {
      if (value === undefined) { return window.sessionStorage.getItem("sg:" + key); }
      if (value === null) { window.sessionStorage.removeItem("sg:" + key); } else {
        window.sessionStorage.setItem("sg:" + key, String(value));
      }
    } catch (ignored) { /* storage disabled */ }
    return null;
  }

  var lastInput = Date.now();
  function input(event) {
    lastInput = Date.now();
    emit("input", { type: event.type, target: event.target });
  }
  ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (type) {
    document.addEventListener(type, input, { capture: true, passive: true });
  });

  /* Links a visitor follows keep the session's settings; inside a play session they also hold
     the next page until the visitor leaves it alone (links marked data-keep-playing do not). */
  function carryOnLinks() {
    if (!Object.keys(carried).length) { return; }
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i += 1) {
      var href = links[i].getAttribute("href");
      if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(href)) { continue; }
      var parts = split(href);
      var hold = settings.play && !links[i].hasAttribute("data-keep-playing") ? { hold: "1" } : {};
      links[i].setAttribute("href", parts.path + search(hold, parts.query) + parts.hash);
    }
  }
  carryOnLinks();

  /* A kiosk has no address bar and no back button: a link out of the site (text may carry
     links to the net; their QR codes are the way to follow them) is not followed. */
  var siteRoot = new URL(data.root || "./", window.location.href).href;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && (link.href.indexOf(siteRoot) !== 0 || link.target === "_blank")) {
      event.preventDefault();
    }
  }, true);

  window.SG = {
    settings: settings,
    page: data.page || "",
    path: data.path || "",
    root: data.root || "",
    url: url,
    go: go,
    emit: emit,
    store: store,
    idleFor: function () { return Date.now() - lastInput; },
    reducedMotion: function () {
      return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
    }
  };
}());
