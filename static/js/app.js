// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // The time zone fields: see timezone.js.
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
