/* regiowerk: the little script the pages need, served as a file (the CSP allows no
   inline scripts). After a failed submit the error summary takes the focus, so a
   screen reader reads it out and a keyboard user starts from its links. */
(function () {
  "use strict";
  // A wide table scrolls inside a wrapper of its own, not the whole page; when it does,
  // the wrapper takes the focus for keyboard scrolling.
  document.querySelectorAll("main table").forEach(function (table) {
    if (table.parentElement.classList.contains("table-scroll")) {
      return;
    }
    var wrapper = document.createElement("div");
    wrapper.className = "table-scroll";
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
    if (wrapper.scrollWidth > wrapper.clientWidth) {
      wrapper.tabIndex = 0; // a keyboard user can scroll it
    }
  });
  var summary = document.querySelector(".error-summary, .errors");
  if (summary) {
    summary.focus();
  }
})();
