"""The owner portal's requests: report with photos, see prices, follow, chase, rate, reopen."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.servicedesk.models import PriceListItem, Status, WorkOrder

from .fixtures import home_people, order_in, other_people, png, submit


def url(name, *args):
    return reverse(f"servicedesk_portal:{name}", args=args)


def test_owner_sees_the_published_prices_before_reporting(client, site):
    PriceListItem.objects.create(
        community=site.community, name="Unblock a drain", unit="time", price=Decimal("50")
    )
    PriceListItem.objects.create(
        community=site.other, name="Other town's item", unit="time", price=Decimal("9")
    )
    client.force_login(site.owner)
    for page in (url("prices"), url("new")):
        text = client.get(page).text
        assert "Unblock a drain" in text and "¥50.00" in text
        assert "Other town" not in text


def test_owner_reports_a_leak_with_a_photo_and_a_preferred_time(client, site):
    soon = timezone.localdate() + timedelta(days=3)
    client.force_login(site.owner)
    response = client.post(
        url("new"),
        {
            "unit": site.units["owner_home"].pk,
            "category": "repair_home",
            "subcategory": "leak",
            "description": "Water drips from the kitchen ceiling",
            "preferred_from": f"{soon:%Y-%m-%d}T09:00",
            "preferred_to": f"{soon:%Y-%m-%d}T12:00",
            "photos": [png()],
        },
    )
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("order", order.pk)
    assert (order.channel, order.status, order.unit) == (
        "portal",
        Status.SUBMITTED,
        site.units["owner_home"],
    )
    assert order.preferred_to is not None
    assert order.photos.count() == 1
    page = client.get(url("order", order.pk)).text
    assert "Water drips from the kitchen ceiling" in page
    assert 'data-action="cancel"' in page


def test_owner_cannot_report_for_a_neighbours_home(client, site):
    client.force_login(site.owner)
    response = client.post(
        url("new"),
        {
            "unit": site.units["owner2_home"].pk,
            "category": "repair_home",
            "subcategory": "leak",
            "description": "Not my home",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]
    assert not WorkOrder.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"description": ""}, "description"),
        ({"category": "concierge"}, "category"),
        ({"preferred_from": "2030-12-01T12:00", "preferred_to": "2030-12-01T09:00"}, None),
        ({"photos": [SimpleUploadedFile("a.png", b"GIF89a not really")]}, "photos"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, site, change, field):
    client.force_login(site.owner)
    data = {
        "unit": site.units["owner_home"].pk,
        "category": "repair_home",
        "subcategory": "leak",
        "description": "Dripping",
        **change,
    }
    response = client.post(url("new"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors[field or "preferred_to"]
    assert not WorkOrder.objects.exists()


def test_owner_sees_only_orders_of_their_homes(client, site):
    mine = submit(site)
    neighbour = submit(
        site,
        people={**home_people(site), "owner": site.owner2, "unit": site.units["owner2_home"]},
    )
    other_town = submit(site, people=other_people(site))
    client.force_login(site.owner)
    listing = client.get(url("orders")).text
    assert mine.number in listing
    assert neighbour.number not in listing and other_town.number not in listing
    assert client.get(url("order", neighbour.pk)).status_code == 404
    assert client.get(url("act", neighbour.pk, "chase")).status_code == 405
    assert client.post(url("act", neighbour.pk, "chase")).status_code == 404


def test_staff_and_strangers_do_not_use_the_owner_portal(client, site):
    order = submit(site)
    client.force_login(site.frontdesk)
    assert client.get(url("orders")).status_code == 302
    client.force_login(site.nobody)
    assert client.get(url("orders")).status_code == 403
    assert client.get(url("order", order.pk)).status_code == 403


def test_owner_chases_then_is_told_to_wait(client, site):
    order = order_in(site, Status.DISPATCHED)
    client.force_login(site.owner)
    assert client.post(url("act", order.pk, "chase")).status_code == 302
    order.refresh_from_db()
    assert order.chase_count == 1
    page = client.get(url("order", order.pk)).text
    assert 'data-action="chase"' not in page
    again = client.post(url("act", order.pk, "chase"))
    assert again.status_code == 409
    assert "chase again after" in again.text


def test_owner_rates_the_finished_work(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.owner)
    bad = client.post(url("act", order.pk, "rate"), {f"o{order.pk}-score": "9"})
    assert bad.status_code == 400
    client.post(
        url("act", order.pk, "rate"), {f"o{order.pk}-score": "4", f"o{order.pk}-comment": "Tidy"}
    )
    order.refresh_from_db()
    assert (order.owner_score, order.owner_comment) == (4, "Tidy")


def test_owner_reopens_with_a_reason_and_cancels_only_while_submitted(client, site):
    # Resolved an hour ago: well inside the week in which the owner may reopen.
    resolved = order_in(site, Status.RESOLVED, at=timezone.now() - timedelta(hours=1))
    client.force_login(site.owner)
    missing = client.post(url("act", resolved.pk, "reopen"), {f"o{resolved.pk}-reason": ""})
    assert missing.status_code == 400
    client.post(url("act", resolved.pk, "reopen"), {f"o{resolved.pk}-reason": "Dripping again"})
    resolved.refresh_from_db()
    assert resolved.status == Status.DISPATCHED and resolved.rework_count == 1

    accepted = order_in(site, Status.ACCEPTED)
    assert 'data-action="cancel"' not in client.get(url("order", accepted.pk)).text
    submitted = submit(site)
    client.post(url("act", submitted.pk, "cancel"), {f"o{submitted.pk}-reason": "Fixed it"})
    submitted.refresh_from_db()
    assert submitted.status == Status.CANCELLED


def test_the_owners_list_costs_the_same_queries_however_many_orders(client, site):
    submit(site)
    client.force_login(site.owner)
    client.get(url("orders"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("orders"))
    for _ in range(6):
        submit(site)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("orders"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.text.count("data-order=") == 7
