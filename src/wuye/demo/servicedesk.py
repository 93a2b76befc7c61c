"""A year of the customer center of Bordeaux Town: teams, prices, night duty and work orders.

The orders are a historical import: each order's life is planned in memory — received,
accepted, dispatched, started, perhaps held, resolved, rated, called back (and sometimes
reworked after an unsatisfied call-back), closed, or cancelled — by applying the service
desk's own steps (`wuye.servicedesk.services.steps`: the state, the deadlines on the
community's SLA policies and service calendar, the timeline rows), and the sweep, running
all the time, warns and escalates with the community's settings. Paid repairs go to billing
at the moments the services send them. Orders of the last days are cut at the present
moment, so every state is present. Everything is written with bulk inserts; a fixed seed
makes the year the same on every run, and a second run changes nothing. A test replays a
sample of the orders through the services and compares their timelines.

The seasons of Hami shape the year: leaks when the snow thaws in spring, heating complaints
when the heating starts in October, noise complaints on summer evenings, doors and windows in
the spring winds, fee enquiries when the bills go out.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community
from wuye.estates.models import Residency, Unit
from wuye.servicedesk import services as desk
from wuye.servicedesk import sla
from wuye.servicedesk.models import (
    OPEN_STATES,
    REPAIRS,
    RESIDENT_CHANNELS,
    CallBack,
    Category,
    ComplainantType,
    DeskSettings,
    PriceListItem,
    ReplyChannel,
    SpotCheck,
    Status,
    Team,
    TeamMember,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderItem,
)
from wuye.servicedesk.services import steps
from wuye.servicedesk.services.charges import repair_bill_sync, repair_wait
from wuye.servicedesk.services.sweep import RUNNING, escalation_due
from wuye.staff.models import Department, Post, Roster, RosterEntry, ShiftTemplate
from wuye.staff.organisation.models import DepartmentKind
from wuye.staff.rosters.models import RosterStatus, week_of

SEED = 20260315
DAYS = 365
RECENT = timedelta(hours=72)
REPEAT = timedelta(days=30)
# Where the orders of the last days stop, in turn, and the steps each takes to get there.
STAGES = ("submitted", "accepted", "dispatched", "in_progress", "on_hold", "resolved", "visited")
STEPS = {
    "submitted": 0,
    "accepted": 0,
    "dispatched": 1,
    "in_progress": 2,
    "on_hold": 2,
    "resolved": 3,
    "visited": 4,
}
BATCH = 2000
HELD_FOR = "等待配件"

TEAMS = (
    # name, categories, subcategories, supervisor, members with their skills
    (
        "工程维修部",
        ["repair_home", "repair_common"],
        [],
        "engineer",
        {
            "engineer": [],
            "electrician": ["electrical", "heating"],
            "electrician2": ["electrical", "lift"],
            "electrician3": ["electrical"],
            "lift": ["lift"],
            "civil": ["plumbing", "leak", "doors_windows"],
            "relief-technician": ["plumbing", "electrical", "heating"],
        },
    ),
    (
        "安管部",
        ["complaint", "repair_common"],
        ["noise", "parking", "security", "pets"],
        "security",
        {"security": [], "guard": ["parking"], "inner-guard": ["noise", "pets"]},
    ),
    (
        "绿化保洁",
        ["complaint", "repair_common"],
        ["hygiene", "greenery"],
        "environment",
        {"environment": ["hygiene", "greenery"]},
    ),
    (
        "客服中心",
        ["enquiry", "suggestion", "praise", "concierge", "complaint"],
        [],
        "cs-supervisor",
        {"cs-supervisor": [], "frontdesk": [], "frontdesk2": [], "customer-manager": []},
    ),
)

PRICES = (
    ("更换水龙头", "个", "45.00"),
    ("更换角阀", "个", "35.00"),
    ("疏通下水道", "次", "80.00"),
    ("更换开关插座", "个", "25.00"),
    ("更换灯具", "个", "30.00"),
    ("更换门锁", "把", "60.00"),
    ("更换窗户密封条", "米", "12.00"),
    ("暖气片放气检修", "组", "20.00"),
    ("更换坐便器配件", "套", "55.00"),
    ("防水补漏", "平方米", "120.00"),
)


@dataclass(frozen=True)
class Kind:
    category: str
    subcategory: str
    per_day: float  # orders a day outside its season
    season: tuple[tuple[int, int, int, int, float], ...] = ()  # (m1, d1, m2, d2, extra)
    evening: bool = False
    in_home: bool = True
    paid: float = 0.0  # share of the repairs with priced items
    items: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()


KINDS = (
    Kind(
        "repair_home",
        "leak",
        0.6,
        ((3, 1, 4, 30, 3.2),),
        paid=0.3,
        items=(9,),
        texts=(
            "屋顶融雪渗水",
            "阳台窗台渗水",
            "卫生间楼板渗水到楼下",
        ),
    ),
    Kind(
        "repair_home",
        "plumbing",
        1.3,
        paid=0.45,
        items=(0, 1, 2, 8),
        texts=(
            "厨房水龙头滴水",
            "下水道堵塞",
            "坐便器水箱漏水",
        ),
    ),
    Kind(
        "repair_home",
        "electrical",
        1.0,
        ((6, 15, 8, 31, 0.8),),
        paid=0.4,
        items=(3, 4),
        texts=(
            "插座没电",
            "空调开启后跳闸",
            "客厅灯不亮",
        ),
    ),
    Kind(
        "repair_home",
        "heating",
        0.2,
        ((10, 15, 12, 15, 1.6), (1, 1, 2, 28, 0.5)),
        paid=0.2,
        items=(7,),
        texts=(
            "暖气片不热",
            "暖气阀门漏水",
        ),
    ),
    Kind(
        "repair_home",
        "doors_windows",
        0.5,
        ((3, 15, 5, 15, 0.8),),
        paid=0.35,
        items=(5, 6),
        texts=(
            "大风后窗户关不严",
            "入户门锁坏了",
        ),
    ),
    Kind(
        "repair_common",
        "lift",
        0.35,
        in_home=False,
        texts=(
            "电梯停在两层之间",
            "电梯门关不上",
        ),
    ),
    Kind(
        "repair_common",
        "electrical",
        0.3,
        ((11, 1, 12, 31, 0.3),),
        in_home=False,
        texts=("楼道灯不亮", "地库照明故障"),
    ),
    Kind(
        "repair_common",
        "leak",
        0.1,
        ((3, 1, 4, 30, 0.9),),
        in_home=False,
        texts=("地库顶板渗水",),
    ),
    Kind(
        "complaint",
        "heating",
        0.05,
        ((10, 15, 11, 30, 1.4), (12, 1, 1, 31, 0.3)),
        texts=(
            "室温不达标，只有16度",
            "供暖不足，家里老人受冻",
        ),
    ),
    Kind(
        "complaint",
        "noise",
        0.1,
        ((6, 1, 8, 31, 1.1),),
        evening=True,
        texts=(
            "楼下广场舞音乐太吵",
            "邻居晚上装修噪音",
            "夜间烧烤喧哗",
        ),
    ),
    Kind(
        "complaint",
        "parking",
        0.25,
        texts=("车位被人占用", "消防通道停车"),
    ),
    Kind(
        "complaint",
        "pets",
        0.08,
        ((4, 1, 9, 30, 0.12),),
        texts=("小区内狗未拴绳", "宠物粪便无人清理"),
    ),
    Kind(
        "complaint",
        "hygiene",
        0.1,
        ((6, 1, 8, 31, 0.15),),
        in_home=False,
        texts=("垃圾桶满溢有异味",),
    ),
    Kind(
        "enquiry",
        "fees",
        0.5,
        ((1, 1, 1, 31, 1.5), (7, 1, 7, 15, 0.8)),
        texts=(
            "物业费账单咨询",
            "如何办理车位月卡",
        ),
    ),
    Kind(
        "suggestion",
        "greenery",
        0.05,
        in_home=False,
        texts=("建议增加儿童游乐设施",),
    ),
    Kind("praise", "other", 0.06, texts=("感谢维修师傅认真负责",)),
    Kind(
        "concierge",
        "other",
        0.15,
        texts=("代收快递", "预约家政保洁"),
    ),
)
SORTED_OUT = "业主已自行解决"
# Replies to complainants (答复): the first one, then one a day while the complaint is open.
FIRST_REPLIES = (
    "已致电业主了解详细情况，表示歉意，已安排相关部门处理，明天下午前回复进展。",
    "已向业主说明情况，正在协调处理，处理结果会及时告知。",
    "已上门与业主沟通，问题已记录，今天安排人员核实。",
)
DAILY_REPLIES = (
    "已向业主通报处理进展，业主表示理解。",
    "已回复业主：相关部门正在处理，预计明天完成。",
    "已告知业主处理进度，并留下联系电话以便随时沟通。",
)
REPLY_CHANNELS = (
    (ReplyChannel.PHONE, 70),
    (ReplyChannel.IN_PERSON, 15),
    (ReplyChannel.SMS, 10),
    (ReplyChannel.PORTAL, 5),
)
# What the office writes down after calling the owner back (回访记录), by the owner's score.
CALLBACK_NOTES = {
    5: "业主对处理结果很满意，称赞师傅态度好。",
    4: "业主表示满意，没有其他意见。",
    3: "业主觉得处理一般，希望以后上门再及时些。",
    2: "业主不满意，反映问题没有彻底解决。",
    1: "业主很不满意，要求重新上门维修。",
}
PLACES = (
    "1号楼地库",
    "中心花园",
    "2号楼电梯厅",
    "南门",
    "会所",
)


@dataclass
class Plan:
    """One order and what happened to it, built in memory."""

    order: WorkOrder
    events: list[WorkOrderEvent] = field(default_factory=list)
    callbacks: list[CallBack] = field(default_factory=list)
    items: list[WorkOrderItem] = field(default_factory=list)
    # Each time the services tell billing about the order's priced items: the order as it
    # stood then, by whom, when.
    bills: list[tuple[WorkOrder, object, datetime]] = field(default_factory=list)


@transaction.atomic
def servicedesk_demo_load(community: Community, *, now: datetime | None = None) -> dict[str, int]:
    """Teams, prices, night duty and a year of orders up to `now` (default: the present
    moment) for `community`, if it has no work orders yet (so a second run changes nothing).

    Returns the counts written (empty when the community already had orders).
    """
    if WorkOrder.objects.filter(community=community).exists():
        return {}
    users = {u.username: u for u in get_user_model().objects.filter(memberships__isnull=False)}
    admin = users["admin"]
    desk.sla_policies_seed(community=community, actor=admin)
    teams = _teams(community, users)
    prices = _prices(community)
    now = now or timezone.now()
    counts = {"roster": _night_duty(community, users, timezone.localdate(now))}
    year = _Year(community, users, teams, prices, now)
    plans = year.plans()
    counts.update(year.write(plans))
    counts["repair_bills"] = _bill_paid_repairs(plans)
    return counts


def _bill_paid_repairs(plans: list[Plan]) -> int:
    """Each paid repair of a home goes to billing as the service desk's own actions send it:
    pending from its resolution, posted once the owner accepted the work (or the order
    closed), each time as the order stood then."""
    billed = [plan for plan in plans if plan.bills and plan.order.unit_id]
    units = Unit.objects.in_bulk({plan.order.unit_id for plan in billed})
    for plan in billed:
        for order, actor, at in plan.bills:
            order.pk, order.number = plan.order.pk, plan.order.number
            order.unit = units[order.unit_id]
            repair_bill_sync(order, actor=actor, at=at)
    return len(billed)


def _teams(community: Community, users: dict) -> dict[str, tuple[Team, list]]:
    existing = {t.name: t for t in Team.objects.filter(community=community)}
    result = {}
    for name, categories, subcategories, supervisor, members in TEAMS:
        team = existing.get(name) or Team.objects.create(
            community=community,
            name=name,
            categories=categories,
            subcategories=subcategories,
            supervisor=users.get(supervisor),
        )
        TeamMember.objects.bulk_create(
            [
                TeamMember(team=team, user=users[username], skills=skills)
                for username, skills in members.items()
                if username in users
            ],
            ignore_conflicts=True,
        )
        result[name] = (team, [users[u] for u in members if u in users])
    return result


def _prices(community: Community) -> list[PriceListItem]:
    PriceListItem.objects.bulk_create(
        [
            PriceListItem(community=community, name=name, unit=unit, price=Decimal(price), sort=n)
            for n, (name, unit, price) in enumerate(PRICES)
        ],
        ignore_conflicts=True,
    )
    by_name = {p.name: p for p in PriceListItem.objects.filter(community=community)}
    return [by_name[name] for name, _unit, _price in PRICES]


def _night_duty(community: Community, users: dict, today: date) -> int:
    """The night repair duty (夜间维修值班): the electricians in turn, for the past year and the
    coming month, as published weekly rosters of the engineering department's duty post."""
    names = ("electrician", "electrician2", "electrician3", "relief-technician")
    rota = [users[u] for u in names if u in users]
    department, _created = Department.objects.get_or_create(
        community=community,
        kind=DepartmentKind.ENGINEERING,
        defaults={"name": "工程维修部", "order": 30},
    )
    post, _created = Post.objects.get_or_create(
        community=community,
        code="repair-duty",
        defaults={"department": department, "title": "维修值班", "order": 90},
    )
    shift, _created = ShiftTemplate.objects.get_or_create(
        community=community,
        code="repair-night",
        defaults={"name": "夜间维修值班", "kind": "duty", "starts": time(17), "ends": time(9)},
    )
    first = today - timedelta(days=DAYS)
    days = [first + timedelta(days=n) for n in range(DAYS + 31)]
    rosters = {}
    for week in sorted({week_of(day) for day in days}):
        rosters[week], _created = Roster.objects.get_or_create(
            community=community,
            post=post,
            week=week,
            defaults={"status": RosterStatus.PUBLISHED, "published_at": timezone.now()},
        )
    rows = []
    for n, day in enumerate(days):
        starts_at, ends_at = shift.span(day)
        rows.append(
            RosterEntry(
                roster=rosters[week_of(day)],
                community=community,
                user=rota[n % len(rota)],
                date=day,
                shift=shift,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
    RosterEntry.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _in_season(kind: Kind, day: date) -> float:
    extra = 0.0
    for m1, d1, m2, d2, more in kind.season:
        first, last = (m1, d1), (m2, d2)
        here = (day.month, day.day)
        inside = first <= here <= last if first <= last else here >= first or here <= last
        if inside:
            extra += more
    return kind.per_day + extra


class _Year:
    """Plans a year of orders; `write` inserts them."""

    def __init__(self, community, users, teams, prices, now):
        self.community = community
        self.users = users
        self.now = now
        self.rng = random.Random(SEED)
        # Replies to complaints draw from their own stream: the rest of the year stays as is.
        self.reply_rng = random.Random(SEED + 1)
        self.prices = prices
        self.tz = timezone.get_current_timezone()
        today = timezone.localdate(now)
        self.first_day = today - timedelta(days=DAYS)
        self.settings = DeskSettings.for_community(community.pk)
        self.teams = teams
        # The active teams of each member, as dispatching finds them.
        self.teams_of: dict[int, list[Team]] = {}
        for team in Team.objects.filter(community=community, active=True).prefetch_related(
            "members"
        ):
            for member in team.members.all():
                self.teams_of.setdefault(member.user_id, []).append(team)
        self.office = [users[u] for u in ("frontdesk", "frontdesk2", "cs-supervisor") if u in users]
        self.homes = self._homes()
        self.residents_with_login = [h for h in self.homes if h[3] is not None]
        self.last_repair: dict[tuple[int, str], datetime] = {}
        self.recent = 0

    def _homes(self) -> list[tuple]:
        """(unit id, resident id, resident name and mobile, the resident's user) per home."""
        rows = (
            Residency.objects.filter(
                unit__community=self.community,
                end_date__isnull=True,
                relation__in=["owner", "tenant"],
            )
            .order_by("unit_id", "id")
            .values_list(
                "unit_id", "resident_id", "resident__name", "resident__user_id", "resident__mobile"
            )
        )
        users = {u.pk: u for u in self.users.values()}
        users.update(
            {u.pk: u for u in get_user_model().objects.filter(residents__community=self.community)}
        )
        seen, homes = set(), []
        for unit_id, resident_id, name, user_id, mobile in rows:
            if unit_id in seen:
                continue
            seen.add(unit_id)
            homes.append((unit_id, resident_id, (name, mobile), users.get(user_id)))
        return homes

    # ---- planning -------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        plans = []
        for n in range(DAYS + 1):
            day = self.first_day + timedelta(days=n)
            received = []
            for kind in KINDS:
                rate = _in_season(kind, day)
                count = int(rate) + (self.rng.random() < rate - int(rate))
                received += [kind] * count
            # Busy days are late more often: the dashboard shows the thaw and the heating.
            late = 0.03 + 0.012 * max(0, len(received) - 8)
            for kind in received:
                at = self._moment(day, kind)
                if at < self.now:
                    plans.append(self._plan(kind, at, late))
        plans.sort(key=lambda p: p.order.created_at)
        return plans

    def _moment(self, day: date, kind: Kind) -> datetime:
        rng = self.rng
        if kind.evening:
            hour = rng.choice((19, 20, 21, 21, 22, 22, 23))
        else:
            hour = rng.choices(
                range(24),
                weights=[1, 1, 1, 1, 1, 2, 3, 6, 9, 10, 10, 9, 6, 7, 9, 9, 9, 8, 7, 6, 5, 4, 2, 1],
            )[0]
        moment = datetime.combine(day, time(hour, rng.randrange(60)))
        return timezone.make_aware(moment, self.tz)

    def _home(self, kind: Kind, at: datetime) -> tuple:
        """A home to report from; a repair of the same kind in the same home within 30 days
        (a repeat repair) happens, but rarely."""
        rng = self.rng
        for _attempt in range(6):
            home = rng.choice(self.homes)
            before = self.last_repair.get((home[0], kind.subcategory))
            if before is None or at - before > REPEAT or rng.random() < 0.15:
                break
        self.last_repair[(home[0], kind.subcategory)] = at
        return home

    def _team_for(self, kind: Kind):
        for team, members in self.teams.values():
            if team.takes(kind.category, kind.subcategory) and members:
                return team, members
        return None, []

    def _plan(self, kind: Kind, at: datetime, late: float) -> Plan:
        rng = self.rng
        repair = kind.category in REPAIRS
        priority = "normal"
        if repair:
            priority = rng.choices(("emergency", "urgent", "normal", "low"), (6, 14, 72, 8))[0]
        elif kind.category == Category.COMPLAINT:
            priority = rng.choices(("urgent", "normal"), (15, 85))[0]
        home = self._home(kind, at) if kind.in_home else None
        # The last days' orders are still being worked: each stops after a number of steps
        # (taken in turn), so that the board shows every state, some on hold for parts.
        stage = None
        if self.now - at < RECENT:
            stage = STAGES[self.recent % len(STAGES)]
            self.recent += 1
        portal = bool(
            home
            and self.residents_with_login
            and kind.category != "praise"
            and (stage == "submitted" or rng.random() < 0.012)
        )
        if portal:
            # The demo logins' households report through the portal now and then.
            home = rng.choice(self.residents_with_login)
            channel = rng.choice(("portal", "portal", "app"))
        elif not kind.in_home and rng.random() < 0.4:
            channel = "patrol"
        else:
            channel = rng.choices(
                ("hotline", "front_desk", "walk_in", "email", "visit", "reception_day"),
                (55, 20, 12, 5, 5, 3),
            )[0]
        office = rng.choice(self.office)
        reporter = home[3] if portal else self.users["guard"] if channel == "patrol" else office
        team, members = self._team_for(kind)
        order = WorkOrder(
            community=self.community,
            unit_id=home[0] if home else None,
            location="" if home else rng.choice(PLACES),
            reporter_user=reporter,
            reporter_resident_id=home[1] if home else None,
            contact_name=home[2][0][:100] if home else "",
            contact_phone=home[2][1] if home else "",
            channel=channel,
            category=kind.category,
            subcategory=kind.subcategory,
            priority=priority,
            description=rng.choice(kind.texts),
            created_at=at,
            complainant_type=rng.choice(ComplainantType.values)
            if kind.category == Category.COMPLAINT
            else "",
        )
        plan = Plan(order)
        life = _Life(self, plan, kind, late, office, reporter, team, members, stage)
        life.run()
        return plan

    # ---- writing -------------------------------------------------------------------

    def write(self, plans: list[Plan]) -> dict[str, int]:
        days: dict[date, int] = {}
        taken = dict(
            WorkOrderCounter.objects.filter(community=self.community).values_list("day", "last")
        )
        code = self.community.code
        for plan in plans:
            day = timezone.localdate(plan.order.created_at)
            days[day] = days.get(day, taken.get(day, 0)) + 1
            plan.order.number = f"{code}-{day:%Y%m%d}-{days[day]:04d}"
        orders = WorkOrder.objects.bulk_create([p.order for p in plans], batch_size=BATCH)
        counters = [
            WorkOrderCounter(community=self.community, day=day, last=last)
            for day, last in days.items()
        ]
        WorkOrderCounter.objects.bulk_create(
            counters,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["community", "day"],
            update_fields=["last"],
        )
        # The rows were built with their orders, which have their keys now.
        events = [row for plan in plans for row in plan.events]
        callbacks = [row for plan in plans for row in plan.callbacks]
        items = [row for plan in plans for row in plan.items]
        WorkOrderEvent.objects.bulk_create(events, batch_size=BATCH)
        CallBack.objects.bulk_create(callbacks, batch_size=BATCH)
        WorkOrderItem.objects.bulk_create(items, batch_size=BATCH)
        checks = self._spot_checks(plans)
        return {
            "orders": len(orders),
            "events": len(events) + len(checks),
            "callbacks": len(callbacks),
            "priced_items": len(items),
            "spot_checks": len(checks),
        }

    def _spot_checks(self, plans: list[Plan]) -> list[SpotCheck]:
        """Each week the supervisor checks three orders closed that week."""
        by_week: dict[date, list[WorkOrder]] = {}
        for plan in plans:
            order = plan.order
            if order.status == Status.CLOSED and order.closed_at:
                closed = timezone.localdate(order.closed_at)
                by_week.setdefault(closed - timedelta(days=closed.weekday()), []).append(order)
        checks, events = [], []
        inspectors = [self.users[u] for u in ("cs-supervisor", "manager") if u in self.users]
        for week in sorted(by_week):
            for order in self.rng.sample(by_week[week], min(3, len(by_week[week]))):
                at = max(
                    order.closed_at,
                    timezone.make_aware(
                        datetime.combine(week + timedelta(days=4), time(15)), self.tz
                    ),
                )
                if at >= self.now:
                    continue
                passed = self.rng.random() < 0.9
                change = steps.spot_check(
                    order,
                    actor=self.rng.choice(inspectors),
                    at=at,
                    passed=passed,
                    finding="" if passed else "回访记录不完整",
                )
                checks.append(change.record)
                events.append(change.event)
        SpotCheck.objects.bulk_create(checks, batch_size=BATCH)
        WorkOrderEvent.objects.bulk_create(events, batch_size=BATCH)
        return checks


class _Life:
    """The steps of one order in time, applied until the present moment."""

    def __init__(self, year, plan, kind, late, office, reporter, team, members, stage=None):
        self.y, self.plan, self.kind, self.late = year, plan, kind, late
        self.o = plan.order
        self.office, self.reporter, self.team, self.members = office, reporter, team, members
        self.rng = year.rng
        self.stopped = False
        # How many more steps an order of the last days takes before the present moment.
        self.budget = None if stage is None else STEPS[stage]
        self.force_hold = stage == "on_hold"
        self.next_reply: datetime | None = None
        # When the order came to stand as it does: the sweep acts from then on.
        self.since = self.o.created_at
        # What billing was last told of the order's priced items.
        self.told: tuple | None = None

    # ---- replies to the complainant ----------------------------------------------------

    def _first_reply(self) -> datetime | None:
        """When the complainant first hears back: mostly well within the deadline, some
        late, a few never."""
        rng, o = self.y.reply_rng, self.o
        roll = rng.random()
        if roll < 0.03:
            return None
        if roll < 0.15:
            return o.response_due_at + timedelta(minutes=rng.randint(30, 8 * 60))
        span = int((o.response_due_at - o.created_at).total_seconds() // 60)
        return o.created_at + timedelta(minutes=rng.randint(10, max(11, min(360, span * 9 // 10))))

    def _following_reply(self, after: datetime) -> datetime:
        """The next day's reply (one day in five is missed), in office hours."""
        rng = self.y.reply_rng
        days = 1 if rng.random() < 0.8 else 2
        day = timezone.localdate(after) + timedelta(days=days)
        moment = datetime.combine(day, time(rng.randint(9, 17), rng.randrange(60)))
        return timezone.make_aware(moment, self.y.tz)

    def _replies(self, until: datetime) -> None:
        """The replies given before `until`: the first one (its first response, perhaps
        late and after the work is done), then one a day while the complaint is open. The
        sweep escalates a reply that is late before it comes."""
        o, rng = self.o, self.y.reply_rng
        if o.status == Status.SUBMITTED:
            return  # the office replies once it has taken the complaint in hand
        while self.next_reply is not None and self.next_reply < min(until, self.y.now):
            at = self.next_reply
            self._sweep(at)
            first = o.responded_at is None
            if o.status not in (
                OPEN_STATES | {Status.RESOLVED, Status.VISITED} if first else OPEN_STATES
            ):
                self.next_reply = None
                return
            by = rng.choice(self.y.office)
            channel = rng.choices(*zip(*REPLY_CHANNELS, strict=True))[0]
            text = rng.choice(FIRST_REPLIES if first else DAILY_REPLIES)
            self.apply(
                steps.reply(
                    o, actor=by, at=at, text=text, channel=channel, replied_by=by, replied_at=at
                )
            )
            self.next_reply = self._following_reply(at) if o.status in OPEN_STATES else None

    def goes_on(self, moment: datetime) -> bool:
        """Whether a step at `moment` happens: before the present moment, and within the
        steps an order of the last days takes."""
        return not (self.budget == 0 or self.stopped or moment >= self.y.now)

    # Each step returns False once the present moment is reached: the order stays as it is.
    def at(self, moment: datetime) -> bool:
        if not self.goes_on(moment):
            self._replies(self.y.now)
            self._sweep(self.y.now)
            self.stopped = True
            return False
        self._replies(moment)
        self._sweep(moment)
        if self.budget is not None:
            self.budget -= 1
        return True

    def apply(self, change: steps.Change) -> None:
        """Keep what a step did, as the service saves it: its deadlines refreshed."""
        sla.refresh(self.o)
        self.plan.events.append(change.event)
        if change.record is not None:
            self.plan.callbacks.append(change.record)
        self.since = change.event.at

    def bill(self, actor, moment: datetime) -> None:
        """The service tells billing what the priced items come to and what posting them
        waits for, as the order stands; kept when that changed (an order without priced
        items has nothing to tell, and telling billing the same again changes nothing)."""
        if not self.plan.items:
            return
        unapproved = any(i.price_item_id is None and i.approved_at is None for i in self.plan.items)
        told = (
            self.o.amount_owed,
            repair_wait(self.o, unapproved=unapproved, settings=self.y.settings),
        )
        if told != self.told:
            self.told = told
            self.plan.bills.append((copy.copy(self.o), actor, moment))

    def _sweep(self, until: datetime) -> None:
        """The SLA sweep, as if it ran all the time, up to `until`: it warns of the earliest
        unmet deadline near and escalates it once passed (`sla_sweep`), each at the first
        moment it would, from when the order came to stand as it does."""
        o = self.o
        while o.status in RUNNING and o.next_due_at is not None:
            due = o.next_due_at
            coming = []
            if o.warned_due_at != due and o.warn_at is not None:
                warn = max(o.warn_at, self.since)
                if warn < due:
                    coming.append((warn, "warn"))
            if o.escalation_level < 2:
                level = o.escalation_level
                coming.append((max(escalation_due(due, level, self.y.settings), self.since), ""))
            if not coming or min(coming)[0] > until:
                return
            moment, warn = min(coming)
            if warn:
                row = steps.warning(o, due=due, at=moment)
            else:
                row = steps.escalation(o, level=o.escalation_level + 1, due=due, at=moment)
            self.plan.events.append(row)
            self.since = moment

    def delay(
        self, due: datetime | None, usual: tuple[int, int], *, slip: float = 1.0
    ) -> timedelta:
        """Minutes to the next step: usually within `usual`, late past the deadline sometimes.

        Always forward in time: a deadline that has already passed makes the step late from
        the present step, not from the deadline."""
        rng = self.rng
        if due is not None and rng.random() < self.late * slip:
            return max(due - self._clock, timedelta(0)) + timedelta(minutes=rng.randint(20, 600))
        minutes = rng.randint(*usual)
        step = timedelta(minutes=minutes)
        if due is not None and self._clock + step > due:
            step = max(timedelta(minutes=1), (due - self._clock) * rng.uniform(0.5, 0.95))
        return step

    def run(self) -> None:
        self._run()
        # Still open at the present moment: the complainant heard back day by day until now,
        # and the sweep watched it.
        self._replies(self.y.now)
        self._sweep(self.y.now)

    def _run(self) -> None:
        o, rng = self.o, self.rng
        t = o.created_at
        self._clock = t
        staff_received = o.channel not in RESIDENT_CHANNELS
        self.plan.events += steps.received(o, actor=self.reporter, at=t, staff=staff_received)
        if o.category == Category.COMPLAINT:
            self.next_reply = self._first_reply()
        # Received by the office: accepted at once. From the portal: accepted soon after,
        # unless the owner cancels first.
        if not staff_received:
            if rng.random() < 0.04:
                t = t + timedelta(minutes=rng.randint(5, 90))
                if self.at(t):
                    self.apply(steps.cancel(o, actor=self.reporter, at=t, reason=SORTED_OUT))
                return
            t = t + self.delay(o.response_due_at, (3, 40))
            if not self.at(t):
                return
        if o.status == Status.SUBMITTED:
            # Not taken in hand on receipt (an owner's request, a guard's report).
            self.apply(steps.accept(o, actor=self.office, at=t))
        if self.next_reply is not None:
            self.next_reply = max(self.next_reply, t + timedelta(minutes=1))
        if staff_received and rng.random() < 0.02:
            t = t + timedelta(minutes=rng.randint(5, 90))
            if self.at(t):
                self.apply(steps.cancel(o, actor=self.office, at=t, reason=SORTED_OUT))
            return
        self._clock = t
        if not self.members:
            return
        assignee = self._assignee()
        t = t + timedelta(minutes=rng.randint(1, 15))
        if not self.at(t):
            return
        team = steps.team_for(o, self.y.teams_of.get(assignee.pk, []))
        self.apply(steps.dispatch(o, assignee=assignee, team=team, actor=self.office, at=t))
        self._work(t, assignee)

    def _assignee(self):
        skilled = [
            m
            for m in self.members
            if self.kind.subcategory in dict(_skills(self.team)).get(m.username, [])
        ]
        return self.rng.choice(skilled or self.members)

    def _work(self, t: datetime, assignee) -> None:
        o, rng = self.o, self.rng
        self._clock = t
        slip = 1.0 + 0.8 * o.rework_count
        t = t + self.delay(o.arrival_due_at or o.resolution_due_at, (10, 180), slip=slip)
        if not self.at(t):
            return
        self.apply(steps.start(o, actor=assignee, at=t))
        self._clock = t
        if self.force_hold or o.category in REPAIRS and rng.random() < 0.06:
            # Waiting for parts: the clocks stop while on hold.
            self.apply(steps.hold(o, actor=assignee, at=t, reason=HELD_FOR))
            back = t + timedelta(hours=rng.randint(20, 70))
            if back >= self.y.now or self.force_hold:
                self.stopped = True
                return
            self._replies(back)
            self.apply(steps.resume(o, actor=assignee, at=back))
            t = self._clock = back
        t = t + self.delay(o.resolution_due_at, (20, 300), slip=slip)
        if self.goes_on(t):
            self._reply_as_done(t)
        if not self.at(t):
            return
        self._resolve(t, assignee)

    def _reply_as_done(self, t: datetime) -> None:
        """A complaint sorted out before its reply was due: the complainant hears back as
        it is done."""
        o = self.o
        due = o.response_due_at
        if o.responded_at is None and self.next_reply is not None and t < self.next_reply <= due:
            self.next_reply = self._clock + (t - self._clock) / 2

    def _resolve(self, t: datetime, assignee) -> None:
        o, rng, kind = self.o, self.rng, self.kind
        rows = []
        if o.category == Category.REPAIR_HOME and kind.items and rng.random() < kind.paid:
            for index in rng.sample(kind.items, rng.randint(1, min(2, len(kind.items)))):
                price = self.y.prices[index]
                rows.append(
                    steps.priced_item(
                        o,
                        name=price.name,
                        unit=price.unit,
                        quantity=Decimal(rng.choice((1, 1, 1, 2, 3))),
                        unit_price=price.price,
                        price_item_id=price.pk,
                    )
                )
        self.plan.items += rows
        self.apply(
            steps.resolve(
                o,
                actor=assignee,
                at=t,
                result="已处理完毕" if not rows else "已维修，按公示价格收费",
                amount_owed=sum((r.amount for r in self.plan.items), Decimal("0.00")),
                added=rows,
                withdrawn=[],
            )
        )
        self.bill(assignee, t)
        self._after_resolve(t, assignee)

    def _after_resolve(self, t: datetime, assignee) -> None:
        o, rng = self.o, self.rng
        late = any(
            met and due and met > due
            for met, due in (
                (o.responded_at, o.response_due_at),
                (o.arrived_at, o.arrival_due_at),
                (o.resolved_at, o.resolution_due_at),
            )
        )
        owner = self.reporter if o.channel in RESIDENT_CHANNELS else None
        if owner is not None and rng.random() < 0.7:
            t = t + timedelta(hours=rng.randint(1, 20))
            if not self.at(t):
                return
            score = rng.choice((2, 3, 4)) if late else rng.choice((4, 5, 5, 5))
            self.apply(steps.rate(o, actor=owner, at=t, score=score))
            self.bill(owner, t)
        if o.category not in REPAIRS | {Category.COMPLAINT}:
            t = t + timedelta(minutes=rng.randint(5, 120))
            if self.at(t):
                self.apply(steps.close(o, actor=self.office, at=t))
                self.bill(self.office, t)
            return
        if rng.random() < 0.04:
            return  # still waiting in the call-back queue
        t = t + timedelta(hours=rng.randint(2, 40) if self.budget is None else rng.randint(1, 3))
        if o.responded_at is None and self.next_reply is not None:
            # The office calls back only once the complainant has had the reply.
            later = self.next_reply + timedelta(minutes=self.y.reply_rng.randint(30, 180))
            t = max(t, later)
        if not self.at(t):
            return
        caller = rng.choice(self.y.office)
        satisfied = rng.random() < (0.85 if late else 0.985) or o.rework_count > 0
        score = rng.choice((4, 5, 5)) if satisfied else rng.choice((1, 2, 3))
        method = rng.choices(("phone", "visit", "message"), (80, 12, 8))[0]
        # Not satisfied: back to the assignee as rework, with fresh deadlines.
        self.apply(
            steps.visit(
                o,
                actor=caller,
                at=t,
                satisfied=satisfied,
                method=method,
                score=score,
                note=CALLBACK_NOTES[score],
            )
        )
        if not satisfied:
            self._work(t, assignee)
            return
        self.bill(caller, t)
        t = t + timedelta(minutes=rng.randint(2, 30))
        if self.at(t):
            self.apply(steps.close(o, actor=caller, at=t))
            self.bill(caller, t)


def _skills(team: Team | None) -> list[tuple[str, list[str]]]:
    for name, _c, _s, _sup, members in TEAMS:
        if team is not None and name == team.name:
            return list(members.items())
    return []
