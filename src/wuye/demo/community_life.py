"""A year of community life in Bordeaux Town: events, interest groups, reception days, visits.

Two events a month (festivals, talks, children's classes) with households signed up and
checked in, one called off for the weather, and next month's already filling up, one of them
full with a waiting list; four interest groups with members and posts on their boards; the
manager's reception day on the 15th of every month with its bookings and outcomes; about ten
visits to homes a month. A few issues of the last weeks became work orders through the
service desk's intake. Rows are written with bulk inserts; a fixed seed makes the year the
same on every run, and a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community
from wuye.engagement.models import (
    Event,
    EventSignup,
    GroupMembership,
    GroupPost,
    InterestGroup,
    ReceptionBooking,
    ReceptionSlot,
    SignupStatus,
    Visit,
)
from wuye.estates.models import Relation, Residency, Resident, Unit
from wuye.servicedesk.models import Channel, WorkOrder
from wuye.servicedesk.services.intake import work_order_submit

SEED = 20261127
MONTHS = 12
BATCH = 2000

# title: place, hour, hours, capacity
EVENTS = {
    "元宵灯谜会": ("中心广场", 19, 2, 120),
    "亲子手工课": ("会所活动室", 10, 2, 30),
    "消防安全讲座": ("会所多功能厅", 15, 1, 60),
    "端午包粽子": ("会所活动室", 10, 3, 40),
    "夏夜露天电影": ("中心广场", 21, 2, 150),
    "少儿书法班": ("会所阅览室", 9, 2, 20),
    "中秋游园会": ("中心广场", 18, 3, 200),
    "重阳敬老茶话会": ("会所多功能厅", 15, 2, 50),
    "冬季健康义诊": ("会所多功能厅", 9, 3, 80),
    "跳蚤市场": ("中心广场", 10, 4, 100),
    "垃圾分类课堂": ("会所活动室", 19, 1, 40),
    "新春写福字": ("会所阅览室", 10, 2, 30),
}
# The year's two events a month, each in its season: the Lantern Festival in February, the
# Dragon Boat Festival in June, Mid-Autumn in September, the Double Ninth in October.
CALENDAR = {
    1: ("新春写福字", "冬季健康义诊"),
    2: ("元宵灯谜会", "亲子手工课"),
    3: ("垃圾分类课堂", "少儿书法班"),
    4: ("跳蚤市场", "消防安全讲座"),
    5: ("亲子手工课", "少儿书法班"),
    6: ("端午包粽子", "跳蚤市场"),
    7: ("夏夜露天电影", "消防安全讲座"),
    8: ("夏夜露天电影", "少儿书法班"),
    9: ("中秋游园会", "垃圾分类课堂"),
    10: ("重阳敬老茶话会", "跳蚤市场"),
    11: ("消防安全讲座", "冬季健康义诊"),
    12: ("亲子手工课", "垃圾分类课堂"),
}
GROUPS = (
    ("书法社", "每周二晚上在会所阅览室活动。"),
    ("广场舞队", "每天晚上8点在中心广场，音响音量调小，不扰民。"),
    ("象棋俱乐部", "周末下午活动，欢迎新手。"),
    ("亲子阅读会", "每周六上午，适合3到10岁的孩子。"),
)
POSTS = (
    "因消防演练，本周活动改到周四，时间不变。",
    "感谢大家参加，活动照片已放到会所相册里。",
    "周六需要两位志愿者帮忙搬音响，有空的请回复。",
    "新加入的朋友请自带毛笔，纸张由会所提供。",
    "会所已同意借投影仪给我们，下次活动可以用上。",
    "春季比赛成绩已贴在会所公告栏，欢迎查看。",
)
# The topic an owner brings to the reception day; the words before "%s" tell them apart.
TOPICS = (
    ("消防通道被占：%s号楼前每晚都有车停在消防通道上。", "complaint"),
    ("楼道渗水：%s号楼楼梯间顶棚有水渍。", "repair_common"),
    ("询问%s号楼电梯什么时候更新改造。", "enquiry"),
    ("希望儿童游乐场多放几张长椅。", "suggestion"),
    ("楼下商铺晚上十点以后还很吵。", "complaint"),
    ("入冬以来卧室暖气一直不够热。", "repair_home"),
    ("想了解专项维修资金还有多少结余。", "enquiry"),
)
OUTCOMES = (
    "已向业主说明方案和时间安排，业主表示满意。",
    "答应三天内上门查看，由前台回访业主。",
    "已附照片转工程维修部处理。",
    "已向业主解释相关规定和处罚措施，夜间加强巡逻。",
)
FINDINGS = (
    ("一家人已入住安顿好，问了供暖季的安排。", ""),
    ("客厅窗户密封条漏风。", "repair_home"),
    ("老人独居，请前台每周打电话问候一次。", ""),
    ("反映单元门口有狗粪没人清理。", "complaint"),
    ("对保洁满意，建议地库多装几盏灯。", "suggestion"),
    ("阳台地砖开裂。", "repair_home"),
    ("无异常，已更新联系电话。", ""),
)


def community_life_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Load a year of community life, unless the community already has events.

    Returns what was written (empty when there was something already).
    """
    if Event.objects.filter(community=community).exists():
        return {}
    today = today or timezone.localdate()
    with transaction.atomic():
        return _load(community, today)


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _months(today: date) -> list[date]:
    """The first day of the last twelve months and of next month, oldest first."""
    first = today.replace(day=1)
    months = []
    for back in range(MONTHS - 1, -2, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        months.append(date(year, month + 1, 1))
    return months


def _load(community: Community, today: date) -> dict[str, int]:
    rng = random.Random(SEED)
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["manager", "frontdesk", "clubhouse", "owner", "owner2"]
        )
    }
    manager, desk = users["manager"], users["frontdesk"]
    clubhouse = users.get("clubhouse", desk)
    owners = list(
        Residency.objects.current()
        .filter(unit__community=community, relation=Relation.OWNER)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "resident_id", "resident__user_id", "unit__building__number")
    )
    homes = sorted({unit_id for unit_id, *_ in owners})
    now = timezone.now()
    counts = {}
    counts.update(_events(community, today, now, rng, homes, desk, manager))
    counts.update(_groups(community, rng, owners, clubhouse))
    counts.update(_reception(community, today, now, rng, owners, manager, desk))
    counts.update(_visits(community, today, rng, owners, desk, manager))
    return counts


