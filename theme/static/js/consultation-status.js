/* Konsulta: a static page goes stale when a consultation opens or closes after the build.
   This corrects the shown status from the dates in the page; without JavaScript the page
   keeps the status it was built with, which the daily rebuild refreshes. */
(function () {
  "use strict";
  function statusAt(now, opens, closes) {
    if (now < opens) { return "upcoming"; }
    if (now <= closes) { return "open"; }
    return "closed";
  }
  var sections = document.querySelectorAll("[data-consultation]");
  Array.prototype.forEach.call(sections, function (section) {
    var built = section.getAttribute("data-status");
    if (built === "concluded") { return; }
    var opens = Date.parse(section.getAttribute("data-opens"));
    var closes = Date.parse(section.getAttribute("data-closes")) + 999;
    var current = statusAt(Date.now(), opens, closes);
    if (current === built) { return; }
    var template = section.querySelector('template[data-status="' + current + '"]');
    var notice = section.querySelector("[data-consultation-notice]");
    if (!template || !notice) { return; }
    while (notice.firstChild) { notice.removeChild(notice.firstChild); }
    notice.appendChild(template.content.cloneNode(true));
    section.setAttribute("data-status", current);
    if (current !== "open") {
      Array.prototype.forEach.call(document.querySelectorAll("[data-comment-link]"), function (link) {
        link.parentNode.removeChild(link);
      });
    }
  });
}());
