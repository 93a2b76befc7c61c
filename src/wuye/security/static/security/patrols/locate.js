// The scan form sends the phone's position with the scan, where the browser allows it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-locate]");
  if (!form || !navigator.geolocation) { return; }
  navigator.geolocation.getCurrentPosition(function (where) {
    form.querySelector("[name=latitude]").value = where.coords.latitude.toFixed(6);
    form.querySelector("[name=longitude]").value = where.coords.longitude.toFixed(6);
  }, function () {}, { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
})();