def _events(community, today, now, rng, homes, desk, manager) -> dict[str, int]:
    events = []
    for m, month in enumerate(_months(today)):
        for n, day in enumerate((month + timedelta(days=9), month + timedelta(days=23))):
            title = CALENDAR[month.month][n]
            place, hour, hours, capacity = EVENTS[title]
            starts = _aware(day, hour)
            events.append(
                Event(
                    community=community,
                    title=title,
                    description="",
                    place=place,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=hours),
                    capacity=capacity,
                    signup_deadline=starts - timedelta(days=1),
                    created_by=manager,
                    cancelled_at=starts - timedelta(days=2) if (m, n) == (6, 1) else None,
                    cancel_reason="沙尘暴预警，活动取消" if (m, n) == (6, 1) else "",
                )
            )
    events = Event.objects.bulk_create(events)
    signups = []
    for event in events:
        if event.cancelled_at:
            continue
        upcoming = event.starts_at > now
        # Next month's events fill up: the last one beyond its capacity.
        full = upcoming and event is events[-1]
        wanted = event.capacity + 12 if full else int(event.capacity * rng.uniform(0.5, 0.95))
        taken, waiting = 0, False
        for unit_id in rng.sample(homes, min(len(homes), wanted)):
            people = rng.choice((1, 1, 2, 2, 3, 4))
            # Once someone waits, everyone after waits too: the list moves up in order.
            fits = not waiting and taken + people <= event.capacity
            if not fits and not upcoming:
                continue
            waiting = not fits
            taken += people if fits else 0
            came = 0
            if not upcoming and rng.random() > 0.12:
                came = max(1, people - rng.choice((0, 0, 1)))
            ahead = timedelta(days=rng.randint(1, 10))
            signups.append(
                EventSignup(
                    event=event,
                    unit_id=unit_id,
                    people=people,
                    status=SignupStatus.CONFIRMED if fits else SignupStatus.WAITING,
                    signed_up_by=desk,
                    # Up to ten days before the deadline; for next month's events, in the
                    # last hours: the demo's history ends today.
                    signed_up_at=min(event.signup_deadline - ahead, now - ahead / 24),
                    checked_in_at=event.starts_at + timedelta(minutes=rng.randint(0, 20))
                    if came
                    else None,
                    attended=came,
                )
            )
    EventSignup.objects.bulk_create(signups, batch_size=BATCH)
    return {"events": len(events), "signups": len(signups)}


