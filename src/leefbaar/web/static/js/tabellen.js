// Tables and charts on small screens: every table that is not yet in a scroll box gets one (a
// focusable region named after the table's caption), so that a wide table scrolls inside its box and
// never makes the page wider than the screen; every chart gets one too, in which it keeps its natural
// size, so that its text stays legible on a phone instead of shrinking to a few pixels. Tables keep
// their semantics; without JavaScript tables widen the page and charts shrink.
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
  function wrapChart(svg) {
    if (svg.parentNode.classList.contains("leefbaar-chart-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "leefbaar-chart-scroll";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    var title = svg.querySelector("title");
    box.setAttribute("aria-label", "Grafiek: " + (title ? title.textContent.trim() : "zie de tabel"));
    svg.parentNode.insertBefore(box, svg);
    box.appendChild(svg);
  }
  function start() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) { wrap(tables[i]); }
    var charts = document.querySelectorAll("main svg.leefbaar-chart");
    for (var j = 0; j < charts.length; j++) { wrapChart(charts[j]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:afterSettle", start);
})();
