/* Konsulta: a static page goes stale when a consultation opens or closes after the build. The build puts
   in the page, for each moment after it at which the status changes, the notice from that moment on: a
   <template data-from="moment" data-status="status">, in order. This script shows the latest one whose
   moment has passed, and removes the comment links if that notice says so. It knows no rule of its own:
   the moments and what follows them are the build's (plugins/konsulta_consultations/lifecycle.py).
   Without JavaScript the page keeps the status it was built with, which the daily rebuild refreshes. */
(function () {
  "use strict";
  var now = Date.now();
  var sections = document.querySelectorAll("[data-consultation]");
  Array.prototype.forEach.call(sections, function (section) {
    var current = null;
    Array.prototype.forEach.call(section.querySelectorAll("template[data-from]"), function (change) {
      if (Date.parse(change.getAttribute("data-from")) <= now) { current = change; }
    });
    var notice = section.querySelector("[data-consultation-notice]");
    if (!current || !notice) { return; }
    while (notice.firstChild) { notice.removeChild(notice.firstChild); }
    notice.appendChild(current.content.cloneNode(true));
    section.setAttribute("data-status", current.getAttribute("data-status"));
    if (current.hasAttribute("data-removes-comment-links")) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-comment-link]"), function (link) {
        link.parentNode.removeChild(link);
      });
    }
  });
}());
