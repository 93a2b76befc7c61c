// The guard's scan form: shows the checklist of the chosen checkpoint, and keeps scans made
// without a network on the phone (localStorage), each with the time it was made, sending
// them in order when the network returns. The page says how many wait to be sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-queue-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-queue-key");
  var banner = document.querySelector("[data-queue]");
  var counter = document.querySelector("[data-queue-count]");
  var offlineNote = document.querySelector("[data-offline]");
  var select = form.querySelector("[name=checkpoint]");
  var MAX_PHOTO = 3 * 1024 * 1024; // what a phone's storage keeps of a photo taken offline
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save(list) { localStorage.setItem(key, JSON.stringify(list)); }

  function show() {
    var waiting = load().length;
    counter.textContent = String(waiting);
    offlineNote.classList.toggle("d-none", navigator.onLine);
    banner.classList.toggle("d-none", waiting === 0 && navigator.onLine);
  }

  function showChecks() {
    var chosen = select ? select.value : "";
    form.querySelectorAll("[data-checks]").forEach(function (set) {
      var mine = set.getAttribute("data-checks") === chosen;
      set.hidden = !mine;
      set.disabled = !mine;
    });
  }

  function token() { return form.querySelector("[name=csrfmiddlewaretoken]").value; }

  function post(data) {
    return fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual"
    }).then(function (response) {
      if (response.type !== "opaqueredirect" && !response.ok) { throw new Error("refused"); }
    });
  }

  function entryData(entry) {
    var data = new FormData();
    entry.fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    data.set("csrfmiddlewaretoken", token());
    if (!entry.photo) { return Promise.resolve(data); }
    return fetch(entry.photo).then(function (r) { return r.blob(); }).then(function (blob) {
      data.append("photo", blob, "photo." + (blob.type.split("/")[1] || "jpg"));
      return data;
    });
  }

  function flush() {
    if (sending || !navigator.onLine || load().length === 0) { show(); return; }
    sending = true;
    var sent = 0;
    function next() {
      var list = load();
      if (list.length === 0) { return Promise.resolve(); }
      return entryData(list[0]).then(post).then(function () {
        save(load().slice(1));
        sent += 1;
        show();
        return next();
      });
    }
    next().catch(function () {}).then(function () {
      sending = false;
      show();
      if (sent > 0) { window.location.reload(); }
    });
  }

  function keep(scannedAt) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "photo") { fields.push([name, value]); }
    });
    var file = form.querySelector("[name=photo]").files[0];
    var store = function (photo) {
      var list = load();
      list.push({ fields: fields, photo: photo, made: scannedAt });
      try { save(list); } catch (e) { window.alert(e); return; }
      form.reset();
      showChecks();
      show();
    };
    if (file && file.size <= MAX_PHOTO) {
      var reader = new FileReader();
      reader.onload = function () { store(reader.result); };
      reader.readAsDataURL(file);
    } else {
      store(null);
    }
  }

  form.addEventListener("submit", function (event) {
    var scannedAt = new Date().toISOString();
    form.querySelector("[name=scanned_at]").value = scannedAt;
    if (navigator.onLine) { return; } // sent now, as a form
    event.preventDefault();
    keep(scannedAt);
  });
  if (select) { select.addEventListener("change", showChecks); }
  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  showChecks();
  flush();
})();
