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

// The cashier's desk (billing): ticking charges adds up what they still owe, puts the total
// in the amount and pays only the ticked charges; unticking them all goes back to paying
// the oldest first. The server checks the payment again whatever the page sent.
(function () {
  function cents(text) {
    var parts = String(text).split(".");
    return parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "") + "00").slice(0, 2), 10);
  }

  function yuan(amount, grouped) {
    var whole = String(Math.floor(amount / 100));
    if (grouped) {
      whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
    return whole + "." + String(amount % 100).padStart(2, "0");
  }

  function tally(form) {
    var ticked = form.querySelectorAll("input[name=charge_ids][data-owed]:checked");
    var total = 0;
    ticked.forEach(function (box) { total += cents(box.dataset.owed); });
    var count = form.querySelector("[data-ticked-count]");
    var shown = form.querySelector("[data-ticked-total]");
    if (count) { count.textContent = ticked.length; }
    if (shown) { shown.textContent = yuan(total, true); }
    return { count: ticked.length, total: total };
  }

  function choose(form, value) {
    var radio = form.querySelector("input[name=allocate][value=" + value + "]");
    if (radio) { radio.checked = true; }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[name=charge_ids][data-owed]")) { return; }
    var form = box.closest("[data-desk-payment]");
    if (!form) { return; }
    var sum = tally(form);
    var amount = form.querySelector("input[name=amount]");
    if (sum.count) {
      amount.value = yuan(sum.total, false);
      amount.dataset.filled = amount.value;
      choose(form, "chosen");
    } else {
      if (amount.value === amount.dataset.filled) { amount.value = ""; }
      choose(form, "oldest");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-desk-payment]").forEach(tally);
  });
})();
