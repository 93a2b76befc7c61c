// Behaviour the pages ask for with data- attributes, so that no page needs inline script
// (the content security policy refuses it).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
