"""Withdrawing a published notice: it leaves the portal, stays in the staff list marked
withdrawn with its reason, and the change is audited; nothing is deleted."""

from urllib.parse import urlencode

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.engagement.models import Notice, NoticeRead
from wuye.engagement.notices import queries, services
from wuye.testing.api import bearer


def published(site, title="Water off on Tuesday"):
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "outage", "title": title, "body": "9:00–12:00."},
    )
    return services.notice_publish(actor=site.manager, notice=notice)


def test_manager_withdraws_a_notice_with_a_reason_and_owners_no_longer_see_it(client, site):
    notice = published(site)
    services.notice_mark_read(user=site.owner, notice=notice)
    client.force_login(site.manager)
    response = client.post(
        reverse("engagement:notice_withdraw", args=[site.community.pk, notice.pk]),
        {"reason": "The repair was moved to next week."},
    )
    assert response.status_code == 302

    notice.refresh_from_db()
    assert notice.status == "withdrawn"
    assert notice.withdrawn_by == site.manager
    entry = AuditEntry.objects.get(action="notice.withdraw", object_id=str(notice.pk))
    assert entry.changes == {"reason": ["", "The repair was moved to next week."]}
    assert NoticeRead.objects.filter(notice=notice).count() == 1

    client.force_login(site.owner)
    assert client.get(reverse("engagement_portal:notice", args=[notice.pk])).status_code == 404
    listing = client.get(reverse("engagement_portal:notices")).content.decode()
    assert "Water off on Tuesday" not in listing
    assert client.get(f"/api/v1/notices/{notice.pk}", headers=bearer(site.owner)).status_code == 404

    client.force_login(site.frontdesk)
    staff = client.get(reverse("engagement:notices", args=[site.community.pk])).content.decode()
    assert "Water off on Tuesday" in staff and "data-withdrawn" in staff
    detail = client.get(reverse("engagement:notice", args=[site.community.pk, notice.pk]))
    assert "The repair was moved to next week." in detail.content.decode()
    api = client.get(f"/api/v1/notices/{notice.pk}", headers=bearer(site.frontdesk)).json()
    assert api["status"] == "withdrawn"


def test_withdrawing_needs_a_reason(site):
    notice = published(site)
    with pytest.raises(ValidationError) as error:
        services.notice_withdraw(actor=site.manager, notice=notice, reason="  ")
    assert "reason" in error.value.message_dict
    assert Notice.objects.get(pk=notice.pk).withdrawn_at is None


def test_only_published_notices_are_withdrawn_and_only_once(site):
    draft = services.notice_save(
        actor=site.frontdesk, community=site.community, data={"title": "Draft", "body": "Text"}
    )
    with pytest.raises(ValidationError):
        services.notice_withdraw(actor=site.manager, notice=draft, reason="Not needed")
    notice = published(site)
    services.notice_withdraw(actor=site.manager, notice=notice, reason="Moved")
    with pytest.raises(ValidationError):
        services.notice_withdraw(actor=site.manager, notice=notice, reason="Again")


def test_front_desk_cannot_withdraw_a_notice(client, site):
    notice = published(site)
    with pytest.raises(PermissionDenied):
        services.notice_withdraw(actor=site.frontdesk, notice=notice, reason="Mine")
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("engagement:notice_withdraw", args=[site.community.pk, notice.pk]),
        {"reason": "Mine"},
    )
    assert response.status_code == 403
    assert queries.notices_for_residents(site.owner).filter(pk=notice.pk).exists()


def test_an_app_withdraws_a_notice_through_the_api(client, site):
    notice = published(site)
    url = f"/api/v1/notices/{notice.pk}/withdraw"

    refused = client.post(
        url, {"reason": " "}, content_type="application/json", headers=bearer(site.manager)
    )
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    owner = client.post(
        url, {"reason": "Mistake"}, content_type="application/json", headers=bearer(site.owner)
    )
    assert owner.status_code == 403

    response = client.post(
        url,
        {"reason": "Posted twice"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    listing = client.get("/api/v1/notices", headers=bearer(site.owner)).json()
    assert notice.pk not in [row["id"] for row in listing["items"]]


def test_a_reason_with_a_nul_character_is_refused_and_the_notice_stays_published(client, site):
    notice = published(site)
    client.force_login(site.manager)
    # As a browser sends a form without files.
    response = client.post(
        reverse("engagement:notice_withdraw", args=[site.community.pk, notice.pk]),
        urlencode({"reason": "Posted\x00by mistake"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).withdrawn_at is None


def test_the_service_leaves_control_characters_out_of_the_reason(site):
    notice = published(site)
    services.notice_withdraw(actor=site.manager, notice=notice, reason="Posted\x00 by\x07 mistake")
    assert Notice.objects.get(pk=notice.pk).withdraw_reason == "Posted by mistake"
