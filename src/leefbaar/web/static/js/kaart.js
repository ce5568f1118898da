// Leefbaar map: draws GeoJSON from the URL in data-geojson-url on a Leaflet map without a tile layer
// (tiles need the internet; the boundaries are enough). Areas are coloured in five quantile classes of
// the indicator chosen in the <select> named by data-indicator-select (or data-indicator), or, for an
// option "status:<key>", by the status per area code in the JSON block named by data-statussen; a
// click on an area with a "url" property opens its page. data-markeer outlines and centres one area (a
// buurt page); data-omrand outlines several (codes separated by spaces) and leaves their colour. No URL,
// no map: the tables stay the content.
(function () {
  "use strict";
  var COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];  // the lightest is still darker than the map background
  var NONE = "#d9d9d9";
  // Status colours (a diverging scheme that stays apart for the common colour-vision deficiencies);
  // the legend names each status with its count, and the table below the map lists them as text.
  var STATUSES = [
    ["gehaald", "#1a9641"], ["op koers", "#a6d96a"], ["risico", "#fdae61"],
    ["niet gehaald", "#d7191c"], ["geen gegevens", "#8c8c8c"]
  ];
  var NO_VERDICT = "#f7f7f7";
  // A municipality without a verdict is hatched, not just lighter, so it stands apart from every status
  // colour also in greyscale; the legend swatch shows the same hatching.
  var HATCH = "#5f5f5f";
  var HATCH_CSS = "repeating-linear-gradient(45deg, " + HATCH + " 0 2px, " + NO_VERDICT + " 2px 6px)";
  var SVG_NS = "http://www.w3.org/2000/svg";

  function svgElement(name, attributes) {
    var node = document.createElementNS(SVG_NS, name);
    for (var key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) { node.setAttribute(key, attributes[key]); }
    }
    return node;
  }

  // The fill for "geen oordeel": a hatch pattern in the map's own SVG (made once per map).
  function noVerdictFill(map) {
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg) { return NO_VERDICT; }
    var id = map.getContainer().id + "-geen-oordeel";
    if (!document.getElementById(id)) {
      var defs = svg.querySelector("defs");
      if (!defs) { defs = svg.insertBefore(svgElement("defs", {}), svg.firstChild); }
      var pattern = svgElement("pattern", {
        id: id, patternUnits: "userSpaceOnUse", width: "6", height: "6", patternTransform: "rotate(45)"
      });
      pattern.appendChild(svgElement("rect", { width: "6", height: "6", fill: NO_VERDICT }));
      pattern.appendChild(svgElement("line", { x1: "1", y1: "0", x2: "1", y2: "6", stroke: HATCH, "stroke-width": "2" }));
      defs.appendChild(pattern);
    }
    return "url(#" + id + ")";
  }

  function statusLegend(el, counts, withoutVerdict) {
    var list = document.getElementById(el.id + "-legenda");
    if (!list) { return; }
    list.textContent = "";
    function add(colour, text, hatched) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "leefbaar-legenda__kleur";
      swatch.style.backgroundColor = colour;
      if (hatched) { swatch.style.backgroundImage = HATCH_CSS; }
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(text));
      list.appendChild(item);
    }
    for (var i = 0; i < STATUSES.length; i++) {
      add(STATUSES[i][1], STATUSES[i][0] + " (" + (counts[STATUSES[i][0]] || 0) + ")");
    }
    if (withoutVerdict) { add(NO_VERDICT, "geen oordeel (" + withoutVerdict + ")", true); }
  }

  function statusColour(status, map) {
    for (var i = 0; i < STATUSES.length; i++) {
      if (STATUSES[i][0] === status) { return STATUSES[i][1]; }
    }
    return noVerdictFill(map);
  }

  // Area names come from imported files. A tooltip given a string goes into innerHTML, so a name is
  // always handed over as a text node: "<script>" in a name is shown, never run.
  function asText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function formatNumber(value) {
    return value.toLocaleString("nl-NL", { maximumFractionDigits: 1 });
  }

  function breaks(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 1; i < COLOURS.length; i++) {
      out.push(sorted[Math.floor((sorted.length - 1) * i / COLOURS.length)]);
    }
    return out;
  }

  function classOf(value, limits) {
    for (var i = 0; i < limits.length; i++) {
      if (value <= limits[i]) { return i; }
    }
    return limits.length;
  }

  function legend(el, limits, unit, hasMissing) {
    var list = document.getElementById(el.id + "-legenda");
    if (!list) { return; }
    list.textContent = "";
    var lower = null;
    for (var i = 0; i < COLOURS.length; i++) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "leefbaar-legenda__kleur leefbaar-klasse-" + i;
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      var upper = i < limits.length ? limits[i] : null;
      var text = upper === null ? "meer dan " + formatNumber(lower) : (lower === null ? "t/m " + formatNumber(upper) : formatNumber(lower) + " – " + formatNumber(upper));
      item.appendChild(document.createTextNode(text + (unit ? " " + unit : "")));
      list.appendChild(item);
      lower = upper;
    }
    if (hasMissing) {
      var none = document.createElement("li");
      var sw = document.createElement("span");
      sw.className = "leefbaar-legenda__kleur leefbaar-klasse-geen";
      sw.setAttribute("aria-hidden", "true");
      none.appendChild(sw);
      none.appendChild(document.createTextNode("geen gegevens"));
      list.appendChild(none);
    }
  }

  function init(el) {
    if (!el.dataset.geojsonUrl || typeof L === "undefined") {
      return;
    }
    var select = el.dataset.indicatorSelect ? document.getElementById(el.dataset.indicatorSelect) : null;
    var statusData = el.dataset.statussen ? document.getElementById(el.dataset.statussen) : null;
    var statuses = statusData ? JSON.parse(statusData.textContent) : {};
    var map = L.map(el, { attributionControl: true, zoomSnap: 0.25, zoomControl: false });
    L.control.zoom({ zoomInTitle: "Inzoomen", zoomOutTitle: "Uitzoomen" }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Bron: CBS / Kadaster (PDOK), CC BY 4.0");
    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: { color: "#1b3a4b", weight: 1, fillOpacity: 0.8, fillColor: NONE },
          onEachFeature: function (feature, lyr) {
            var p = feature.properties || {};
            if (p.naam) { lyr.bindTooltip(asText(p.naam)); }
            if (p.url) {
              lyr.on("click", function () { window.location.href = p.url; });
            }
            lyr.on("add", function () {
              var path = lyr.getElement && lyr.getElement();
              if (path && p.code) { path.setAttribute("data-code", p.code); }
              // Hundreds of polygons as tab stops would bury the page; the table next to the map has
              // the same areas as links for keyboard users.
              if (path) { path.setAttribute("tabindex", "-1"); }
            });
          }
        }).addTo(map);
        function colourByStatus(key) {
          var byCode = statuses[key] || {};
          var counts = {};
          var withoutVerdict = 0;
          layer.eachLayer(function (lyr) {
            var p = lyr.feature.properties || {};
            var status = byCode[p.code];
            if (status) { counts[status] = (counts[status] || 0) + 1; } else { withoutVerdict += 1; }
            lyr.setStyle({ fillColor: statusColour(status, map) });
            // The status in words too: the tooltip names it, not only the colour.
            if (p.naam) { lyr.setTooltipContent(asText(p.naam + ": " + (status || "geen oordeel"))); }
            var path = lyr.getElement && lyr.getElement();
            if (path) { path.setAttribute("data-status", status || "geen oordeel"); }
          });
          statusLegend(el, counts, withoutVerdict);
        }
        function colour() {
          var key = select ? select.value : (el.dataset.indicator || "");
          if (key.indexOf("status:") === 0) { colourByStatus(key.slice(7)); return; }
          var unit = select ? (select.options[select.selectedIndex].dataset.eenheid || "") : (el.dataset.eenheid || "");
          var values = [];
          layer.eachLayer(function (lyr) {
            var v = lyr.feature.properties[key];
            if (typeof v === "number") { values.push(v); }
          });
          var limits = breaks(values);
          var missing = false;
          layer.eachLayer(function (lyr) {
            var name = lyr.feature.properties.naam;
            if (name) { lyr.setTooltipContent(asText(name)); }
            var path = lyr.getElement && lyr.getElement();
            if (path) { path.removeAttribute("data-status"); }
            var v = lyr.feature.properties[key];
            var known = typeof v === "number";
            if (!known) { missing = true; }
            lyr.setStyle({ fillColor: known ? COLOURS[classOf(v, limits)] : NONE });
          });
          if (values.length) { legend(el, limits, unit, missing); }
        }
        colour();
        if (select) { select.addEventListener("change", colour); }
        var marked = null;
        if (el.dataset.markeer) {
          // One area outlined (a buurt page): a thick dark border, on top, and the map centred on it.
          layer.eachLayer(function (lyr) {
            if ((lyr.feature.properties || {}).code === el.dataset.markeer) {
              marked = lyr;
              lyr.setStyle({ weight: 4, color: "#a4262c", fillColor: "#f6d7d8", fillOpacity: 0.9 });
            }
          });
        }
        if (marked) {
          map.fitBounds(marked.getBounds(), { padding: [40, 40], maxZoom: 15 });
          marked.bringToFront();  // drawn now that the map has a view
          var markedPath = marked.getElement && marked.getElement();
          if (markedPath) { markedPath.setAttribute("data-gemarkeerd", "ja"); }
        }
        else if (data.features && data.features.length) { map.fitBounds(layer.getBounds()); }
        else { map.setView([52.2, 5.3], 7); }
        if (el.dataset.omrand) {
          // Areas outlined without changing their fill (a gemeente page: the buurten with an open
          // buurtkamer), so the chosen indicator stays readable; the note under the map and the table
          // say the same in words.
          var outlined = el.dataset.omrand.split(" ");
          layer.eachLayer(function (lyr) {
            if (outlined.indexOf((lyr.feature.properties || {}).code) >= 0) {
              lyr.setStyle({ weight: 3, color: "#a4262c" });
              lyr.bringToFront();
              var path = lyr.getElement && lyr.getElement();
              if (path) { path.setAttribute("data-omrand", "ja"); }
            }
          });
        }
        el.setAttribute("data-geladen", "ja");
      });
  }

  function start() {
    var maps = document.querySelectorAll(".leefbaar-map[data-geojson-url]");
    for (var i = 0; i < maps.length; i++) { init(maps[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