def _groups(community, rng, owners, clubhouse) -> dict[str, int]:
    groups = InterestGroup.objects.bulk_create(
        InterestGroup(community=community, name=name, description=text, organiser=clubhouse)
        for name, text in GROUPS
    )
    residents = sorted({resident_id for _, resident_id, _, _ in owners})
    with_login = {resident_id: user_id for _, resident_id, user_id, _ in owners if user_id}
    start = timezone.now() - timedelta(days=300)
    members, posts = [], []
    for group in groups:
        chosen = set(rng.sample(residents, min(len(residents), rng.randint(12, 30))))
        chosen |= set(list(with_login)[:1])
        for resident_id in sorted(chosen):
            members.append(
                GroupMembership(
                    group=group,
                    resident_id=resident_id,
                    joined_at=start + timedelta(days=rng.randint(0, 250)),
                )
            )
        for k in range(rng.randint(4, 6)):
            author_id = rng.choice([clubhouse.pk, *with_login.values()])
            posts.append(
                GroupPost(
                    group=group,
                    author_id=author_id,
                    body=POSTS[(k + group.pk) % len(POSTS)],
                    posted_at=start + timedelta(days=40 * k + rng.randint(0, 30)),
                )
            )
    GroupMembership.objects.bulk_create(members, batch_size=BATCH)
    GroupPost.objects.bulk_create(posts)
    return {"groups": len(groups), "group_members": len(members), "group_posts": len(posts)}


def _reception(community, today, now, rng, owners, manager, desk) -> dict[str, int]:
    slots = []
    for month in _months(today):
        day = month.replace(day=15)
        for k in range(6):  # 9:00 to 11:00, twenty minutes each
            starts = _aware(day, 9, 0) + timedelta(minutes=20 * k)
            slots.append(
                ReceptionSlot(
                    community=community,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=20),
                    place="物业服务中心",
                    host=manager,
                )
            )
    slots = ReceptionSlot.objects.bulk_create(slots)
    bookings = []
    for slot in slots:
        if rng.random() > (0.3 if slot.starts_at > now else 0.7):
            continue
        unit_id, resident_id, user_id, building = rng.choice(owners)
        text, _kind = TOPICS[rng.randrange(len(TOPICS))]
        done = slot.starts_at < now
        ahead = timedelta(days=rng.randint(2, 12))
        bookings.append(
            ReceptionBooking(
                slot=slot,
                unit_id=unit_id,
                resident_id=resident_id,
                topic=text % building if "%s" in text else text,
                booked_by_id=user_id or desk.pk,
                booked_at=min(slot.starts_at - ahead, now - ahead / 24),
                outcome=rng.choice(OUTCOMES) if done else "",
                follow_up=done and rng.random() < 0.4,
                outcome_by=manager if done else None,
                outcome_at=slot.ends_at if done else None,
            )
        )
    bookings = ReceptionBooking.objects.bulk_create(bookings)
    recent = [b for b in bookings if b.follow_up and b.slot.starts_at > now - timedelta(days=62)]
    for booking in recent[:3]:
        kind = next(k for t, k in TOPICS if booking.topic.startswith(t.split("%s")[0]))
        order = _order(community, manager, booking, Channel.RECEPTION_DAY, kind, booking.topic)
        ReceptionBooking.objects.filter(pk=booking.pk).update(work_order=order)
    return {"reception_slots": len(slots), "reception_bookings": len(bookings)}


def _order(community, actor, record, channel: str, category: str, text: str) -> WorkOrder:
    """The work order an issue became, received through the service desk's intake (the link is
    written in bulk style, without the audit row a click on the staff page leaves)."""
    return work_order_submit(
        actor=actor,
        community=community,
        category=category,
        channel=channel,
        description=text,
        unit=Unit.objects.get(pk=record.unit_id),
        reporter_resident=Resident.objects.get(pk=record.resident_id),
    )


def _visits(community, today, rng, owners, desk, manager) -> dict[str, int]:
    visits = []
    for days_ago in range(365, 0, -3):
        unit_id, resident_id, _, _ = rng.choice(owners)
        text, kind = FINDINGS[rng.randrange(len(FINDINGS))]
        visits.append(
            Visit(
                community=community,
                unit_id=unit_id,
                visited_on=today - timedelta(days=days_ago),
                visitor=rng.choice((desk, manager)),
                people_met="业主本人" if rng.random() < 0.7 else "业主及家人",
                resident_id=resident_id,
                findings=text,
                follow_up=bool(kind),
                recorded_by=desk,
            )
        )
    visits = Visit.objects.bulk_create(visits, batch_size=BATCH)
    recent = [v for v in visits if v.follow_up and v.visited_on > today - timedelta(days=30)]
    for visit in recent[:3]:
        kind = next(k for t, k in FINDINGS if t == visit.findings)
        order = _order(community, desk, visit, Channel.VISIT, kind, visit.findings)
        Visit.objects.filter(pk=visit.pk).update(work_order=order)
    return {"visits": len(visits)}
