"""A notice's text has one limit in the office's form and in the API, and its PDF is drawn
once per version of the notice, however often residents open it."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from reportlab.platypus import SimpleDocTemplate

from wuye.engagement.models import NOTICE_TEXT_MAX_LENGTH, Notice
from wuye.engagement.notices import services
from wuye.testing.api import bearer
from wuye.testing.pdf import pdf_text


@pytest.fixture(autouse=True)
def no_drawn_pdfs():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def drawings():
    """Counts the PDFs ReportLab really draws."""
    with mock.patch.object(
        SimpleDocTemplate, "build", autospec=True, side_effect=SimpleDocTemplate.build
    ) as build:
        yield build


def draft(site, body="Saturday morning, the lawns are mowed."):
    return services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "general", "title": "Lawn mowing", "body": body, "buildings": []},
    )


def test_the_form_refuses_a_text_longer_than_the_api_takes(client, site):
    client.force_login(site.frontdesk)
    new = reverse("engagement:notice_new", args=[site.community.pk])
    response = client.post(
        new, {"kind": "general", "title": "Long", "body": "长" * (NOTICE_TEXT_MAX_LENGTH + 1)}
    )
    assert response.status_code == 200
    assert not Notice.objects.exists()
    assert f"at most {NOTICE_TEXT_MAX_LENGTH} characters" in response.content.decode()
    client.post(new, {"kind": "general", "title": "Long", "body": "长" * NOTICE_TEXT_MAX_LENGTH})
    assert len(Notice.objects.get().body) == NOTICE_TEXT_MAX_LENGTH


def test_the_api_refuses_the_same_text_the_form_refuses(client, site):
    def post(body):
        return client.post(
            "/api/v1/notices",
            {"community_id": site.community.pk, "title": "Long", "body": body},
            content_type="application/json",
            headers=bearer(site.frontdesk),
        )

    assert post("长" * (NOTICE_TEXT_MAX_LENGTH + 1)).status_code == 422
    assert not Notice.objects.exists()
    assert post("长" * NOTICE_TEXT_MAX_LENGTH).status_code == 201


def test_a_service_refuses_an_overlong_text_from_any_other_door(site):
    with pytest.raises(ValidationError, match="at most"):
        draft(site, body="长" * (NOTICE_TEXT_MAX_LENGTH + 1))
    assert not Notice.objects.exists()


def test_opening_a_notice_pdf_again_serves_the_copy_already_drawn(client, site, drawings):
    notice = draft(site)
    services.notice_publish(actor=site.manager, notice=notice)
    client.force_login(site.owner)
    url = reverse("engagement_portal:notice_pdf", args=[notice.pk])
    first = client.get(url)
    second = client.get(url)
    client.force_login(site.tenant)
    third = client.get(url)
    assert drawings.call_count == 1
    assert first.content == second.content == third.content
    assert "Saturday morning" in pdf_text(third.content)


def test_a_changed_draft_prints_anew_and_each_language_has_its_own_copy(client, site, drawings):
    notice = draft(site)
    client.force_login(site.frontdesk)
    url = reverse("engagement:notice_pdf", args=[site.community.pk, notice.pk])
    client.get(url)
    services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        notice=notice,
        data={"body": "Sunday morning instead."},
    )
    changed = client.get(url)
    assert "Sunday morning instead." in pdf_text(changed.content)
    assert drawings.call_count == 2
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert drawings.call_count == 3
    assert pdf_text(chinese.content) != pdf_text(changed.content)
