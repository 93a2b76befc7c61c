"""The register's pages and API, for the right people only; the QR label opens the item."""

import io
import json
import subprocess
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from wuye.core.qr import qr_png
from wuye.facilities.equipment import services
from wuye.facilities.equipment.compliance import compliance_sweep
from wuye.facilities.equipment.models import Equipment
from wuye.testing.api import bearer
from wuye.testing.pdf import pdf_text

from .fixtures import lift

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


@pytest.mark.parametrize("who", ["engineer", "electrician", "manager", "admin"])
def test_the_register_opens_for_engineering_and_the_managers(client, site, who):
    item = lift(site, next_due=TODAY + timedelta(days=20))
    client.force_login(getattr(site, who))

    listed = client.get(url(site, "equipment"))
    one = client.get(url(site, "equipment_item", item.pk))
    calendar = client.get(url(site, "compliance"))

    assert listed.status_code == one.status_code == calendar.status_code == 200
    assert f'data-equipment="{item.pk}"' in listed.content.decode()
    assert "梯11粤B00001(12)" in one.content.decode()
    assert 'data-calendar="due"' in calendar.content.decode()


@pytest.mark.parametrize("who", ["frontdesk", "guard", "cashier", "owner", "other_manager"])
def test_others_cannot_open_the_register(client, site, who):
    item = lift(site)
    client.force_login(getattr(site, who))
    for name, args in [
        ("equipment", ()),
        ("equipment_item", (item.pk,)),
        ("compliance", ()),
        ("equipment_label", (item.pk,)),
    ]:
        assert client.get(url(site, name, *args)).status_code in (403, 404)


def test_a_technician_sees_but_cannot_change(client, site):
    item = lift(site)
    client.force_login(site.electrician)
    page = client.get(url(site, "equipment_item", item.pk)).content.decode()
    assert url(site, "equipment_edit", item.pk) not in page
    assert client.get(url(site, "equipment_new")).status_code == 403
    assert client.post(url(site, "equipment_retire", item.pk), {"reason": "x"}).status_code == 403
    assert Equipment.objects.get().status == "in_service"


def test_the_supervisor_adds_changes_and_records_the_profile(client, site):
    client.force_login(site.engineer)
    response = client.post(
        url(site, "equipment_new"),
        {"code": "PUMP-1", "name": "水泵", "kind": "water_pump", "importance": "A"},
    )
    item = Equipment.objects.get()
    assert response.status_code == 302 and item.name == "水泵"
    again = client.post(
        url(site, "equipment_new"),
        {"code": "pump-1", "name": "x", "kind": "lift", "importance": "B"},
    )
    assert again.status_code == 200 and Equipment.objects.count() == 1
    client.post(
        url(site, "equipment_statutory", item.pk),
        {"registration_code": "3110", "next_inspection_due": "2026-07-01"},
    )
    item.refresh_from_db()
    assert item.statutory.next_inspection_due == date(2026, 7, 1)


def test_the_list_filters_in_few_queries(client, site, django_assert_max_num_queries):
    for number in range(6):
        lift(site, code=f"LIFT-{number}")
    services.equipment_add(
        actor=site.engineer,
        community=site.community,
        data={"code": "PUMP-1", "name": "Pump", "kind": "water_pump"},
    )
    client.force_login(site.engineer)
    client.get(url(site, "equipment"))
    with django_assert_max_num_queries(14):
        page = client.get(url(site, "equipment"), {"kind": "water_pump"}).content.decode()
    assert page.count("data-equipment=") == 1
    building = client.get(url(site, "equipment"), {"building": site.buildings[1].pk})
    assert building.content.decode().count("data-equipment=") == 6
    with django_assert_max_num_queries(14):
        client.get(url(site, "compliance"))


def _images(content: bytes, folder) -> list[Image.Image]:
    (folder / "label.pdf").write_bytes(content)
    subprocess.run(["pdfimages", "-png", folder / "label.pdf", folder / "img"], check=True)
    return [Image.open(path).convert("1") for path in sorted(folder.glob("img-*.png"))]


def test_the_labels_code_opens_the_items_page_on_a_phone(client, site, tmp_path):
    item = lift(site)
    client.force_login(site.electrician)
    response = client.get(url(site, "equipment_label", item.pk))

    assert response["Content-Type"] == "application/pdf"
    assert "LIFT-2-1" in pdf_text(response.content)
    address = f"http://testserver{url(site, 'equipment_item', item.pk)}"
    expected = Image.open(io.BytesIO(qr_png(address))).convert("1")
    (code,) = _images(response.content, tmp_path)
    assert code.size == expected.size
    assert code.tobytes() == expected.tobytes()


def test_the_api_lists_adds_and_shows_an_item_with_its_next_inspection(client, site):
    item = lift(site, next_due=date(2026, 9, 1))
    headers = bearer(site.engineer)
    listed = client.get(
        "/api/v1/equipment",
        {"community_id": site.community.pk, "kind": "lift", "status": "in_service"},
        headers=headers,
    )
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["items"]] == [item.pk]
    one = client.get(f"/api/v1/equipment/{item.pk}", headers=headers).json()
    assert (one["next_inspection_due"], one["status"]) == ("2026-09-01", "in_service")

    body = {
        "community_id": site.community.pk,
        "code": "PUMP-1",
        "name": "Pump",
        "kind": "water_pump",
    }
    created = client.post(
        "/api/v1/equipment", json.dumps(body), content_type="application/json", headers=headers
    )
    twice = client.post(
        "/api/v1/equipment", json.dumps(body), content_type="application/json", headers=headers
    )
    assert (created.status_code, twice.status_code) == (201, 409)
    bad = client.get("/api/v1/equipment", {"community_id": "1\x00"}, headers=headers)
    assert bad.status_code == 422


def test_the_api_lists_a_lapsed_lift(client, site, django_capture_on_commit_callbacks):
    item = lift(site, next_due=TODAY - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        compliance_sweep(TODAY)
    answer = client.get(
        "/api/v1/compliance", {"community_id": site.community.pk}, headers=bearer(site.manager)
    ).json()
    assert [(row["equipment_id"], row["status"]) for row in answer["lapsed"]] == [
        (item.pk, "out_of_service")
    ]
    assert client.get(
        "/api/v1/compliance", {"community_id": site.community.pk}, headers=bearer(site.guard)
    ).status_code in (403, 404)
