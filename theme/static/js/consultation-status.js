/* Konsulta: a static page goes stale when a consultation opens or closes after the build, and its "days
   left" with every day that passes. The build puts in the page, for each moment after it at which the
   status changes, what to show from that moment on: a <template data-from="moment" data-status="status">,
   in order; and for each later day the consultation is open, what "days left" says from that day on: a
   <template data-days-from="moment">. This script shows the latest of each whose moment has passed, shows
   the comment links written hidden for a consultation not yet open when it opens, and removes them when
   it closes. It knows no rule of its own: the moments and what follows them are the build's
   (plugins/konsulta_consultations/lifecycle.py). The same holds for each draft in a list (home page,
   listings), whose templates carry only the status and days left, and for search results, whose index
   carries the moments and statuses (search.js). Without JavaScript the page keeps what
   it was built with, which the daily rebuild refreshes. */
(function () {
  "use strict";
  var now = Date.now();

  /* The value of the latest [moment, value] pair whose moment has passed, else `otherwise`: the one
     comparison with the clock, which the search page (search.js) uses for its results too. */
  function latestPassed(pairs, otherwise) {
    var found = otherwise;
    pairs.forEach(function (pair) { if (Date.parse(pair[0]) <= now) { found = pair[1]; } });
    return found;
  }
  window.Konsulta = window.Konsulta || {};
  window.Konsulta.latestPassed = latestPassed;

  function latest(element, selector, attribute) {
    var pairs = [];
    Array.prototype.forEach.call(element.querySelectorAll(selector), function (template) {
      if (template.parentNode === element) { pairs.push([template.getAttribute(attribute), template]); }
    });
    return latestPassed(pairs, null);
  }

  function replaceContent(target, template) {
    while (target.firstChild) { target.removeChild(target.firstChild); }
    target.appendChild(template.content.cloneNode(true));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-consultation]"), function (consultation) {
    var notice = consultation.querySelector("[data-consultation-notice]");
    if (!notice) { return; }
    var change = latest(consultation, "template[data-from]", "data-from");
    if (change) {
      replaceContent(notice, change);
      consultation.setAttribute("data-status", change.getAttribute("data-status"));
      var links = document.querySelectorAll("[data-comment-link]");
      if (change.hasAttribute("data-shows-comment-links")) {
        Array.prototype.forEach.call(links, function (link) { link.hidden = false; });
      } else if (change.hasAttribute("data-removes-comment-links")) {
        Array.prototype.forEach.call(links, function (link) { link.parentNode.removeChild(link); });
      }
    }
    var day = latest(consultation, "template[data-days-from]", "data-days-from");
    var daysLeft = notice.querySelector("[data-days-left]");
    if (day && daysLeft) { replaceContent(daysLeft, day); }
  });
}());
