"""The handover pages: the guard writes and hands over on the phone, the incoming guard counts
and confirms, the supervisor reads the list (discrepancies first)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from wuye.security.handover.models import Handover, HandoverStatus
from wuye.security.incidents import services as incident_services

from .fixtures import ITEMS, handover_site, submitted

DAY = date(2026, 12, 14)


def url(site, name, *args):
    return reverse(f"security:{name}", args=[site.community.pk, *args])


def test_the_guard_starts_writes_and_hands_over_with_the_open_incidents_shown(client, site):
    gate = handover_site(site, DAY)
    incident = incident_services.incident_report(
        actor=site.guard,
        community=site.community,
        kind="suspicious_person",
        occurred_at=gate["ends_at"] - timedelta(hours=1),
        place="Car park B2",
        description="A man trying car doors",
        at=gate["ends_at"],
    )
    client.force_login(site.guard)

    started = client.post(
        url(site, "handover_mine"),
        {"post": gate["post"].pk, "ends_at": "2026-12-14T16:00", "shift": gate["shift"].pk},
    )
    handover = Handover.objects.get()
    assert started.status_code == 302 and started.url == url(site, "handover_write", handover.pk)
    page = client.get(started.url).content.decode()
    assert f'data-incident="{incident.pk}"' in page and "Car park B2" in page

    lines = {line.name: line.pk for line in handover.counts.all()}
    form = {f"count_{lines[name]}": count for name, count in ITEMS}
    form |= {"cctv_status": "ok", "fire_panel_status": "fault", "notes": "", "submit": "1"}
    handed = client.post(url(site, "handover_write", handover.pk), form)

    assert handed.status_code == 302
    handover.refresh_from_db()
    assert (handover.status, handover.fire_panel_status) == (
        HandoverStatus.AWAITING_INCOMING,
        "fault",
    )
    assert list(handover.incidents.all()) == [incident]


def test_the_incoming_guard_counts_and_confirms_and_a_differing_count_shows(client, site):
    handover = submitted(site, DAY)
    client.force_login(site.users["guard2"])
    mine = client.get(url(site, "handover_mine")).content.decode()
    assert url(site, "handover_confirm", handover.pk) in mine

    lines = {line.name: line.pk for line in handover.counts.all()}
    form = {f"count_{lines[name]}": 11 if name == "Keys" else count for name, count in ITEMS}
    confirmed = client.post(url(site, "handover_confirm", handover.pk), form)

    assert confirmed.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.CONFIRMED and handover.discrepancy
    client.force_login(site.users["security"])
    detail = client.get(url(site, "handover", handover.pk)).content.decode()
    assert 'class="table-danger"' in detail


def test_a_guard_not_on_the_post_sees_no_confirm_form_and_cannot_post_it(client, site):
    handover = submitted(site, DAY)
    client.force_login(site.users["guard3"])
    lines = {line.name: line.pk for line in handover.counts.all()}

    page = client.get(url(site, "handover_confirm", handover.pk))
    posted = client.post(
        url(site, "handover_confirm", handover.pk),
        {f"count_{lines[name]}": count for name, count in ITEMS},
    )

    assert page.status_code == 200 and 'data-form="confirm"' not in page.content.decode()
    assert posted.status_code == 403
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING_INCOMING


@pytest.mark.parametrize("who", ["cashier", "electrician", "owner", "other_manager"])
def test_others_cannot_open_the_handovers(client, site, who):
    client.force_login(getattr(site, who, None) or site.users[who])

    assert client.get(url(site, "handovers")).status_code == 403


def test_the_supervisor_list_puts_discrepancies_first_in_few_queries(
    client, site, django_assert_max_num_queries
):
    flagged = submitted(site, DAY)
    flagged.discrepancy = True
    flagged.status = HandoverStatus.CONFIRMED
    flagged.save()
    for hours in (8, 16, 24):
        Handover.objects.create(
            community=site.community,
            post=flagged.post,
            ends_at=flagged.ends_at + timedelta(hours=hours),
            outgoing=site.guard,
            status=HandoverStatus.AWAITING_INCOMING,
        )
    client.force_login(site.users["security"])

    with django_assert_max_num_queries(15):
        listed = client.get(url(site, "handovers"))

    page = listed.content.decode()
    assert listed.status_code == 200
    assert page.count("data-handover=") == 4
    assert page.index("data-handover=") == page.index(f'data-handover="{flagged.pk}"')
    only = client.get(url(site, "handovers") + "?status=discrepancy").content.decode()
    assert only.count("data-handover=") == 1
