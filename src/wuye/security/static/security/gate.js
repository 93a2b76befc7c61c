// The gate page's camera: where the browser can read QR codes (BarcodeDetector) and the
// phone has a camera, a button shows it; a code read fills the field and checks it. Without
// either, the guard types the code: the page works the same.
(function () {
  var form = document.querySelector("[data-gate-form]");
  if (!form) {
    return;
  }
  var button = form.querySelector("[data-gate-scan]");
  var box = form.querySelector("[data-gate-camera]");
  var field = form.querySelector("input[name=code]");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var status = box.querySelector("[data-gate-camera-status]");
  var video = box.querySelector("video");
  var stream = null;

  function say(state) {
    status.textContent = status.getAttribute("data-" + state) || "";
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    box.hidden = true;
  }

  function look(detector) {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        field.value = codes[0].rawValue;
        stop();
        form.submit();
        return;
      }
      window.requestAnimationFrame(function () { look(detector); });
    }).catch(function () {
      window.setTimeout(function () { look(detector); }, 300);
    });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (stream) {
        stop();
        return;
      }
      box.hidden = false;
      say("looking");
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
        stream = media;
        video.srcObject = media;
        return video.play();
      }).then(function () {
        look(new window.BarcodeDetector({ formats: ["qr_code"] }));
      }).catch(function () {
        say("failed");
        stop();
        box.hidden = false;
      });
    });
  });
})();
