// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Preselect the browser's time zone on forms that ask for one and are still at the default.
    var tz;
    try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { tz = null; }
    if (tz) {
      document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
        if (select.dataset.userChosen) { return; }
        var option = select.querySelector('option[value="' + tz + '"]');
        if (option) { select.value = tz; }
      });
    }
    // An open conversation polls for new messages (htmx): not while the tab is hidden; when it
    // is shown again the "visibilitychange" trigger asks at once.
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (document.hidden && event.target.hasAttribute("data-poll-visible")) {
        event.preventDefault();
      }
    });
    // Only a poll answer is appended: a login or privacy page after a redirect (session
    // expired) is not, and the next reload shows it.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var xhr = event.detail.xhr;
      if (event.detail.requestConfig && event.detail.requestConfig.elt &&
          event.detail.requestConfig.elt.hasAttribute("data-poll-visible") &&
          !(xhr && xhr.getResponseHeader("X-Message-Poll"))) {
        event.detail.shouldSwap = false;
      }
    });
    // Close the open menu with Escape, returning focus to its summary.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      document.querySelectorAll("details.menu[open]").forEach(function (menu) {
        menu.removeAttribute("open");
        menu.querySelector("summary").focus();
      });
    });
  });
})();
