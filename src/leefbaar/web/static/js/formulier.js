// Record forms (/bijhouden): after htmx replaced a form that came back with errors, move the focus
// to its error summary, so that a screen reader reads the problems and the links to the fields are
// next (the summary's autofocus does the same on a whole page without JavaScript).
document.addEventListener("htmx:afterSettle", function () {
  var summary = document.getElementById("formulierfouten");
  if (summary) {
    summary.focus();
  }
});
