"""Past notices (往期公告): owners read the notices that have expired, newest first, under the
same audience rule as the current ones; withdrawn notices stay out."""

from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.core import policy
from wuye.engagement.models import Notice
from wuye.engagement.notices import queries, services
from wuye.estates.models import Residency
from wuye.testing.api import bearer

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 9, 15, 10, tzinfo=SHANGHAI)


def publish(site, title: str, *, on: date, expires_on: date | None, buildings=(), **data):
    with time_machine.travel(datetime(on.year, on.month, on.day, 9, tzinfo=SHANGHAI), tick=False):
        notice = services.notice_save(
            actor=site.frontdesk,
            community=site.community,
            data={
                "kind": "policy",
                "title": title,
                "body": "第一条 …",
                "buildings": list(buildings),
                "expires_on": expires_on,
                **data,
            },
        )
        services.notice_publish(actor=site.manager, notice=notice)
    notice.refresh_from_db()
    return notice


@pytest.fixture
def notices(site):
    # The residents have lived here since before any of these notices.
    Residency.objects.filter(unit__community__in=[site.community, site.other]).update(
        start_date=date(2020, 1, 1)
    )
    parking = publish(site, "小区停车管理办法", on=date(2026, 3, 1), expires_on=date(2026, 4, 30))
    heating = publish(
        site, "Heating starts on 15 October", on=date(2026, 5, 10), expires_on=date(2026, 6, 30)
    )
    lift = publish(
        site,
        "Lift service in building 2",
        on=date(2026, 7, 1),
        expires_on=date(2026, 7, 5),
        buildings=[site.buildings[1]],
    )
    wrong = publish(site, "Wrong water times", on=date(2026, 7, 2), expires_on=date(2026, 7, 9))
    with time_machine.travel(datetime(2026, 7, 3, 9, tzinfo=SHANGHAI), tick=False):
        services.notice_withdraw(actor=site.manager, notice=wrong, reason="Wrong times")
    current = publish(site, "Autumn cleaning day", on=date(2026, 9, 1), expires_on=None)
    return {"parking": parking, "heating": heating, "lift": lift, "wrong": wrong, "now": current}


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def titles(notices) -> list[str]:
    return [n.title for n in notices]


def test_the_archive_holds_expired_notices_for_the_owners_homes_newest_first(site, notices, today):
    assert titles(queries.past_notices_for_residents(site.owner)) == [
        "Heating starts on 15 October",
        "小区停车管理办法",
    ]
    assert titles(queries.past_notices_for_residents(site.tenant)) == [
        "Lift service in building 2",
        "Heating starts on 15 October",
        "小区停车管理办法",
    ]
    assert titles(queries.past_notices_for_residents(site.other_owner)) == []
    assert titles(queries.notices_for_residents(site.owner)) == ["Autumn cleaning day"]


def test_an_owner_reads_the_archive_from_the_notices_page(client, site, notices, today):
    client.force_login(site.owner)

    board = client.get(reverse("engagement_portal:notices")).content.decode()
    archive = client.get(reverse("engagement_portal:notice_archive"))

    assert reverse("engagement_portal:notice_archive") in board
    assert archive.status_code == 200
    html = archive.content.decode()
    assert html.index("Heating starts on 15 October") < html.index("小区停车管理办法")
    for title in ("Autumn cleaning day", "Lift service in building 2", "Wrong water times"):
        assert title not in html


def test_an_archived_notice_opens_and_prints_but_a_withdrawn_one_does_not(
    client, site, notices, today
):
    client.force_login(site.owner)
    parking = notices["parking"].pk

    page = client.get(reverse("engagement_portal:notice", args=[parking]))
    pdf = client.get(reverse("engagement_portal:notice_pdf", args=[parking]))

    assert page.status_code == 200
    assert "it is kept among the past notices" in unescape(page.content.decode())
    assert reverse("engagement_portal:notice_archive") in page.content.decode()
    assert pdf.status_code == 200
    assert policy.can(site.owner, "view", notices["parking"])
    for hidden in (notices["wrong"].pk, notices["lift"].pk):
        assert client.get(reverse("engagement_portal:notice", args=[hidden])).status_code == 404


def test_the_archive_is_paginated(client, site, settings, notices, today):
    settings.PAGE_SIZE = 1
    client.force_login(site.owner)

    first = client.get(reverse("engagement_portal:notice_archive")).content.decode()
    second = client.get(reverse("engagement_portal:notice_archive"), {"page": 2}).content.decode()

    assert "Heating starts on 15 October" in first and "小区停车管理办法" not in first
    assert "小区停车管理办法" in second


def test_the_api_lists_past_notices_on_request_and_opens_them(client, site, notices, today):
    headers = bearer(site.tenant)

    current = client.get("/api/v1/notices", headers=headers).json()
    past = client.get("/api/v1/notices?past=true", headers=headers).json()
    detail = client.get(f"/api/v1/notices/{notices['parking'].pk}", headers=headers)
    staff = client.get("/api/v1/notices?past=true", headers=bearer(site.frontdesk)).json()

    assert [n["title"] for n in current["items"]] == ["Autumn cleaning day"]
    assert past["count"] == 3
    assert [n["title"] for n in past["items"]] == [
        "Lift service in building 2",
        "Heating starts on 15 October",
        "小区停车管理办法",
    ]
    assert {n["status"] for n in past["items"]} == {"expired"}
    assert detail.status_code == 200 and detail.json()["status"] == "expired"
    assert [n["title"] for n in staff["items"]] == [n["title"] for n in past["items"]]
    assert Notice.objects.filter(withdrawn_at__isnull=False).count() == 1
