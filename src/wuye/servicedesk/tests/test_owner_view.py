"""The owner reads replies and the progress of their request, never what staff write for
each other: dispatch, transfer and hold notes, supervisors' notes, the complainant's type
and its handling hint, the ten steps, call-back and spot-check notes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from wuye.core.models import Notification
from wuye.servicedesk import services
from wuye.servicedesk.models import Visibility, WorkOrder
from wuye.testing.api import bearer

from .fixtures import MONDAY_10, submit

pytestmark = pytest.mark.django_db


# What staff wrote for each other on the complaint (none of it may reach the owner).
INTERNAL = {
    "accept": "Same caller as last week, keep it short",
    "dispatch": "业主在家，请带水管配件",
    "transfer": "需要电焊工 needs the welder",
    "hold": "Waiting for the manager to approve",
    "resume": "Approved by the manager",
    "supervisor": "经理批注：该业主多次投诉，注意态度",
    "step": "Apologised, did not admit fault",
    "visit": "Owner grumbled about the fee",
    "close": "Closed after the call-back",
    "spot_check": "回访记录不完整",
}
# What staff wrote to the owner (all of it must reach them).
REPLIES = {
    "reply": "已致电业主，明天上午十点上门处理",
    "comment": "The plumber will come at ten tomorrow",
    "result": "Replaced the cracked pipe under the sink",
}


def complaint_with_every_kind_of_note(site) -> WorkOrder:
    """The owner's complaint through the portal, typed 咆哮型 by the desk, worked, held,
    transferred, supervised, checked step by step, replied to, called back, closed and
    spot-checked."""
    desk, tech, manager = site.frontdesk, site.electrician, site.manager
    at = MONDAY_10
    order = submit(
        site,
        at=at,
        category="complaint",
        subcategory="noise",
        description="Hammering upstairs every night",
        complainant_type="shouting",
    )

    def t(minutes):
        return at + timedelta(minutes=minutes)

    order = services.work_order_accept(order=order, actor=desk, note=INTERNAL["accept"], at=t(1))
    order = services.complaint_promise(
        order=order, reply_by=t(240), responder=desk, actor=desk, at=t(2)
    )
    order = services.work_order_dispatch(
        order=order, assignee=tech, actor=desk, note=INTERNAL["dispatch"], at=t(3)
    )
    order = services.work_order_reply(
        order=order, text=REPLIES["reply"], channel="phone", actor=desk, at=t(4)
    )
    order = services.work_order_comment(
        order=order, text=REPLIES["comment"], to_owner=True, actor=desk, at=t(5)
    )
    order = services.work_order_comment(
        order=order, text=INTERNAL["supervisor"], actor=manager, at=t(6)
    )
    for number in range(1, 11):
        order = services.complaint_step_done(
            order=order, step=number, note=INTERNAL["step"], actor=desk, at=t(7)
        )
    order = services.work_order_start(order=order, actor=tech, at=t(8))
    order = services.work_order_hold(order=order, reason=INTERNAL["hold"], actor=tech, at=t(9))
    order = services.work_order_resume(order=order, note=INTERNAL["resume"], actor=tech, at=t(10))
    order = services.work_order_transfer(
        order=order, assignee=site.engineer, reason=INTERNAL["transfer"], actor=tech, at=t(11)
    )
    order = services.work_order_start(order=order, actor=site.engineer, at=t(12))
    order = services.work_order_resolve(
        order=order, result=REPLIES["result"], actor=site.engineer, at=t(13)
    )
    order = services.work_order_visit(
        order=order,
        satisfied=True,
        method="phone",
        note=INTERNAL["visit"],
        actor=desk,
        at=t(14),
    )
    order = services.work_order_close(order=order, note=INTERNAL["close"], actor=desk, at=t(15))
    services.spot_check_record(
        order=order, passed=False, finding=INTERNAL["spot_check"], actor=manager, at=t(16)
    )
    return order


def portal_page(client, site, order, language):
    client.force_login(site.owner)
    response = client.get(
        reverse("servicedesk_portal:order", args=[order.pk]),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    ("language", "typing"),
    [
        (
            "en",
            ["Shouting", "Acknowledge the feeling", "ten steps", "Listen fully", "Thank the owner"],
        ),
        ("zh-hans", ["咆哮型", "表示理解其感受", "投诉处理十步法", "用心聆听"]),
    ],
)
def test_the_owner_portal_shows_replies_and_progress_and_no_internal_note(
    client, site, language, typing
):
    order = complaint_with_every_kind_of_note(site)

    page = portal_page(client, site, order, language)

    for text in [*INTERNAL.values(), *typing]:
        assert text not in page, text
    for text in REPLIES.values():
        assert text in page, text
    # The milestones of the request are there; the lines staff keep for themselves are not.
    for action in ("submit", "accept", "dispatch", "start", "resolve", "visit", "close", "reply"):
        assert f'data-event="{action}"' in page, action
    for action in ("hold", "resume", "transfer", "complaint_step", "spot_check"):
        assert f'data-event="{action}"' not in page, action


def test_staff_read_everything_and_see_what_the_owner_reads(client, site):
    order = complaint_with_every_kind_of_note(site)
    client.force_login(site.frontdesk)

    page = client.get(reverse("servicedesk:order", args=[site.community.pk, order.pk])).text

    for text in [*INTERNAL.values(), *REPLIES.values(), "Shouting", "Listen fully"]:
        assert text in page, text
    assert "The owner reads this" in page and "Staff only" in page


def test_the_resident_api_returns_only_replies_and_public_events(client, site):
    order = complaint_with_every_kind_of_note(site)

    response = client.get(f"/api/v1/work-orders/{order.pk}", headers=bearer(site.owner))

    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body, ensure_ascii=False)
    for note in INTERNAL.values():
        assert note not in text, note
    for note in REPLIES.values():
        assert note in text, note
    assert body["complainant_type"] is None and body["complainant_hint"] is None
    assert body["complaint_steps"] == [] and body["escalation_level"] == 0
    assert {e["visibility"] for e in body["events"]} == {"progress", "owner"}
    assert not any(e["note"] for e in body["events"] if e["visibility"] == "progress")
    actions = {e["action"] for e in body["events"]}
    assert {"hold", "resume", "transfer", "complaint_step", "spot_check"}.isdisjoint(actions)
    assert all("assignee_id" not in e["data"] for e in body["events"])
    # The order appears in the owner's list without its staff-only fields too.
    listed = client.get("/api/v1/work-orders", headers=bearer(site.owner)).json()["items"]
    assert [o["complainant_type"] for o in listed] == [None]


def test_staff_read_the_whole_timeline_in_the_api(client, site):
    order = complaint_with_every_kind_of_note(site)

    body = client.get(f"/api/v1/work-orders/{order.pk}", headers=bearer(site.frontdesk)).json()

    notes = {e["note"] for e in body["events"]}
    assert set(INTERNAL.values()) <= notes
    assert body["complainant_type"] == "shouting" and body["complaint_steps"] == list(range(1, 11))


def test_staff_choose_which_notes_the_owner_reads(client, site):
    order = submit(site, category="complaint", subcategory="noise")
    client.force_login(site.frontdesk)
    act = reverse("servicedesk:act", args=[site.community.pk, order.pk, "comment"])

    client.post(act, {f"o{order.pk}-text": "Internal: call the landlord first"})
    client.post(act, {f"o{order.pk}-text": "We are on it, sorry", f"o{order.pk}-to_owner": "on"})

    lines = dict(order.events.filter(action="comment").values_list("note", "visibility"))
    assert lines == {
        "Internal: call the landlord first": Visibility.INTERNAL,
        "We are on it, sorry": Visibility.OWNER,
    }
    page = portal_page(client, site, order, "en")
    assert "We are on it, sorry" in page and "call the landlord" not in page


def test_the_owner_hears_of_a_written_reply_and_nothing_internal(
    site, django_capture_on_commit_callbacks
):
    order = submit(site, category="complaint", subcategory="noise")
    with django_capture_on_commit_callbacks(execute=True):
        services.work_order_comment(
            order=order, text="Internal only", actor=site.frontdesk, at=MONDAY_10
        )
        services.work_order_reply(
            order=order,
            text="We spoke to your neighbour",
            channel="portal",
            actor=site.frontdesk,
            at=MONDAY_10 + timedelta(hours=1),
        )

    messages = list(Notification.objects.filter(recipient=site.owner))
    assert [m.subject for m in messages] == [
        f"{order.number} · You have a reply about your request."
    ]
    assert "Internal only" not in messages[0].body


def test_a_call_taken_by_the_desk_is_not_announced_to_the_clerk(
    site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = services.work_order_submit(
            actor=site.frontdesk,
            community=site.community,
            category="repair_common",
            channel="hotline",
            description="Lamp out in the lobby",
            location="Lobby",
        )
        order = services.work_order_dispatch(
            order=order, assignee=site.electrician, actor=site.manager
        )
        order = services.work_order_start(order=order, actor=site.electrician)
        services.work_order_resolve(order=order, result="New bulb", actor=site.electrician)

    assert not Notification.objects.filter(recipient=site.frontdesk).exists()
