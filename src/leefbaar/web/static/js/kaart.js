// Leefbaar map: draws GeoJSON from the URL in data-geojson-url on a Leaflet map without a tile layer
// (tiles need the internet; the boundaries are enough). No URL, no map: the table stays the content.
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("kaart");
    if (!el || !el.dataset.geojsonUrl || typeof L === "undefined") {
      return;
    }
    var map = L.map(el, { attributionControl: true, zoomSnap: 0.5 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Bron: CBS / Kadaster (PDOK), CC BY 4.0");
    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: { color: "#1b3a4b", weight: 1, fillOpacity: 0.4 },
          onEachFeature: function (feature, lyr) {
            if (feature.properties && feature.properties.naam) {
              lyr.bindTooltip(feature.properties.naam);
            }
            if (feature.properties && feature.properties.url) {
              lyr.on("click", function () { window.location.href = feature.properties.url; });
            }
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds());
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
