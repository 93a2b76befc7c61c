"""A parcel at the gate: the front desk scans its tracking number with the phone's camera
(where the browser reads barcodes; typed elsewhere), the owner sees the pick-up code on the
phone, and the guard hands the parcel over with that code."""

import pytest
from playwright.sync_api import expect

from wuye.security.parcels.models import Parcel, ParcelStatus

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

# A phone's barcode reader and camera, as the browser offers them: the reader sees one
# label, the camera films a blank canvas.
PHONE_WITH_READER = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["code_128", "qr_code"]); }
  detect() { return Promise.resolve([{ rawValue: "SF1402345678901" }]); }
};
navigator.mediaDevices.getUserMedia = function () {
  var canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 10, 10);
  return Promise.resolve(canvas.captureStream());
};
"""


def test_the_desk_scans_the_owner_shows_the_code_the_guard_hands_over(people, open_page, shot):
    desk = open_page(width=390, height=844, touch=True)
    log_in(desk, "frontdesk")
    receive = f"/c/{people.community.pk}/security/parcels/receive/"
    desk.goto(receive)
    expect(desk.locator("[data-scanner]")).to_be_hidden()  # no reader: the number is typed

    desk.add_init_script(PHONE_WITH_READER)
    desk.goto(receive)
    desk.tap("[data-scan-start]")
    expect(desk.locator("[data-scan-target]")).to_have_value("SF1402345678901")
    desk.fill("#id_home", "1-1-101")
    desk.fill("#id_shelf", "A3")
    desk.tap("[data-form=receive] button[type=submit]")
    expect(desk.locator(".alert-success")).to_contain_text("1-1-101")
    parcel = Parcel.objects.get()
    assert (parcel.tracking_number, parcel.unit) == ("SF1402345678901", people.units["owner_home"])

    owner = open_page(width=390, height=844, touch=True)
    log_in(owner, "owner")
    owner.goto("/portal/security/parcels/")
    code = owner.locator(f'[data-parcel="{parcel.pk}"] [data-code]')
    expect(code).to_have_text(parcel.pickup_code)
    shot(owner, "parcels-portal-phone")

    guard = open_page(width=390, height=844, touch=True)
    log_in(guard, "guard")
    guard.goto(f"/c/{people.community.pk}/security/parcels/")
    guard.fill("#f-code", code.inner_text())
    guard.press("#f-code", "Enter")
    guard.tap("[data-form=hand-over] button[type=submit]")
    expect(guard.locator(".alert-success")).to_be_visible()
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.PICKED_UP and parcel.picked_up_by == people.guard
