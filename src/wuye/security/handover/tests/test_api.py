"""The handover API: the outgoing guard posts the handover, the incoming guard confirms it."""

import json
from datetime import date

import pytest

from wuye.core.models import Notification
from wuye.security.handover.models import Handover, HandoverStatus
from wuye.testing.api import bearer

from .fixtures import ITEMS, handover_site, submitted

DAY = date(2026, 12, 14)


def _post(client, path, body, user):
    return client.post(
        path, json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def _body(site, **changes):
    return {
        "community_id": site.community.pk,
        "post": "pedestrian-gate",
        "ends_at": "2026-12-14T16:00:00+08:00",
        "counts": [{"item": name, "count": count} for name, count in ITEMS],
        "cctv_status": "fault",
        "fire_panel_status": "normal",
        "notes": "Camera 3 dark since 14:00.",
        **changes,
    }


def test_the_outgoing_guard_posts_the_handover_and_the_incoming_confirms_it(client, site):
    handover_site(site, DAY)

    made = _post(client, "/api/v1/handovers", _body(site), site.guard)

    assert made.status_code == 201, made.content
    data = made.json()
    assert (data["status"], data["cctv_status"], data["open_incidents"]) == (
        "awaiting_incoming",
        "fault",
        [],
    )
    assert [(c["item"], c["outgoing_count"]) for c in data["counts"]] == list(ITEMS)

    confirmed = _post(
        client,
        f"/api/v1/handovers/{data['id']}/confirm",
        {"counts": [{"item": name, "count": count} for name, count in ITEMS]},
        site.users["guard2"],
    )

    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["incoming_id"] == site.users["guard2"].pk
    assert confirmed.json()["discrepancy"] is False


def test_a_count_that_differs_is_flagged_and_told_once_and_a_second_confirm_is_409(
    client, site, django_capture_on_commit_callbacks
):
    handover = submitted(site, DAY)
    counts = [{"item": n, "count": 11 if n == "Keys" else c} for n, c in ITEMS]
    path = f"/api/v1/handovers/{handover.pk}/confirm"

    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, path, {"counts": counts}, site.users["guard2"])
    with django_capture_on_commit_callbacks(execute=True):
        again = _post(client, path, {"counts": counts}, site.users["guard2"])

    assert first.status_code == 200 and first.json()["discrepancy"] is True
    assert again.status_code == 409
    told = Notification.objects.filter(kind="security.handover_discrepancy")
    assert [n.recipient for n in told] == [site.users["security"]]


@pytest.mark.parametrize("who", ["cashier", "electrician", "owner", "guard3"])
def test_people_not_on_the_post_or_not_security_are_refused(client, site, who):
    handover = submitted(site, DAY)
    person = getattr(site, who, None) or site.users[who]
    counts = [{"item": n, "count": c} for n, c in ITEMS]

    made = _post(
        client, "/api/v1/handovers", _body(site, ends_at="2026-12-15T00:00:00+08:00"), person
    )
    confirmed = _post(
        client, f"/api/v1/handovers/{handover.pk}/confirm", {"counts": counts}, person
    )

    assert made.status_code == 403
    assert confirmed.status_code in (403, 404)
    if who == "guard3":
        assert confirmed.status_code == 403
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING_INCOMING
    assert Handover.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"counts": [{"item": "Keys", "count": -1}]}, 422),
        ({"counts": [{"item": "Keys", "count": 1000}]}, 422),
        ({"cctv_status": "smoke"}, 422),
        ({"post": "gate\x00"}, 422),
        ({"notes": "x" * 2001}, 422),
        ({"counts": [{"item": "K", "count": 1}] * 101}, 422),
        # Well-formed but against the handover's rules: the service's 400, with the field.
        ({"counts": [{"item": "Keys", "count": 12}, {"item": "Keys", "count": 12}]}, 400),
        ({"counts": [{"item": "Keys", "count": 12}]}, 400),
    ],
)
def test_bad_input_is_refused_and_nothing_is_kept(client, site, change, status):
    handover_site(site, DAY)

    made = _post(client, "/api/v1/handovers", _body(site, **change), site.guard)

    assert made.status_code == status, made.content
    if status == 400:
        assert "counts" in made.json()["errors"]
    assert not Handover.objects.exists()
