"""Bordeaux Town's fund-usage publicity (财务公示) and its owners' committee (业主委员会).

The quarters of the demo's billing year that have ended are published, each some ten days
after its end: the property fees collected are filled from the year's payments through the
same service the accountant uses, and the spending follows them in the shares of a
northern community of its size (staff, the outsourced cleaning contractor, greenery that
peaks in the dry summer, common-area electricity and heating that peak in winter). Common-area
income — ground parking, lift advertising, the clubhouse hall, recycling — is kept apart and
half of it, after the parking attendants' cost, tops up the maintenance fund. The second
quarter is corrected once: an advertising contract was left out. Running it again changes
nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.engagement.models import CommitteeMember, CommitteeRole, FundPeriod
from wuye.engagement.publicity import services
from wuye.estates.models import Relation, Residency

CENT = Decimal("0.01")
QUARTERS = 4

# Spending as shares of the property fees collected, by quarter of the year (Q1..Q4).
SPENDING = [
    ("staff", "服务人员工资社保", ("0.450",) * 4),
    ("cleaning", "保洁外包合同", ("0.145",) * 4),
    ("greenery", "绿化养护", ("0.025", "0.090", "0.100", "0.040")),
    (
        "utilities",
        "公共区域水电",
        ("0.100", "0.060", "0.065", "0.090"),
    ),
    (
        "repairs",
        "共用设施日常维修",
        ("0.050", "0.070", "0.055", "0.045"),
    ),
    ("other_spending", "办公及其他", ("0.030",) * 4),
]
# Common-area income (公共收益) and its reasonable costs, in yuan a quarter.
COMMON = [
    ("parking", "地面临时停车", ("36240.00", "39860.00", "41520.00", "38900.00")),
    ("advertising", "电梯广告", ("15000.00",) * 4),
    (
        "venue_rent",
        "会所多功能厅",
        ("3600.00", "5400.00", "6300.00", "4800.00"),
    ),
    ("other_common", "废品回收", ("1180.00", "1260.00", "1340.00", "1420.00")),
    ("common_area_costs", "停车收费员", ("7500.00",) * 4),
]
LIFT_ROPES = ("maintenance_fund", "12号楼电梯曳引钢丝绳更换", "38600.00")
CORRECTION_NOTE = "更正：补列道闸广告收入。"
MISSING_ADS = ("advertising", "道闸广告", "3600.00")


def publicity_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Seat the committee and publish the ended quarters of the billing year, unless done."""
    if FundPeriod.objects.filter(community=community).exists():
        return {}
    today = today or timezone.localdate()
    users = get_user_model().objects
    manager = users.get(username="manager")
    with transaction.atomic():
        members = _committee(community, manager, today)
        periods = _quarters(community, manager, today)
    return {"periods": periods, "committee": members}


def _committee(community: Community, manager, today: date) -> int:
    owners = list(
        Residency.objects.current()
        .filter(unit__community=community, relation=Relation.OWNER)
        .exclude(resident__user__username="owner")
        .order_by("resident_id")
        .values_list("resident_id", "resident__user__username")
        .distinct()
    )
    vice = [pk for pk, username in owners if username == "owner2"]
    others = [pk for pk, username in owners if username != "owner2"]
    seats = [(others[0], CommitteeRole.CHAIR)] if others else []
    seats += [(pk, CommitteeRole.VICE_CHAIR) for pk in vice]
    seats += [(pk, CommitteeRole.MEMBER) for pk in others[1:4]]
    start = date(today.year - 1, 6, 1)
    for resident_id, role in seats:
        services.committee_member_add(
            actor=manager,
            community=community,
            resident=community.residents.get(pk=resident_id),
            role=role,
            start_date=start,
        )
    return CommitteeMember.objects.filter(community=community).count()


def _ended_quarters(today: date) -> list[date]:
    """The first days of the last quarters that ended inside the twelve billed months."""
    first_billed = add_months(today.replace(day=1), -11)
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    starts = [add_months(this_quarter, -3 * n) for n in range(QUARTERS, 0, -1)]
    return [start for start in starts if start >= first_billed]


def _posted(end: date, days: int) -> datetime:
    """When a publication went up on the board: `days` after the quarter, never later than now."""
    posted = timezone.make_aware(datetime.combine(end + timedelta(days=days), time(10, 0)))
    return min(posted, timezone.now())


def _quarters(community: Community, manager, today: date) -> int:
    published = 0
    for start in _ended_quarters(today):
        quarter = (start.month - 1) // 3
        period = services.fund_period_create(
            actor=manager, community=community, kind="quarter", start=start
        )
        fees = sum((line.amount for line in period.lines.all()), Decimal("0"))
        lines = [
            (category, text, (fees * Decimal(shares[quarter])).quantize(CENT, ROUND_HALF_UP))
            for category, text, shares in SPENDING
        ]
        lines += [(category, text, Decimal(amounts[quarter])) for category, text, amounts in COMMON]
        if quarter == 1:
            lines.append((LIFT_ROPES[0], LIFT_ROPES[1], Decimal(LIFT_ROPES[2])))
        for category, text, amount in lines:
            if amount > 0:
                services.fund_line_add(
                    actor=manager, period=period, category=category, description=text, amount=amount
                )
        services.fund_period_publish(actor=manager, period=period, at=_posted(period.end, 9))
        published += 1
        if quarter == 1 and period.end + timedelta(days=40) < today:
            correction = services.fund_period_correct(
                actor=manager,
                period=period,
                note=CORRECTION_NOTE,
            )
            services.fund_line_add(
                actor=manager,
                period=correction,
                category=MISSING_ADS[0],
                description=MISSING_ADS[1],
                amount=MISSING_ADS[2],
            )
            services.fund_period_publish(
                actor=manager, period=correction, at=_posted(period.end, 40)
            )
            published += 1
    return published
