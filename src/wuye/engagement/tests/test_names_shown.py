"""People are shown by their name, not their login: who published the service report, who
withdrew a notice."""

from __future__ import annotations

from django.urls import reverse

from wuye.engagement.notices import services
from wuye.engagement.service_report.services import service_report_publish
from wuye.engagement.service_report.tests.fixtures import JANUARY, notice


def named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def test_the_report_says_who_published_it_by_name(client, site):
    named(site.manager, "建国", "王")
    service_report_publish(actor=site.manager, community=site.community, period=JANUARY)
    client.force_login(site.frontdesk)
    url = reverse("engagement:service_report", args=[site.community.pk]) + "?period=2026-01"
    page = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    published = page.split("data-published>", 1)[1].split("</div>", 1)[0]
    assert "王建国" in published
    assert site.manager.username not in published


def test_a_withdrawn_notice_says_who_withdrew_it_by_name(client, site):
    named(site.manager, "建国", "王")
    withdrawn = notice(site, title="Water off")
    services.notice_withdraw(actor=site.manager, notice=withdrawn, reason="Wrong date")
    client.force_login(site.frontdesk)
    url = reverse("engagement:notice", args=[site.community.pk, withdrawn.pk])
    page = client.get(url).content.decode()
    assert "王建国" in page
    assert f"by {site.manager.username}:" not in page
