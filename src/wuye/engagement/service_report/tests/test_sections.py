"""The management service report's own sections, on hand-made data whose figures are known:
the customer center (10), fee collection (20) and notices and votes (30)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from wuye.billing import report as fees_section
from wuye.billing.tests.fixtures import billed_home
from wuye.core.report import Period, sections
from wuye.engagement.models import Notice, Vote
from wuye.engagement.notices import report as notices_section
from wuye.engagement.notices import services
from wuye.engagement.votes import services as votes
from wuye.servicedesk import report as service_desk
from wuye.servicedesk.models import CallBack, Status

from .fixtures import JAN_5, JANUARY, notice, order


def figures_of(section) -> dict:
    return {f.label: f for f in section.figures}


# ---- customer center ---------------------------------------------------------------------


def test_service_desk_counts_orders_received_and_closed_by_category(site):
    hour = timedelta(hours=1)
    order(site, closed_at=JAN_5 + hour)
    order(site, closed_at=JAN_5 + 2 * hour)
    order(site, category="complaint", subcategory="noise", status=Status.ACCEPTED)
    # Received in December, closed in January: closed in the period, not received in it.
    order(site, at=JAN_5 - timedelta(days=30), closed_at=JAN_5)

    section = service_desk.section(site.community, JANUARY)

    f = figures_of(section)
    assert f["Orders received"].value == "3"
    assert f["Orders closed"].value == "3"
    assert f["Repair in a home"].value == "2 received, 3 closed"
    assert f["Complaint"].value == "1 received, 0 closed"
    # 1 complaint over the 4 residential homes.
    assert f["Complaints per 100 homes"].value == "25.00"
    assert section.chart.kind == "bar"
    assert sum(section.chart.series["Orders received"]) == 3
    assert sum(section.chart.series["Orders closed"]) == 3


def test_service_desk_rates_come_with_their_targets_and_whether_they_are_met(site):
    hour = timedelta(hours=1)
    on_time = order(site, resolution_due_at=JAN_5 + hour, resolved_at=JAN_5)
    order(site, resolution_due_at=JAN_5 + hour, resolved_at=JAN_5 + 3 * hour)
    CallBack.objects.create(
        order=on_time, community=site.community, at=JAN_5 + hour, by=site.frontdesk, satisfied=True
    )

    f = figures_of(service_desk.section(site.community, JANUARY))

    assert f["Resolved on time"].value == "50.0 %"
    assert f["Resolved on time"].target == "≥ 100 %"
    assert f["Resolved on time"].met is False
    assert f["Satisfaction"].value == "100.0 %"
    assert f["Satisfaction"].met is True
    assert f["Call-back rate"].value == "50.0 %"
    assert f["Rework rate"].target == "≤ 1 %"


def test_a_quiet_month_still_reports_the_customer_center_with_no_rates(site):
    f = figures_of(service_desk.section(site.community, JANUARY))
    assert f["Orders received"].value == "0"
    assert f["Resolved on time"].value == "—"
    assert f["Resolved on time"].met is None


# ---- fees -------------------------------------------------------------------------------


def test_fees_report_due_collected_rate_against_target_and_arrears(site):
    billed_home(site.units["owner_home"], site.admin, period="2026-01")

    section = fees_section.section(site.community, JANUARY)

    f = figures_of(section)
    due = Decimal(f["Fees due for the period"].value.lstrip("¥").replace(",", ""))
    assert due > 0
    assert f["Collected of them"].value == "¥20.00"
    rate = f["Collection rate"]
    assert rate.value == f"{(100 * Decimal('20') / due).quantize(Decimal('0.1'))} %"
    assert rate.target.startswith("≥ ")
    assert rate.met is False
    assert section.chart.labels[-1] == "2026-01"
    assert len(section.chart.labels) == 12
    assert section.chart.series["Collected"][-1] == Decimal("20.00")


def test_fees_of_a_quarter_add_up_its_three_months(site):
    billed_home(site.units["owner_home"], site.admin, period="2026-01")
    month = figures_of(fees_section.section(site.community, JANUARY))
    quarter = figures_of(fees_section.section(site.community, Period.quarter(2026, 1)))
    assert quarter["Fees due for the period"].value == month["Fees due for the period"].value


def test_fees_section_is_left_out_where_the_community_bills_nothing(site):
    assert fees_section.section(site.community, JANUARY) is None


# ---- notices and votes ------------------------------------------------------------------


def test_notices_are_counted_by_kind_with_the_share_of_their_readers_who_opened_them(site):
    everyone = notice(site, title="Heating season", kind="general")
    building_one = notice(site, title="Water off", buildings=[site.buildings[0]])
    notice(site, title="Last year", at=JAN_5 - timedelta(days=40))
    for user in (site.owner, site.owner2, site.tenant):
        services.notice_mark_read(user=user, notice=everyone)
    services.notice_mark_read(user=site.owner, notice=building_one)

    section = notices_section.section(site.community, JANUARY)

    f = figures_of(section)
    assert f["Notices published"].value == "2"
    # 3 of the 4 resident logins; 1 of the 2 in building 1.
    assert f["General"].value == "1 published, 75.0 % read"
    assert f["Maintenance outage"].value == "1 published, 50.0 % read"
    assert f["Read rate of the notices"].value == "66.7 %"
    assert section.chart.series["Read"] == [Decimal("75.0"), Decimal("50.0")]


def test_a_withdrawn_notice_is_counted_apart(site):
    gone = notice(site, title="Wrong date")
    services.notice_withdraw(actor=site.manager, notice=gone, reason="Wrong date")
    Notice.objects.filter(pk=gone.pk).update(withdrawn_at=JAN_5 + timedelta(hours=2))

    f = figures_of(notices_section.section(site.community, JANUARY))
    assert f["Notices published"].value == "0"
    assert f["Notices withdrawn"].value == "1"


def test_votes_closed_in_the_period_report_their_outcome(site):
    now = timezone.now()
    vote = votes.vote_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Repaint the bicycle shed",
            "matter": "ordinary",
            "opens_at": now,
            "closes_at": now + timedelta(days=7),
        },
    )
    for home in ("owner_home", "owner2_home", "tenant_home"):
        votes.ballot_cast(actor=site.frontdesk, vote=vote, unit=site.units[home], choice="for")
    Vote.objects.filter(pk=vote.pk).update(opens_at=JAN_5, closes_at=JAN_5 + timedelta(days=7))

    f = figures_of(notices_section.section(site.community, JANUARY))

    assert f["Owners' votes closed"].value == "1"
    assert f["Repaint the bicycle shed"].value.startswith("Passed: ")
    assert "100.00% of it agreed" in f["Repaint the bicycle shed"].value


def test_a_month_with_no_notice_and_no_vote_has_no_notices_section(site):
    assert notices_section.section(site.community, JANUARY) is None


# ---- the whole report -------------------------------------------------------------------


def test_the_report_puts_the_sections_in_order_and_leaves_out_empty_ones(site):
    billed_home(site.units["owner_home"], site.admin, period="2026-01")
    keys = [s.key for s in sections(site.community, JANUARY)]
    assert keys[:2] == ["service_desk", "fees"]
    assert "notices" not in keys


def test_periods_know_their_bounds():
    assert Period.quarter(2026, 4).end == date(2027, 1, 1)
    assert JANUARY.previous() == Period.month(2025, 12)
