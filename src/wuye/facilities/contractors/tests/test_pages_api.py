"""The contractor pages, the scorecard's workbook and the API, for the right people only."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wuye.core.models import Role
from wuye.facilities.contractors import services
from wuye.facilities.contractors.models import Contractor, Inspection, Score
from wuye.testing import factories as f
from wuye.testing.api import bearer

from .fixtures import inspect, jpeg, make_cleaner

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def cut(points=5, deadline=date(2026, 6, 12)):
    return {"points": points, "photo": jpeg(), "rectify_by": deadline}


@pytest.mark.parametrize("who", ["engineer", "manager", "admin"])
def test_the_keepers_open_every_page(client, site, cleaner, who):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut())
    client.force_login(getattr(site, who))

    pages = [
        url(site, "contractors"),
        url(site, "contractor_add"),
        url(site, "contractor", cleaner.pk),
        url(site, "contractor_edit", cleaner.pk),
        url(site, "contract_add", cleaner.pk),
        url(site, "contractor_inspect", cleaner.pk),
        url(site, "contractor_inspection", inspection.pk),
    ]
    for address in pages:
        assert client.get(address).status_code == 200, address
    listed = client.get(url(site, "contractors")).content.decode()
    assert f'data-contractor="{cleaner.pk}"' in listed and 'data-overdue="1"' in listed


@pytest.mark.parametrize(
    "who", ["electrician", "cashier", "frontdesk", "guard", "owner", "other_manager"]
)
def test_others_cannot_open_the_register(client, site, cleaner, who):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut())
    score = Score.objects.get(points=5)
    client.force_login(getattr(site, who))

    for address in (
        url(site, "contractors"),
        url(site, "contractor", cleaner.pk),
        url(site, "contractor_scorecard", cleaner.pk),
        url(site, "contractor_inspection", inspection.pk),
        url(site, "contractor_photo", inspection.pk, score.pk),
    ):
        assert client.get(address).status_code in (403, 404), address
    recheck = url(site, "contractor_recheck", inspection.pk, score.pk)
    assert client.post(recheck, {"rechecked_on": "2026-06-14", "rectified": "yes"}).status_code in (
        403,
        404,
    )
    assert Score.objects.get(pk=score.pk).rectified is None


def test_the_customer_service_supervisor_reads_but_does_not_inspect(client, site, cleaner):
    supervisor = f.UserFactory()
    f.MembershipFactory(user=supervisor, community=site.community, role=Role.CS_SUPERVISOR)
    client.force_login(supervisor)

    assert client.get(url(site, "contractor", cleaner.pk)).status_code == 200
    assert client.get(url(site, "contractor_inspect", cleaner.pk)).status_code == 403
    assert client.get(url(site, "contractor_add")).status_code == 403


def test_the_list_keeps_its_queries_whatever_its_rows(client, site, django_assert_max_num_queries):
    for n in range(8):
        contractor = (
            make_cleaner(site)
            if n == 0
            else services.contractor_save(
                actor=site.engineer, community=site.community, name=f"绿化公司 {n}", kind="greenery"
            )
        )
        if n == 0:
            inspect(site, contractor, date(2026, 6, 10), 垃圾桶=cut())
    client.force_login(site.engineer)

    with django_assert_max_num_queries(14):
        response = client.get(url(site, "contractors"))
    assert response.content.decode().count("data-contractor=") == 8


def test_adding_a_contractor_and_its_contract_through_the_pages(client, site):
    client.force_login(site.engineer)

    response = client.post(
        url(site, "contractor_add"),
        {"name": "安心电梯维保", "kind": "lift_maintenance", "licence_number": "TS3331001"},
    )
    contractor = Contractor.objects.get()
    assert response.status_code == 302
    response = client.post(
        url(site, "contract_add", contractor.pk),
        {
            "scope": "2 号楼两台电梯半月维保",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "monthly_fee": "3600.00",
            "pass_score": "90",
        },
    )
    assert response.status_code == 302
    assert contractor.contracts.get().monthly_fee == 3600


def test_an_inspection_form_refuses_a_deduction_without_a_photo(client, site, cleaner):
    client.force_login(site.engineer)
    items = services.template_for("cleaning")
    data = {"inspected_on": "2026-06-14"}
    for item in items:
        data[f"points_{item.pk}"] = str(item.max_points)
    data[f"points_{items[0].pk}"] = "4"
    data[f"rectify_by_{items[0].pk}"] = "2026-06-16"

    refused = client.post(url(site, "contractor_inspect", cleaner.pk), data)

    assert refused.status_code == 400
    assert not Inspection.objects.exists()
    data[f"photo_{items[0].pk}"] = SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")
    done = client.post(url(site, "contractor_inspect", cleaner.pk), data)
    assert done.status_code == 302
    assert Inspection.objects.get().score == 94


def test_a_recheck_through_the_page(client, site, cleaner):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut())
    score = Score.objects.get(points=5)
    client.force_login(site.engineer)

    page = client.get(url(site, "contractor_inspection", inspection.pk)).content.decode()
    assert "data-overdue" in page
    client.post(
        url(site, "contractor_recheck", inspection.pk, score.pk),
        {"rechecked_on": "2026-06-14", "rectified": "yes", "note": "已清洗"},
    )
    score.refresh_from_db()
    assert score.rectified is True and score.rechecked_on == date(2026, 6, 14)
    photo = client.get(url(site, "contractor_photo", inspection.pk, score.pk))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_the_scorecard_exports_as_a_workbook(client, site, cleaner):
    inspect(site, cleaner, date(2026, 5, 5))
    inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut())
    client.force_login(site.engineer)
    client.cookies["django_language"] = "zh-hans"

    response = client.get(url(site, "contractor_scorecard", cleaner.pk))

    assert response.status_code == 200
    assert ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 13
    assert rows[-2][:3] == ("2026-05", 1, 100.0)
    assert rows[-1][:3] == ("2026-06", 1, 95.0) and rows[-1][5:8] == (1, 0, 1)


def test_the_api_lists_contractors_and_inspections_of_a_month(client, site, cleaner):
    inspect(site, cleaner, date(2026, 5, 5))
    inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut())
    headers = bearer(site.engineer)

    listed = client.get(
        "/api/v1/contractors", {"community_id": site.community.pk}, headers=headers
    ).json()
    june = client.get(
        "/api/v1/contractor-inspections",
        {"community_id": site.community.pk, "month": "2026-06"},
        headers=headers,
    ).json()

    assert listed["items"][0]["overdue_deductions"] == 1
    assert listed["items"][0]["contracts"][0]["monthly_fee"] == "18000.00"
    assert june["count"] == 1 and june["items"][0]["score"] == 95
    assert [s["overdue"] for s in june["items"][0]["scores"]].count(True) == 1
    other = client.get("/api/v1/contractors", {"community_id": site.other.pk}, headers=headers)
    assert other.status_code in (403, 404)
