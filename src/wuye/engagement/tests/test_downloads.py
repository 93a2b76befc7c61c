"""Every engagement download is named in the reader's language: the survey workbook, the
service report, a notice and a fund-usage publication, from the staff pages and the portal."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wuye.engagement.notices import services
from wuye.engagement.publicity import services as publicity_services
from wuye.engagement.service_report.services import service_report_publish
from wuye.engagement.service_report.tests.fixtures import JANUARY
from wuye.engagement.surveys.tests.fixtures import make_survey
from wuye.testing.downloads import saved_as

LANGUAGES = pytest.mark.parametrize(
    ("language", "stem"),
    [
        (
            "zh-hans",
            {
                "survey": "满意度调查",
                "report": "管理服务报告",
                "notice": "公告",
                "publicity": "资金使用公示",
            },
        ),
        (
            "en",
            {
                "survey": "survey",
                "report": "service-report",
                "notice": "notice",
                "publicity": "fund-usage",
            },
        ),
    ],
)


def get(client, user, url, language):
    client.force_login(user)
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return response


@LANGUAGES
def test_the_survey_workbook(client, site, language, stem):
    survey = make_survey(site)
    url = reverse("engagement:survey_export", args=[site.community.pk, survey.pk])
    response = get(client, site.manager, url, language)
    assert saved_as(response) == ("attachment", f"{stem['survey']}-{survey.pk}.xlsx")


@LANGUAGES
def test_the_service_report(client, site, language, stem):
    staff = reverse("engagement:service_report_pdf", args=[site.community.pk]) + "?period=2026-01"
    expected = ("inline", f"{stem['report']}-2026-01.pdf")
    assert saved_as(get(client, site.manager, staff, language)) == expected
    report = service_report_publish(actor=site.manager, community=site.community, period=JANUARY)
    portal = reverse("engagement_portal:report_pdf", args=[report.pk])
    assert saved_as(get(client, site.owner, portal, language)) == expected


@LANGUAGES
def test_a_notice(client, site, language, stem):
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "outage", "title": "停水通知", "body": "周二停水。", "buildings": []},
    )
    services.notice_publish(actor=site.manager, notice=notice)
    expected = ("inline", f"{stem['notice']}-{notice.pk}.pdf")
    staff = reverse("engagement:notice_pdf", args=[site.community.pk, notice.pk])
    assert saved_as(get(client, site.manager, staff, language)) == expected
    portal = reverse("engagement_portal:notice_pdf", args=[notice.pk])
    assert saved_as(get(client, site.owner, portal, language)) == expected


@LANGUAGES
def test_a_fund_usage_publication(client, site, language, stem):
    period = publicity_services.fund_period_create(
        actor=site.manager, community=site.community, kind="quarter", start=date(2026, 4, 1)
    )
    publicity_services.fund_line_add(
        actor=site.manager, period=period, category="staff", description="工资", amount="100"
    )
    period = publicity_services.fund_period_publish(actor=site.manager, period=period)
    expected = ("inline", f"{stem['publicity']}-{period.pk}.pdf")
    staff = reverse("engagement:publicity_pdf", args=[site.community.pk, period.pk])
    assert saved_as(get(client, site.manager, staff, language)) == expected
    portal = reverse("engagement_portal:publicity_pdf", args=[period.pk])
    assert saved_as(get(client, site.owner, portal, language)) == expected
