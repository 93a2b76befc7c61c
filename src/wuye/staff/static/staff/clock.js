// The clock page: before the form is sent, ask the browser where the phone is (if it may
// and says within a few seconds) and send it along; without it the form goes as it is.
(function () {
  "use strict";
  document.querySelectorAll("form[data-clock]").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (sending || !navigator.geolocation) return;
      event.preventDefault();
      sending = true;
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      var kind = event.submitter ? event.submitter.value : "";
      var send = function () {
        if (kind) form.querySelector("input[name=kind]").value = kind;
        form.submit();
      };
      var timer = setTimeout(send, 6000);
      navigator.geolocation.getCurrentPosition(function (pos) {
        clearTimeout(timer);
        form.querySelector("input[name=latitude]").value = pos.coords.latitude.toFixed(6);
        form.querySelector("input[name=longitude]").value = pos.coords.longitude.toFixed(6);
        form.querySelector("input[name=accuracy]").value = Math.round(pos.coords.accuracy);
        send();
      }, function () { clearTimeout(timer); send(); }, { timeout: 5000, maximumAge: 60000 });
    });
  });
})();
