/* Screen readers: each shown slide is announced in a polite live region ("Slide 2 of 7: title"). */
(function () {
  "use strict";
  var region = document.querySelector("[data-announce]");
  if (!region) { return; }
  var format = region.getAttribute("data-announce") || "{n} / {count}";
  document.addEventListener("sg:slide", function (event) {
    var detail = event.detail;
    var text = format.replace("{n}", String(detail.index + 1)).replace("{count}", String(detail.count));
    var title = detail.slide.querySelector(".sg-title");
    region.textContent = title ? text + ": " + title.textContent.trim() : text;
  });
}());
