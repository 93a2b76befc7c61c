"""Replies to complainants (答复): recording them, the daily register of replies (每日答复登记)
page by page and in Excel, the first-reply indicator, and the supervisor's open complaints."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from wuye.servicedesk import services
from wuye.servicedesk.indicators.queries import service_indicators
from wuye.servicedesk.models import Visibility, WorkOrder
from wuye.testing.api import bearer

from .fixtures import MONDAY_10, order_in, step, submit

pytestmark = pytest.mark.django_db


MONDAY = MONDAY_10.date()
TUESDAY = MONDAY + timedelta(days=1)
# Tuesday afternoon: the clock of the pages that default to today.
TUESDAY_16 = MONDAY_10 + timedelta(days=1, hours=6)


def phoned(site, order: WorkOrder, at, text="We have spoken to your neighbour") -> WorkOrder:
    return services.work_order_reply(
        order=order, text=text, channel="phone", actor=site.frontdesk, at=at
    )


def called_in(site, at=MONDAY_10, subcategory="noise") -> WorkOrder:
    """The owner rings the front desk with a complaint: received and accepted at once."""
    return services.work_order_submit(
        actor=site.frontdesk,
        community=site.community,
        category="complaint",
        subcategory=subcategory,
        channel="hotline",
        description="Hammering upstairs every night",
        unit=site.units["owner_home"],
        reporter_resident=site.residents["owner"],
        at=at,
    )


def register_url(site, **params) -> str:
    url = reverse("servicedesk:complaint_register", args=[site.community.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


# ---- recording a reply ---------------------------------------------------------------------


def test_taking_the_call_is_not_the_reply_the_first_recorded_reply_is(site):
    complaint = called_in(site)
    assert complaint.status == "accepted"
    assert complaint.responded_at is None
    assert complaint.next_due_at == complaint.response_due_at  # the reply is still owed

    first = MONDAY_10 + timedelta(hours=2)
    complaint = phoned(site, complaint, first)
    complaint = phoned(site, complaint, first + timedelta(hours=20), text="Still on it")

    assert complaint.responded_at == first
    reply = complaint.events.filter(action="reply").first()
    assert reply.visibility == Visibility.OWNER
    assert reply.data["channel"] == "phone"
    assert reply.data["replied_by_id"] == site.frontdesk.pk


def test_a_reply_given_earlier_is_recorded_at_its_time_by_whoever_gave_it(site):
    complaint = called_in(site)
    given = MONDAY_10 + timedelta(minutes=30)

    complaint = services.work_order_reply(
        order=complaint,
        text="Explained the quiet hours rule",
        channel="in_person",
        replied_by=site.manager,
        replied_at=given,
        actor=site.frontdesk,
        at=MONDAY_10 + timedelta(hours=3),
    )

    reply = complaint.events.get(action="reply")
    assert (reply.at, reply.actor, reply.data["replied_by_id"]) == (
        given,
        site.frontdesk,
        site.manager.pk,
    )
    assert complaint.responded_at == given


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"text": "  "}, "text"),
        ({"replied_at": MONDAY_10 + timedelta(days=2)}, "replied_at"),
        ({"replied_at": MONDAY_10 - timedelta(hours=1)}, "replied_at"),
        ({"replied_by": "other_manager"}, "replied_by"),
    ],
)
def test_a_bad_reply_is_refused_naming_the_field_and_nothing_is_written(site, fields, field):
    complaint = called_in(site)
    events = complaint.events.count()
    if "replied_by" in fields:
        fields = {"replied_by": getattr(site, fields["replied_by"])}
    data = {"text": "Called", "channel": "phone", **fields}

    with pytest.raises(ValidationError) as refused:
        services.work_order_reply(
            order=complaint, actor=site.frontdesk, at=MONDAY_10 + timedelta(hours=1), **data
        )

    assert field in refused.value.message_dict
    complaint.refresh_from_db()
    assert complaint.events.count() == events and complaint.responded_at is None


def test_a_repair_is_still_responded_to_when_the_office_takes_it(site):
    repair = order_in(site, "accepted")
    assert repair.responded_at == MONDAY_10 + timedelta(minutes=1)


# ---- the first-reply indicator ---------------------------------------------------------------


def test_the_first_reply_indicator_counts_recorded_replies_only(site):
    on_time, late, never = (called_in(site, subcategory=s) for s in ("noise", "pets", "parking"))
    phoned(site, on_time, MONDAY_10 + timedelta(hours=2))
    phoned(site, late, MONDAY_10 + timedelta(hours=30))
    assert never.responded_at is None

    result = service_indicators(
        site.community, MONDAY, MONDAY + timedelta(days=7), now=MONDAY_10 + timedelta(days=3)
    )
    measures = {m.key: m for m in result.measures}

    # Each call was taken at once; before, that alone met every deadline (3 of 3).
    assert (measures["reply"].numerator, measures["reply"].denominator) == (1, 3)
    assert measures["reply"].met is False
    assert (measures["response"].numerator, measures["response"].denominator) == (1, 3)


# ---- the daily register of replies ------------------------------------------------------------


@pytest.fixture
def week(site) -> dict[str, WorkOrder]:
    """Complaints of a Monday and a Tuesday, and two that are long done."""
    long_ago = MONDAY_10 - timedelta(days=40)
    closed = order_in(site, "closed", at=long_ago, category="complaint", subcategory="noise")
    # Resolved weeks ago, still waiting for its call-back: no longer open.
    resolved = order_in(site, "resolved", at=long_ago, category="complaint", subcategory="pets")
    done_monday = order_in(site, "dispatched", category="complaint", subcategory="hygiene")
    phoned(site, done_monday, MONDAY_10 + timedelta(hours=1), text="The cleaners come at two")
    step(site, done_monday, "start", MONDAY_10 + timedelta(hours=2))
    step(site, done_monday, "resolve", MONDAY_10 + timedelta(hours=3))
    open_both_days = called_in(site, at=MONDAY_10 + timedelta(hours=4))
    phoned(site, open_both_days, MONDAY_10 + timedelta(hours=5), text="Spoke to 202 about it")
    tuesday = called_in(site, at=MONDAY_10 + timedelta(days=1, hours=1), subcategory="parking")
    return {
        "closed": closed,
        "resolved": resolved,
        "done_monday": done_monday,
        "open_both_days": open_both_days,
        "tuesday": tuesday,
    }


def answered(page: str, order: WorkOrder) -> str | None:
    marker = f'data-order="{order.number}" data-answered="'
    if marker not in page:
        return None
    return page.split(marker, 1)[1][:3].rstrip('"')


def test_each_day_has_its_register_of_open_complaints_and_their_replies(client, site, week):
    client.force_login(site.frontdesk)
    with time_machine.travel(TUESDAY_16, tick=False):
        monday = client.get(register_url(site, day=MONDAY.isoformat())).text
        tuesday = client.get(register_url(site)).text

    assert {name: answered(monday, order) for name, order in week.items()} == {
        "closed": None,
        "resolved": None,
        "done_monday": "yes",
        "open_both_days": "yes",
        "tuesday": None,
    }
    assert "Spoke to 202 about it" in monday
    assert {name: answered(tuesday, order) for name, order in week.items()} == {
        "closed": None,
        "resolved": None,
        "done_monday": None,
        "open_both_days": "no",
        "tuesday": "no",
    }
    assert f'?day={MONDAY.isoformat()}" rel="prev"' in tuesday
    assert f'?day={TUESDAY.isoformat()}" rel="next"' in monday
    assert 'rel="next"' not in tuesday  # no register of a day to come


def test_a_reply_recorded_on_the_register_page_answers_the_complaint_that_day(client, site, week):
    client.force_login(site.frontdesk)
    order = week["tuesday"]
    with time_machine.travel(TUESDAY_16, tick=False):
        response = client.post(
            reverse("servicedesk:act", args=[site.community.pk, order.pk, "reply"]),
            {
                f"o{order.pk}-channel": "sms",
                f"o{order.pk}-text": "Security will patrol the car park tonight",
                f"o{order.pk}-replied_by": site.frontdesk.pk,
                "next": register_url(site),
            },
        )
        assert response.status_code == 302 and response.url == register_url(site)
        page = client.get(register_url(site)).text

    assert answered(page, order) == "yes"
    assert "Security will patrol the car park tonight" in page


@pytest.mark.parametrize(
    ("language", "filename", "yes"),
    [
        ("en", "complaint-replies-2026-11-23.xlsx", "Yes"),
        ("zh-hans", "投诉答复登记-2026-11-23.xlsx", "是"),
    ],
)
def test_the_register_is_exported_to_excel_named_in_the_reader_language(
    client, site, week, language, filename, yes
):
    client.force_login(site.frontdesk)
    with time_machine.travel(TUESDAY_16, tick=False):
        response = client.get(
            reverse("servicedesk:complaint_register_export", args=[site.community.pk])
            + f"?day={MONDAY.isoformat()}",
            headers={"accept-language": language},
        )

    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert filename in disposition and disposition.startswith("attachment")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert {row[0]: row[7] for row in rows} == {
        week["done_monday"].number: yes,
        week["open_both_days"].number: yes,
    }
    assert any("Spoke to 202 about it" in (row[8] or "") for row in rows)


@pytest.mark.parametrize(
    ("person", "status"),
    [("frontdesk", 200), ("manager", 200), ("electrician", 403), ("guard", 403), ("owner", 403)],
)
def test_the_register_belongs_to_the_office(client, site, person, status):
    client.force_login(getattr(site, person))
    assert client.get(register_url(site)).status_code == status
    export = reverse("servicedesk:complaint_register_export", args=[site.community.pk])
    assert client.get(export).status_code == status


def test_supervision_lists_the_complaints_open_now_only(client, site, week):
    client.force_login(site.manager)
    with time_machine.travel(TUESDAY_16, tick=False):
        page = client.get(reverse("servicedesk:supervision", args=[site.community.pk])).text
    section = page.split("Open complaints: answered today?", 1)[1].split("Spot checks", 1)[0]

    for name in ("closed", "resolved", "done_monday"):
        assert week[name].number not in section, name
    for name in ("open_both_days", "tuesday"):
        assert week[name].number in section, name
    assert "Answered today" not in section  # neither has a reply on Tuesday


# ---- the API -----------------------------------------------------------------------------------


def test_the_api_records_a_reply_and_reads_the_register(client, site):
    complaint = submit(site, category="complaint", subcategory="noise")
    with time_machine.travel(MONDAY_10 + timedelta(hours=2), tick=False):
        response = client.post(
            f"/api/v1/work-orders/{complaint.pk}/actions/reply",
            {
                "channel": "portal",
                "text": "We have written to the neighbour upstairs",
                "replied_by_id": site.manager.pk,
            },
            content_type="application/json",
            headers=bearer(site.frontdesk),
        )
        assert response.status_code == 200, response.content
        register = client.get(
            f"/api/v1/communities/{site.community.pk}/complaint-register",
            headers=bearer(site.frontdesk),
        ).json()

    reply = response.json()["events"][-1]
    assert (reply["action"], reply["visibility"]) == ("reply", "owner")
    assert register["day"] == MONDAY.isoformat()
    assert (register["open"], register["answered"]) == (1, 1)
    row = register["rows"][0]
    assert row["number"] == complaint.number and row["answered"] is True
    assert row["replies"][0]["channel"] == "portal"
    assert row["replies"][0]["text"] == "We have written to the neighbour upstairs"


def test_the_api_refuses_a_reply_naming_the_field(client, site):
    complaint = submit(site, category="complaint", subcategory="noise")
    response = client.post(
        f"/api/v1/work-orders/{complaint.pk}/actions/reply",
        {"channel": "phone", "text": "Called", "replied_by_id": site.other_manager.pk},
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 404
    assert "replied_by_id" in response.json()["errors"]
    repair = submit(site)
    refused = client.post(
        f"/api/v1/work-orders/{repair.pk}/actions/reply",
        {"channel": "phone", "text": "Called"},
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert refused.status_code == 409


def test_the_register_api_reads_a_past_day(client, site, week):
    response = client.get(
        f"/api/v1/communities/{site.community.pk}/complaint-register?day={MONDAY}",
        headers=bearer(site.manager),
    )
    body = response.json()
    assert {r["number"] for r in body["rows"]} == {
        week["done_monday"].number,
        week["open_both_days"].number,
    }
    assert date.fromisoformat(body["day"]) == MONDAY


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2026-13-45", 422),  # not a day: the schema's pattern
        ("2999-01-01", 422),  # beyond the years the schema covers
        ("2098-01-01", 409),  # a day to come: nothing to register yet
    ],
)
def test_the_register_api_refuses_a_day_that_is_not_a_past_day(client, site, day, status):
    response = client.get(
        f"/api/v1/communities/{site.community.pk}/complaint-register?day={day}",
        headers=bearer(site.manager),
    )
    assert response.status_code == status
    assert "day" in response.json()["errors"]
