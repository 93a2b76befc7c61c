"""Bordeaux Town's guards at work: the night-and-day patrol route and its rounds of the last
fortnight, and the incidents of the past year, through the services.

Five checkpoints (the north gate's printed QR, NFC tags at the garage ramp and the fire
passage of building 3, the pump room's printed QR and a GPS fence at the central garden's
water feature) on one route walked in order, four rounds a shift by whoever the roster puts
on the patrol post. On the post's rest days the security supervisor walks the round. Most
scans are on time, a few late, a few points missed (marked when their window closed);
today's later rounds are still ahead. The incidents: a stolen e-bike battery (the only one
the 1 ‰ indicator counts), a flooded garage corner that needed a work order, a child hurt at
the playground, a suspicious person at night and a neighbours' quarrel in the car park.
A fixed seed makes the rounds the same on every run; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community
from wuye.security.handover import services as handovers
from wuye.security.handover.models import Handover, HandoverItem
from wuye.security.incidents import services as incidents
from wuye.security.incidents.models import Incident, IncidentKind, Severity
from wuye.security.patrols import services as patrols
from wuye.security.patrols.escalation import point_acknowledge
from wuye.security.patrols.models import (
    Checkpoint,
    PatrolPlan,
    PatrolTask,
    PointStatus,
    Route,
    RoutePoint,
    TaskPoint,
    Verification,
)
from wuye.staff.organisation.models import Post
from wuye.staff.rosters.models import ShiftTemplate
from wuye.staff.rosters.queries import on_duty

SEED = 20261208
DAYS = 14
# Hami's north-city core: the community's central garden.
GARDEN = (Decimal("42.833200"), Decimal("93.514600"))
# name, place, verification, NFC UID, minutes after the round starts
CHECKPOINTS = (
    ("北门岗亭", "北门人行入口", Verification.QR, "", 0),
    ("地下车库坡道", "地下车库B1入口", Verification.NFC, "04:5A:1C:9B:3E:71:80", 10),
    ("3号楼消防通道", "3号楼东侧", Verification.NFC, "04:77:2D:0A:C4:18:80", 20),
    ("水泵房", "2号楼地下一层", Verification.QR, "", 30),
    ("中心花园水景", "中心花园", Verification.GPS, "", 40),
)
ROUNDS = "0,120,240,360"
# The control centre's counted items (交接物品) and how many there are.
ITEMS = (("钥匙（设备房、天台）", 24), ("对讲机", 6), ("手电筒", 4), ("防暴器材", 6))
HANDOVER_DAYS = 3
HANDOVER_NOTES = (
    "本班无异常，监控画面正常。",
    "北门道闸抬杆偶有延迟，已报工程部。",
    "3号楼消防通道有杂物，已通知保洁清理。",
    "夜间车辆进出正常，访客已全部离场。",
)
REASONS = (
    "巡逻途中处理业主求助，已补巡。",
    "对讲机通知协助北门车辆疏导，已补巡。",
    "当班人员漏扫，已谈话提醒。",
)
TOLERANCE = 10


def guards_load(community: Community, now: datetime | None = None) -> dict[str, int]:
    """Load the patrols and incidents, unless the community has checkpoints already or has
    no patrol post and shifts yet."""
    if Checkpoint.objects.filter(community=community).exists():
        return {}
    post = Post.objects.filter(community=community, code="patrol").first()
    shifts = list(ShiftTemplate.objects.filter(community=community, code__in=SHIFT_CODES))
    if post is None or len(shifts) != len(SHIFT_CODES):
        return {}
    with transaction.atomic():
        return _load(community, post, shifts, now or timezone.now())


SHIFT_CODES = ("day", "middle", "night")


def _load(community: Community, post: Post, shifts: list, now: datetime) -> dict[str, int]:
    rng = random.Random(SEED)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_LOGINS)}
    route = Route.objects.create(community=community, name="全区巡逻路线", ordered=True)
    for order, (name, place, kind, uid, offset) in enumerate(CHECKPOINTS):
        checkpoint = Checkpoint.objects.create(
            community=community,
            name=name,
            place=place,
            verification=kind,
            tag_uid=uid,
            latitude=GARDEN[0] if kind == Verification.GPS else None,
            longitude=GARDEN[1] if kind == Verification.GPS else None,
            radius_m=40,
        )
        RoutePoint.objects.create(
            route=route,
            checkpoint=checkpoint,
            order=order,
            offset_minutes=offset,
            tolerance_minutes=TOLERANCE,
        )
    for shift in shifts:
        PatrolPlan.objects.create(route=route, post=post, shift=shift, start_offsets=ROUNDS)
    today = timezone.localtime(now).date()
    for offset in range(DAYS, -1, -1):
        patrols.tasks_generate(community, today - timedelta(days=offset))
    counts = _walk(community, users.get("security"), now, rng)
    counts["checkpoints"] = len(CHECKPOINTS)
    counts["incidents"] = _incidents(community, users, today)
    counts["handovers"] = _handovers(community, users.get("security"), now)
    return counts


def _proof(checkpoint: Checkpoint, at: datetime) -> tuple[str, Decimal | None, Decimal | None]:
    if checkpoint.verification == Verification.NFC:
        return checkpoint.tag_uid, None, None
    if checkpoint.verification == Verification.QR:
        return patrols.qr_payload(checkpoint), None, None
    if checkpoint.verification == Verification.ROTATING_QR:
        return patrols.rotating_code(checkpoint, at), None, None
    return "", checkpoint.latitude, checkpoint.longitude


def _walk(community: Community, supervisor, now: datetime, rng: random.Random) -> dict[str, int]:
    """Scan the points of every round whose window has closed: on time mostly, a few late
    (a minute or twenty past the window), one in fifty left unscanned, which the sweep then
    marks missed and tells the supervisor of."""
    counts = {"tasks": 0, "scans": 0, "missed": 0}
    tasks = PatrolTask.objects.filter(community=community).order_by("starts_at", "pk")
    for task in tasks:
        counts["tasks"] += 1
        walker = next(iter(patrols.walkers(task)), None) or supervisor
        points = (
            TaskPoint.objects.filter(task=task, window_closes_at__lte=now)
            .select_related("route_point__checkpoint")
            .order_by("window_opens_at", "pk")
        )
        # The route is walked in order: a guard who skips a point moves on once its window
        # has closed, and never scans before the previous scan.
        walked_to = task.starts_at
        for point in points:
            luck = rng.random()
            if luck < 0.02 or walker is None:
                walked_to = max(walked_to, point.window_closes_at)
                continue  # the sweep below marks it missed
            if luck < 0.09:
                at = point.window_closes_at + timedelta(minutes=rng.randint(1, 20))
            else:
                at = point.window_opens_at + timedelta(seconds=rng.randint(60, TOLERANCE * 60 - 60))
            at = max(at, walked_to + timedelta(seconds=rng.randint(30, 90)))
            if at > now:
                break
            walked_to = at
            proof, latitude, longitude = _proof(point.route_point.checkpoint, at)
            result = patrols.scan(
                actor=walker,
                task=task,
                checkpoint_id=point.route_point.checkpoint_id,
                proof=proof,
                scanned_at=at,
                latitude=latitude,
                longitude=longitude,
                received_at=at + timedelta(seconds=rng.randint(1, 5)),
            )
            counts["scans"] += result.result != "rejected"
    patrols.sweep_missed(now)
    missed = TaskPoint.objects.filter(task__community=community, status=PointStatus.MISSED)
    counts["missed"] = missed.count()
    # The supervisor has seen to the missed points of earlier days; today's are still open.
    today = timezone.localtime(now).date()
    for point in missed.filter(task__date__lt=today).select_related("task"):
        point_acknowledge(actor=supervisor, point=point, note=rng.choice(REASONS))
    return counts


def _incidents(community: Community, users: dict, today: date) -> int:
    guard, security = users.get("guard"), users.get("security")
    if guard is None or security is None:
        return 0

    def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
        day = today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def report(days_ago: int, hour: int, **data) -> Incident:
        occurred = at(days_ago, hour)
        return incidents.incident_report(
            actor=guard,
            community=community,
            occurred_at=occurred,
            at=occurred + timedelta(minutes=25),
            **data,
        )

    battery = report(
        200,
        2,
        kind=IncidentKind.THEFT,
        severity=Severity.MEDIUM,
        place="7号楼电动车棚",
        description="业主反映停放在车棚的电动车电池夜间被盗，车棚监控拍到一名戴帽男子。",
        people_involved="7号楼2单元501业主",
    )
    incidents.incident_update(
        actor=security,
        incident=battery,
        note="已调取监控并陪同业主报警，派出所已受理。",
        police_report_number="哈公(北)受字〔2026〕0412号",
        at=at(200, 9),
    )
    incidents.incident_close(
        actor=security,
        incident=battery,
        outcome="派出所已立案；车棚加装一路监控，夜班巡逻增加车棚点位。",
        at=at(185, 16),
    )
    flood = report(
        150,
        6,
        kind=IncidentKind.FLOODING,
        severity=Severity.HIGH,
        place="地下车库B1东北角",
        description="融雪水从排水沟倒灌进地下车库，东北角积水约10厘米，已摆放挡水板。",
    )
    incidents.incident_raise_work_order(
        actor=guard,
        incident=flood,
        description="地下车库B1东北角排水沟堵塞，需清淤并检查集水井水泵。",
        at=at(150, 6, 40),
    )
    incidents.incident_close(
        actor=security,
        incident=flood,
        outcome="排水沟已清淤，集水井水泵检修完毕，无车辆受损。",
        at=at(149, 17),
    )
    hurt = report(
        60,
        17,
        kind=IncidentKind.INJURY,
        severity=Severity.LOW,
        place="中心花园儿童游乐区",
        description="一名儿童从滑梯摔下擦伤膝盖，岗亭急救箱处理后由家长带回。",
    )
    incidents.incident_close(
        actor=security,
        incident=hurt,
        outcome="已回访家长，孩子无大碍；滑梯底部加铺软垫。",
        at=at(58, 10),
    )
    stranger = report(
        12,
        1,
        kind=IncidentKind.SUSPICIOUS_PERSON,
        severity=Severity.MEDIUM,
        place="5号楼北侧围墙",
        description="夜巡发现一名男子在围墙边徘徊，询问后称找朋友，无法说出门牌号，已劝离。",
    )
    incidents.incident_update(
        actor=security,
        incident=stranger,
        note="已通报各岗位留意，调阅监控确认其从北门离开。",
        at=at(12, 9),
    )
    report(
        1,
        19,
        kind=IncidentKind.OTHER,
        severity=Severity.LOW,
        place="地面停车场C区",
        description="两位业主因车位停放发生口角，岗亭人员到场劝解，双方已离开。",
        people_involved="3号楼、9号楼业主各一人",
    )
    return Incident.objects.filter(community=community).count()


def _handovers(community: Community, supervisor, now: datetime) -> int:
    """The control centre's handovers of the last three days, shift by shift: the outgoing
    guard counts and hands over, the incoming one counts and takes over; once a radio is
    found missing at the takeover (a discrepancy the supervisor is told of), and the last
    handover before now still waits for the incoming guard."""
    post = Post.objects.filter(community=community, code="control-centre").first()
    if post is None or supervisor is None:
        return 0
    for order, (name, expected) in enumerate(ITEMS):
        HandoverItem.objects.create(community=community, name=name, expected=expected, order=order)
    shifts = ShiftTemplate.objects.filter(community=community, code__in=SHIFT_CODES)
    today = timezone.localtime(now).date()
    ends = sorted(
        end
        for offset in range(HANDOVER_DAYS, -1, -1)
        for shift in shifts
        for end in [shift.span(today - timedelta(days=offset))[1]]
        if end <= now
    )[-HANDOVER_DAYS * 3 :]
    full = {name: expected for name, expected in ITEMS}
    for n, ends_at in enumerate(ends):
        outgoing = _on_post(community, post, ends_at - timedelta(minutes=1)) or supervisor
        incoming = _on_post(community, post, ends_at) or supervisor
        if incoming == outgoing:
            continue
        handover = handovers.handover_start(
            actor=outgoing, community=community, post=post, ends_at=ends_at
        )
        handovers.handover_count(
            actor=outgoing,
            handover=handover,
            counts=full,
            cctv_status="ok",
            fire_panel_status="normal",
            notes=HANDOVER_NOTES[n % len(HANDOVER_NOTES)],
        )
        handovers.handover_submit(actor=outgoing, handover=handover)
        if ends_at == ends[-1]:
            continue  # the incoming guard has not counted yet
        found = dict(full, 对讲机=5) if n == len(ends) // 2 else full
        handovers.handover_confirm(actor=incoming, handover=handover, counts=found)
        Handover.objects.filter(pk=handover.pk).update(
            created_at=ends_at - timedelta(minutes=15),
            submitted_at=ends_at - timedelta(minutes=5),
            confirmed_at=ends_at + timedelta(minutes=3),
        )
    Handover.objects.filter(post=post, confirmed_at=None).update(
        created_at=ends[-1] - timedelta(minutes=15), submitted_at=ends[-1] - timedelta(minutes=5)
    )
    return Handover.objects.filter(community=community).count()


def _on_post(community: Community, post: Post, at: datetime):
    duties = on_duty(community, at, post.pk)
    return duties[0].user if duties else None


_LOGINS = ("security", "guard")
