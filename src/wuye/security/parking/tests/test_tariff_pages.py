"""The manager's parking tariffs page: the list with versions, a new tariff with what stays
cost before it is saved, a new version, and who may open them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.security.parking.models import ParkingTariff
from wuye.security.parking.services import tariff_create

from .test_tariff_engine import STANDARD

FORM = {
    "name": "标准收费",
    "vehicle_types": ["car"],
    "free_minutes": "30",
    "charge_from_zero_after_free": "on",
    "first_minutes": "60",
    "first_price": "5",
    "step_minutes": "30",
    "step_price": "2",
    "second_after_minutes": "180",
    "second_step_minutes": "60",
    "second_step_price": "1",
    "cap_per_day": "20",
    "cap_scope": "rolling_24h",
    "exit_grace_minutes": "15",
    "night_per": "night",
    "night_starts": "19:00",
    "night_ends": "07:00",
    "effective_from": "2026-01-01T00:00",
}


def url(site, name, *args):
    return reverse(f"security:{name}", args=[site.community.pk, *args])


def test_the_preview_shows_what_stays_cost_and_saves_nothing(client, site):
    client.force_login(site.manager)
    page = client.post(url(site, "parking_tariff_new"), {**FORM, "preview": "1"})
    assert page.status_code == 200
    costs = [fee for _stay, fee in page.context["costs"]]
    assert costs == [Decimal(n) for n in ("0", "5", "9", "15", "25", "27")]
    assert not ParkingTariff.objects.exists()


def test_a_manager_adds_a_tariff_and_a_new_version(client, site):
    client.force_login(site.manager)
    saved = client.post(url(site, "parking_tariff_new"), FORM)
    assert saved.status_code == 302
    tariff = ParkingTariff.objects.get()
    assert tariff.rule["cap_per_day"] == "20.00" and tariff.vehicle_types == ["car"]
    changed = client.post(
        url(site, "parking_tariff_change", tariff.pk),
        {**FORM, "first_price": "6", "night_price": "3", "effective_from": "2026-06-01T00:00"},
    )
    assert changed.status_code == 302
    listing = client.get(url(site, "parking_tariffs"))
    assert listing.status_code == 200
    (row,) = listing.context["tariffs"]
    assert [v.rule["first_price"] for v in row["versions"]] == ["6.00", "5.00"]
    assert "19:00–07:00 ¥3.00 a night" in listing.content.decode()


def test_bad_parameters_are_shown_on_their_fields(client, site):
    client.force_login(site.manager)
    page = client.post(
        url(site, "parking_tariff_new"),
        {**FORM, "second_after_minutes": "30", "night_price": "2", "night_ends": "19:00"},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 400
    form = page.context["form"]
    assert set(form.errors) == {"second_after_minutes", "night_ends"}
    assert not ParkingTariff.objects.exists()


@pytest.mark.parametrize("role", ["guard", "frontdesk", "cashier"])
def test_only_managers_open_the_tariffs(client, site, role):
    tariff = tariff_create(
        actor=site.manager, community=site.community, name="Standard", rule=STANDARD
    )
    client.force_login(getattr(site, role))
    for name, args in (
        ("parking_tariffs", ()),
        ("parking_tariff_new", ()),
        ("parking_tariff_change", (tariff.pk,)),
    ):
        assert client.get(url(site, name, *args)).status_code == 403


def test_the_tariffs_are_among_the_managers_settings(client, site):
    client.force_login(site.manager)
    overview = client.get(reverse("settings:overview", args=[site.community.pk]))
    assert url(site, "parking_tariffs") in overview.content.decode()
