"""One English word, several meanings: each use says in Chinese what it means there.

"Due" is a deadline on the dispatch board, a date on a bill and an amount in the report;
"Read" is a meter that was read and a notice that was read; "Number" numbers a work order
and a survey question. Each sense has its own context in the catalogue.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from wuye.billing import report as fees_section
from wuye.billing.models import FeeKind, MeterKind
from wuye.billing.tests.fixtures import billed_home
from wuye.engagement.models import SurveyStatus
from wuye.engagement.notices import report as notices_section
from wuye.engagement.notices import services
from wuye.engagement.service_report.tests.fixtures import JANUARY, notice
from wuye.engagement.surveys.tests.fixtures import make_survey
from wuye.servicedesk.models import Channel, Status, Subcategory
from wuye.staff.navigation import STAFF

LATIN = re.compile(r"[A-Za-z]")


def test_the_report_fee_chart_shows_receivable_and_collected(site):
    billed_home(site.units["owner_home"], site.admin, period="2026-01")
    with translation.override("zh-hans"):
        legend = list(fees_section.section(site.community, JANUARY).chart.series)
    assert legend == ["应收", "实收"]
    with translation.override("en"):
        assert list(fees_section.section(site.community, JANUARY).chart.series) == [
            "Due",
            "Collected",
        ]


def test_the_notice_read_rate_chart_counts_notices_read_not_meters(site):
    read = notice(site, title="Heating season starts", kind="general")
    services.notice_mark_read(user=site.owner, notice=read)
    with translation.override("zh-hans"):
        legend = list(notices_section.section(site.community, JANUARY).chart.series)
    assert legend == ["已读"]


def test_the_survey_question_form_numbers_the_question(client, site):
    survey = make_survey(site, publish=False)
    assert survey.status == SurveyStatus.DRAFT
    client.force_login(site.manager)
    url = reverse("engagement:survey", args=[site.community.pk, survey.pk])
    page = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert '<label class="form-label" for="id_order">题号</label>' in page
    assert ">工单号</label>" not in page


def test_a_meter_reading_is_still_read_on_the_meter_page(client, site):
    client.force_login(site.manager)
    url = reverse("billing_readings:index", args=[site.community.pk])
    page = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "月份" in page  # the month of the readings, not 月度 (a kind of period)
    with translation.override("zh-hans"):
        assert translation.pgettext("meter", "Read") == "已抄"
        assert translation.pgettext("notice", "Read") == "已读"


def test_fees_are_named_as_fees_and_meters_as_meters():
    with translation.override("zh-hans"):
        assert [str(FeeKind.WATER.label), str(MeterKind.WATER.label)] == ["水费", "水表"]
        assert [str(FeeKind.ELECTRICITY.label), str(MeterKind.ELECTRICITY.label)] == [
            "电费",
            "电表",
        ]
        assert str(FeeKind.HEATING.label) == "取暖费"
        assert str(Subcategory.HEATING.label) == "供暖"  # a request about the heating


def test_the_desk_words_keep_their_desk_meaning():
    with translation.override("zh-hans"):
        assert str(Subcategory.PARKING.label) == "停车"
        assert str(Status.CLOSED.label) == "已关闭"
        assert str(SurveyStatus.CLOSED.label) == "已结束"


def test_the_staff_words_mean_people_and_posts_not_costs_or_publishing():
    with translation.override("zh-hans"):
        assert str(STAFF) == "员工"  # the menu, not the publicity's 人员费用
        assert pgettext("post of a department", "Post") == "岗位"  # not 发布


def test_every_channel_is_named_in_chinese():
    with translation.override("zh-hans"):
        english = [str(label) for label in Channel.labels if LATIN.search(str(label))]
    assert english == []
