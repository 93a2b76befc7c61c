// Behaviour the pages ask for with data- attributes, so that no page needs inline script
// (the content security policy refuses it).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});

// A part of a page that refreshes itself (hx-trigger="every …") and carries
// data-refresh-waits-for-input skips its refresh while someone is filling in one of its
// forms: a form opened under its summary, or a field with the focus.
document.addEventListener("htmx:confirm", function (event) {
  var region = event.detail.elt;
  if (!region.matches || !region.matches("[data-refresh-waits-for-input]")) {
    return;
  }
  var active = document.activeElement;
  var typing = active && region.contains(active) && active.matches("input, select, textarea");
  if (typing || region.querySelector("details[open] form")) {
    event.preventDefault();
  }
});

// A form marked data-geolocate carries where the phone is, once its person opens it and
// the phone allows it: hidden fields ending in latitude, longitude and accuracy. The
// element marked data-geo-status says how it went, in the words of its data-asking,
// data-found ({m}: metres) and data-none attributes.
function wuyeGeoSay(form, state, metres) {
  var status = form.querySelector("[data-geo-status]");
  if (status) {
    status.textContent = (status.getAttribute("data-" + state) || "").replace("{m}", metres);
  }
}

function wuyeLocate(form) {
  if (form.getAttribute("data-located")) {
    return;
  }
  if (!navigator.geolocation) {
    form.setAttribute("data-located", "no");
    wuyeGeoSay(form, "none");
    return;
  }
  form.setAttribute("data-located", "asking");
  wuyeGeoSay(form, "asking");
  navigator.geolocation.getCurrentPosition(
    function (position) {
      var coords = position.coords;
      var metres = Math.ceil(coords.accuracy);
      form.querySelector("[name$='latitude']").value = coords.latitude.toFixed(6);
      form.querySelector("[name$='longitude']").value = coords.longitude.toFixed(6);
      form.querySelector("[name$='accuracy']").value = metres;
      form.setAttribute("data-located", "yes");
      wuyeGeoSay(form, "found", metres);
    },
    function () {
      form.setAttribute("data-located", "no");
      wuyeGeoSay(form, "none");
    },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
  );
}

// `toggle` does not bubble: listen while it travels down.
document.addEventListener(
  "toggle",
  function (event) {
    var details = event.target;
    if (details.open && details.querySelector) {
      details.querySelectorAll("form[data-geolocate]").forEach(wuyeLocate);
    }
  },
  true
);
