"""Notices (公告): written by the office, published to a community or buildings, read in the
portal with receipts, printed on A4."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.core import policy
from wuye.core.models import AuditEntry
from wuye.engagement.models import Notice, NoticeRead
from wuye.engagement.notices import queries, services
from wuye.engagement.votes.services import vote_create
from wuye.testing.api import bearer
from wuye.testing.pdf import assert_fonts_embedded, pdf_text

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments are written under a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path


def write(site, *, buildings=(), publish=True, **data):
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={
            "kind": "outage",
            "title": "Water off in building 2",
            "body": "Tuesday 9:00–12:00, pipe repair.\nPlease store water.",
            "buildings": list(buildings),
            **data,
        },
    )
    if publish:
        services.notice_publish(actor=site.manager, notice=notice)
        notice.refresh_from_db()
    return notice


def titles_for(user):
    return set(queries.notices_for_residents(user).values_list("title", flat=True))


# ---- rules -------------------------------------------------------------------------------


def test_a_notice_to_the_community_reaches_every_resident_once_published(site):
    draft = write(site, publish=False, title="Fire drill")
    assert titles_for(site.tenant) == set()
    services.notice_publish(actor=site.manager, notice=draft)
    for user in (site.owner, site.owner2, site.tenant, site.landlord):
        assert titles_for(user) == {"Fire drill"}
    assert titles_for(site.other_owner) == set()


def test_a_notice_to_chosen_buildings_reaches_only_their_residents(site):
    write(site, buildings=[site.buildings[1]])
    assert titles_for(site.tenant) == {"Water off in building 2"}
    assert titles_for(site.owner) == set()


def test_an_expired_notice_leaves_the_portal(site):
    notice = write(site)
    Notice.objects.filter(pk=notice.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert titles_for(site.owner) == set()
    notice.refresh_from_db()
    assert notice.status == "expired"


def test_a_published_notice_cannot_be_changed(site):
    notice = write(site)
    with pytest.raises(ValidationError, match="correction"):
        services.notice_save(
            actor=site.frontdesk, community=site.community, notice=notice, data={"title": "x"}
        )


def test_a_notice_needs_a_title_and_text(site):
    with pytest.raises(ValidationError) as error:
        write(site, publish=False, title=" ", body="")
    assert set(error.value.message_dict) == {"title", "body"}
    assert not Notice.objects.exists()


def test_buildings_of_another_community_are_refused(site):
    with pytest.raises(ValidationError) as error:
        write(site, publish=False, buildings=[site.units["other_home"].building])
    assert "buildings" in error.value.message_dict


def test_the_office_writes_and_supervisors_publish(site):
    with pytest.raises(PermissionDenied):
        services.notice_save(
            actor=site.guard, community=site.community, data={"title": "x", "body": "y"}
        )
    draft = write(site, publish=False)
    with pytest.raises(PermissionDenied):
        services.notice_publish(actor=site.frontdesk, notice=draft)


def test_publishing_is_audited_and_publishing_again_changes_nothing(site):
    notice = write(site)
    first = notice.published_at
    services.notice_publish(actor=site.manager, notice=notice)
    notice.refresh_from_db()
    assert notice.published_at == first
    assert (
        AuditEntry.objects.filter(object_type="engagement.notice", action="notice.publish").count()
        == 1
    )


def test_a_resident_reading_leaves_one_receipt_and_staff_none(site):
    notice = write(site)
    services.notice_mark_read(user=site.owner, notice=notice)
    services.notice_mark_read(user=site.owner, notice=notice)
    services.notice_mark_read(user=site.manager, notice=notice)
    assert list(NoticeRead.objects.values_list("user__username", flat=True)) == ["owner"]
    readers = queries.notice_readers(notice)
    assert readers[0]["name"] == "Wang Fang"
    assert readers[0]["homes"] == ["1-1-101"]
    assert queries.notice_reach(notice) == {"audience": 4, "read": 1}


def test_only_pdf_png_and_jpeg_attachments_are_accepted(site):
    notice = write(site, publish=False)
    services.notice_attachment_add(
        actor=site.frontdesk, notice=notice, upload=SimpleUploadedFile("plan", PDF)
    )
    assert notice.attachments.get().name == "plan.pdf"
    with pytest.raises(ValidationError) as error:
        services.notice_attachment_add(
            actor=site.frontdesk,
            notice=notice,
            upload=SimpleUploadedFile("run.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert "file" in error.value.message_dict


# ---- pages -------------------------------------------------------------------------------


def test_manager_publishes_a_notice_and_an_owner_reads_it(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("engagement:notice_new", args=[site.community.pk]),
        {"kind": "general", "title": "Lawn mowing", "body": "Saturday morning."},
    )
    notice = Notice.objects.get()
    assert response["Location"] == reverse("engagement:notice", args=[site.community.pk, notice.pk])
    client.force_login(site.manager)
    client.post(reverse("engagement:notice_publish", args=[site.community.pk, notice.pk]))
    client.force_login(site.owner)
    listing = client.get(reverse("engagement_portal:notices")).content.decode()
    assert "Lawn mowing" in listing
    page = client.get(reverse("engagement_portal:notice", args=[notice.pk]))
    assert "Saturday morning." in page.content.decode()
    client.force_login(site.manager)
    detail = client.get(reverse("engagement:notice", args=[site.community.pk, notice.pk]))
    html = detail.content.decode()
    assert "Wang Fang" in html
    assert "1 of 4 residents" in html


def test_every_notice_prints_as_an_a4_pdf_in_chinese_too(client, site):
    notice = write(
        site,
        title="停水通知",
        body="2号楼周二9:00至12:00停水，室温不低于18℃。\n☐ 已储水 · 收费标准0.80元/m²·月",
        buildings=[site.buildings[1]],
    )
    client.force_login(site.owner2)
    response = client.get(reverse("engagement_portal:notice_pdf", args=[notice.pk]))
    assert response.status_code == 404  # building 2 only: not for this owner
    client.force_login(site.tenant)
    response = client.get(
        reverse("engagement_portal:notice_pdf", args=[notice.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in response.content
    text = pdf_text(response.content)
    assert "停水通知" in text
    assert "室温不低于18℃" in text  # ℃ from the symbol font, the rest from the main one
    assert "☐ 已储水 · 收费标准0.80元/m²·月" in text
    assert_fonts_embedded(response.content)


def test_an_attachment_is_served_only_to_the_notices_readers(client, site):
    notice = write(site, publish=False, buildings=[site.buildings[1]])
    attachment = services.notice_attachment_add(
        actor=site.frontdesk, notice=notice, upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    services.notice_publish(actor=site.manager, notice=notice)
    url = reverse("engagement_portal:notice_attachment", args=[notice.pk, attachment.pk])
    client.force_login(site.tenant)
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    client.force_login(site.owner)
    assert client.get(url).status_code == 404


def test_a_guard_reads_notices_but_cannot_write_them(client, site):
    notice = write(site)
    client.force_login(site.guard)
    assert (
        client.get(reverse("engagement:notice", args=[site.community.pk, notice.pk])).status_code
        == 200
    )
    assert client.get(reverse("engagement:notice_new", args=[site.community.pk])).status_code == 403


def test_notice_pages_take_the_same_queries_however_many_notices(client, site):
    write(site)
    pages = [
        (site.owner, reverse("engagement_portal:notices")),
        (site.manager, reverse("engagement:notices", args=[site.community.pk])),
    ]

    def counts():
        found = []
        for user, url in pages:
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as done:
                assert client.get(url).status_code == 200
            found.append(len(done))
        return found

    before = counts()
    for n in range(4):
        notice = write(site, title=f"Notice {n}", buildings=[site.buildings[0]])
        services.notice_mark_read(user=site.owner, notice=notice)
    assert counts() == before


# ---- API ---------------------------------------------------------------------------------


def test_api_lists_what_the_caller_may_see_with_read_marks(client, site):
    write(site, title="For building 2", buildings=[site.buildings[1]])
    write(site, title="For everyone")
    write(site, title="Draft", publish=False)
    seen = client.get("/api/v1/notices", headers=bearer(site.owner)).json()
    assert {n["title"] for n in seen["items"]} == {"For everyone"}
    assert seen["items"][0]["read"] is False
    assert seen["items"][0]["read_count"] is None
    staff = client.get(
        f"/api/v1/notices?community_id={site.community.pk}", headers=bearer(site.frontdesk)
    ).json()
    assert staff["count"] == 3


def test_api_writes_a_draft_publishes_it_and_a_resident_reading_it_is_counted(client, site):
    response = client.post(
        "/api/v1/notices",
        {
            "community_id": site.community.pk,
            "kind": "emergency",
            "title": "Gas smell in building 1",
            "body": "Keep windows open.",
            "building_ids": [site.buildings[0].pk],
            "pinned_until": str(timezone.localdate() + timedelta(days=2)),
        },
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 201, response.content
    notice = response.json()
    assert notice["status"] == "draft"
    assert notice["building_ids"] == [site.buildings[0].pk]
    published = client.post(
        f"/api/v1/notices/{notice['id']}/publish", headers=bearer(site.manager)
    ).json()
    assert published["status"] == "published"
    read = client.get(f"/api/v1/notices/{notice['id']}", headers=bearer(site.owner)).json()
    assert read["read"] is True
    staff = client.get(f"/api/v1/notices/{notice['id']}", headers=bearer(site.manager)).json()
    assert staff["read_count"] == 1


def test_api_refuses_buildings_of_another_community_naming_the_field(client, site):
    response = client.post(
        "/api/v1/notices",
        {
            "community_id": site.community.pk,
            "title": "x",
            "body": "y",
            "building_ids": [site.units["other_home"].building_id],
        },
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 404
    assert "building_ids" in response.json()["errors"]


def test_the_policy_answers_for_notices_and_votes_as_the_lists_do(site):
    notice = write(site, buildings=[site.buildings[1]])
    assert policy.can(site.tenant, "view", notice)
    assert policy.can(site.guard, "view", notice)
    assert not policy.can(site.owner, "view", notice)
    assert not policy.can(site.other_manager, "view", notice)
    vote = vote_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Paint",
            "matter": "ordinary",
            "opens_at": timezone.now(),
            "closes_at": timezone.now() + timedelta(days=1),
        },
    )
    assert policy.can(site.owner, "view", vote)
    assert policy.can(site.frontdesk, "view", vote)
    assert not policy.can(site.tenant, "view", vote)
    assert not policy.can(site.guard, "view", vote)
