// Record forms (/bijhouden): after htmx replaced a form that came back with errors, move the focus
// to its error summary, so that a screen reader reads the problems and the links to the fields are
// next (the summary's autofocus does the same on a whole page without JavaScript).
document.addEventListener("htmx:afterSettle", function () {
  var summary = document.getElementById("formulierfouten");
  if (summary) {
    summary.focus();
  }
});

// Agreement forms: show only the fields of the chosen kind of commitment (kwalitatief: the
// deliverable; gemeten: indicator, comparison, target). Without JavaScript both groups are shown
// and the server uses the group of the chosen kind.
function toonToezeggingSoort() {
  var keuze = document.getElementById("veld-t_soort");
  if (!keuze) {
    return;
  }
  var groepen = document.querySelectorAll("[data-toezegging-soort]");
  for (var i = 0; i < groepen.length; i++) {
    groepen[i].hidden = keuze.value !== "" && groepen[i].getAttribute("data-toezegging-soort") !== keuze.value;
  }
}
document.addEventListener("change", function (event) {
  if (event.target && event.target.id === "veld-t_soort") {
    toonToezeggingSoort();
  }
});
document.addEventListener("DOMContentLoaded", toonToezeggingSoort);
document.addEventListener("htmx:afterSettle", toonToezeggingSoort);
