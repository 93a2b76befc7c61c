"""The API of tariffs and fee quotes."""

import json

from wuye.security.parking.models import ParkingTariff
from wuye.testing.api import bearer

STANDARD_IN = {
    "name": "标准收费",
    "free_minutes": 30,
    "charge_from_zero_after_free": True,
    "first_minutes": 60,
    "first_price": "5",
    "step_minutes": 30,
    "step_price": "2",
    "second_after_minutes": 180,
    "second_step_minutes": 60,
    "second_step_price": "1",
    "cap_per_day": "20",
    "cap_scope": "rolling_24h",
    "vehicle_types": ["car"],
    "effective_from": "2026-01-01T00:00:00+08:00",
}


def post(client, url, user, body):
    return client.post(url, json.dumps(body), content_type="application/json", headers=bearer(user))


def test_a_manager_sets_the_standard_tariff_and_the_gate_quotes_a_stay(client, site):
    created = post(
        client,
        "/api/v1/parking-tariffs",
        site.manager,
        {"community_id": site.community.pk, **STANDARD_IN},
    )
    assert created.status_code == 201, created.content
    assert created.json()["rule"]["cap_per_day"] == "20.00"

    quoted = post(
        client,
        "/api/v1/parking-fees/quote",
        site.guard,
        {
            "community_id": site.community.pk,
            "plate": "新a·12345",
            "entered_at": "2026-03-02T08:00:00+08:00",
            "exited_at": "2026-03-03T09:10:00",
            "vehicle_type": "car",
        },
    )
    body = quoted.json()
    assert quoted.status_code == 200, body
    assert (body["fee"], body["plate"], body["plate_colour"]) == ("27.00", "新A12345", "blue")
    assert [line["amount"] for line in body["breakdown"]] == ["20.00", "7.00"]
    listed = client.get(
        f"/api/v1/parking-tariffs?community_id={site.community.pk}", headers=bearer(site.frontdesk)
    ).json()
    assert [row["id"] for row in listed] == [created.json()["id"]]


def test_bad_parameters_are_refused_naming_the_field(client, site):
    # What the schema states (a scope, a price of fen under ¥100,000) is refused by it: 422.
    malformed = post(
        client,
        "/api/v1/parking-tariffs",
        site.manager,
        {
            "community_id": site.community.pk,
            **STANDARD_IN,
            "cap_scope": "weekly",
            "first_price": "-5",
            "bands": [{"starts": "19:00", "ends": "07:00", "price": "100000", "per": "day"}],
        },
    )
    assert malformed.status_code == 422
    assert {"cap_scope", "first_price"} <= set(malformed.json()["errors"])
    # What only the tariff as a whole can tell is refused by the service, naming each field.
    refused = client.post(
        "/api/v1/parking-tariffs",
        json.dumps(
            {
                "community_id": site.community.pk,
                **STANDARD_IN,
                "second_after_minutes": 30,
                "bands": [
                    {"starts": "19:00", "ends": "07:00", "price": "3"},
                    {"starts": "06:00", "ends": "08:00", "price": "1"},
                ],
            }
        ),
        content_type="application/json",
        headers={**bearer(site.manager), "Accept-Language": "zh-hans"},
    )
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"second_after_minutes", "bands.1"}
    # A period of no minutes is ruled out by the schema itself.
    zero = post(
        client,
        "/api/v1/parking-tariffs",
        site.manager,
        {"community_id": site.community.pk, **STANDARD_IN, "step_minutes": 0},
    )
    assert zero.status_code == 422 and "step_minutes" in zero.json()["errors"]
    assert not ParkingTariff.objects.exists()


def test_a_quote_refuses_a_bad_plate_and_a_car_no_tariff_prices(client, site):
    post(
        client,
        "/api/v1/parking-tariffs",
        site.manager,
        {"community_id": site.community.pk, **STANDARD_IN},
    )
    stay = {
        "community_id": site.community.pk,
        "entered_at": "2026-03-02T08:00:00+08:00",
        "exited_at": "2026-03-02T09:00:00+08:00",
    }
    bad_plate = post(
        client,
        "/api/v1/parking-fees/quote",
        site.guard,
        {**stay, "plate": "ABC", "vehicle_type": "car"},
    )
    untariffed = post(
        client,
        "/api/v1/parking-fees/quote",
        site.guard,
        {**stay, "plate": "新A12345", "vehicle_type": "large"},
    )
    backwards = post(
        client,
        "/api/v1/parking-fees/quote",
        site.guard,
        {
            **stay,
            "plate": "新A12345",
            "vehicle_type": "car",
            "exited_at": "2026-03-01T09:00:00+08:00",
        },
    )
    assert bad_plate.status_code == 422 and "plate" in bad_plate.json()["errors"]
    assert untariffed.status_code == 404
    assert backwards.status_code == 400 and "exited_at" in backwards.json()["errors"]


def test_a_guard_cannot_set_a_tariff(client, site):
    refused = post(
        client,
        "/api/v1/parking-tariffs",
        site.guard,
        {"community_id": site.community.pk, **STANDARD_IN},
    )
    assert refused.status_code == 403
    assert not ParkingTariff.objects.exists()
