/* Play sessions. play.html starts one (or resumes it where unattended play last was, e.g. when
   the idle timeout brings a touched screen back); ?start=first or ?start=last is where the play
   order wraps around. Deck pages remember their place as they play. */
(function () {
  "use strict";
  var SG = window.SG;

  if (SG.page === "play") {
    var links = document.querySelectorAll("[data-play-item]");
    var order = Array.prototype.map.call(links, function (a) { return a.getAttribute("data-play-item"); });
    if (!order.length) { return; }
    var params = new URLSearchParams(window.location.search);
    var start = params.get("start");
    var at = SG.store("play-at") || "";
    var target = order.indexOf(at.split("#")[0]) >= 0 ? at : order[0];
    if (start === "first") { target = order[0]; }
    if (start === "last") { target = order[order.length - 1] + "#last"; }
    SG.go(target, { play: "1", start: null, hold: params.get("hold") }, true);
    return;
  }

  if (SG.page === "deck" && SG.settings.play) {
    document.addEventListener("sg:autoplay", function (event) {
      if (event.detail.state === "pause" || !SG.deck) { return; }
      SG.store("play-at", SG.path + "#" + (SG.deck.current() + 1));
    });
  }
}());
