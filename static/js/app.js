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
    // After a form is sent, focus goes to what says what happened. A full page does this with
    // `autofocus` (the messages region, the error summary); an htmx swap does not load a page,
    // so the swapped-in message or summary is focused here. A poll's answer never takes focus.
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var config = event.detail.requestConfig;
      if (!config || config.verb === "get") { return; }
      var target = event.detail.target || event.detail.elt;
      var said = target && target.querySelector(".error-summary, .messages[tabindex]");
      if (said) { said.focus(); return; }
      var invalid = target && target.querySelector("[aria-invalid='true']");
      if (invalid) { invalid.focus(); }
    });
    // A form drawn without the error summary: its first field with an error takes focus
    // (where something has `autofocus`, the browser moves focus there after this runs).
    if (!document.querySelector("[autofocus]") &&
        (document.activeElement === document.body || document.activeElement === null)) {
      var invalid = document.querySelector("main [aria-invalid='true']");
      if (invalid) { invalid.focus(); }
    }
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
