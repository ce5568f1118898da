// Tables on small screens: every table that is not yet in a scroll box gets one (a focusable region
// named after the table's caption), so that a wide table scrolls inside its box and never makes the
// page wider than the screen. Tables keep their semantics; without JavaScript the page scrolls sideways.
(function () {
  "use strict";
  function wrap(table) {
    if (table.closest(".leefbaar-table-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "leefbaar-table-scroll leefbaar-table-scroll--volledig";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    box.setAttribute("aria-label", "Tabel: " + (caption ? caption.textContent.trim() : "gegevens"));
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  }
  function start() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) { wrap(tables[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:afterSettle", start);
})();
