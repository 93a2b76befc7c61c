// Behaviour the pages ask for with data- attributes, so that no page needs inline script
// (the content security policy refuses it).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});

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
