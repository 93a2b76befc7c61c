// Receiving parcels: where the browser has a barcode detector and a camera, a button opens
// the camera and the first barcode it reads fills in the tracking number. Elsewhere the card
// stays hidden and the number is typed. The words shown come from the card's data-scanning,
// data-found and data-failed attributes, so the page's language is kept.
(function () {
  var card = document.querySelector("[data-scanner]");
  var field = document.querySelector("[data-scan-target]");
  if (!card || !field || !("BarcodeDetector" in window)) {
    return;
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var video = card.querySelector("[data-scan-video]");
  var status = card.querySelector("[data-scan-status]");
  var start = card.querySelector("[data-scan-start]");
  var wanted = ["code_128", "code_39", "code_93", "codabar", "ean_13", "itf", "qr_code"];
  var stream = null;

  function say(state) {
    status.textContent = card.getAttribute("data-" + state) || "";
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
    start.disabled = false;
  }

  function look(detector) {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        field.value = codes[0].rawValue;
        stop();
        say("found");
        field.focus();
        return;
      }
      window.setTimeout(function () { look(detector); }, 200);
    }).catch(function () {
      window.setTimeout(function () { look(detector); }, 400);
    });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    var usable = wanted.filter(function (format) { return formats.indexOf(format) >= 0; });
    if (!usable.length) {
      return;
    }
    card.hidden = false;
    start.addEventListener("click", function () {
      start.disabled = true;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (opened) {
          stream = opened;
          video.srcObject = stream;
          video.hidden = false;
          say("scanning");
          return video.play();
        })
        .then(function () { look(new window.BarcodeDetector({ formats: usable })); })
        .catch(function () {
          stop();
          say("failed");
        });
    });
  });
})();
