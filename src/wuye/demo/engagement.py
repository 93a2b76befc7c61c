"""Bordeaux Town's year of telling and asking the owners: notices with read receipts, two
completed owners' votes, and the management service reports of the last months.

- Portal logins: the owners of about six homes in ten use the owner portal (one login per
  home; the featured demo owners already have theirs). Their receipts make the read rates.
- Notices (公告): the year of a Hami estate — the heating season (15 Oct – 15 Apr) and its
  fee publicity, water and power outages, spring greening, wind and cold-wave warnings,
  lift inspections, fee and common-income publicity — each read by a share of its readers
  that depends on its kind (an emergency is read by more than a policy).
- Votes (业主表决): an ordinary matter that passes (face-recognition gate access) and a major
  matter that fails (turning the green north of a building into parking spaces: changing
  the use of common parts needs three quarters). The electorate is frozen the way the vote
  service freezes it, and ballots are written in bulk, by the owners in the portal where
  they have a login and on paper at the office otherwise.
- Reports: the last three full months and the last full quarter, published by the manager
  through the publishing service, so that the owners' portal has reports to read.

Everything is drawn from a fixed seed; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from wuye.core import audit
from wuye.core.models import Community
from wuye.core.report import Period
from wuye.engagement.models import (
    Ballot,
    Channel,
    ElectorateHome,
    Matter,
    Notice,
    NoticeKind,
    NoticeRead,
    PublishedReport,
    Vote,
)
from wuye.engagement.service_report import queries as report_queries
from wuye.engagement.service_report.services import service_report_publish
from wuye.engagement.votes import queries, tally
from wuye.estates.models import Relation, Residency, Resident

from .facts import PASSWORD

SEED = 20260612
BATCH = 2000
PORTAL_SHARE = 0.6
# The share of its readers who open a notice, by kind.
READ_SHARE = {
    NoticeKind.EMERGENCY: 0.86,
    NoticeKind.OUTAGE: 0.74,
    NoticeKind.FEE_PUBLICITY: 0.63,
    NoticeKind.GENERAL: 0.55,
    NoticeKind.POLICY: 0.42,
}
K = NoticeKind
# month, day, kind, audience ("" the community, else the kind of building), days pinned,
# days shown, title, text
NOTICES = [
    (10, 8, K.GENERAL, "", 10, 30, "关于2026—2027年度采暖季供暖的通知",
     "根据哈密市供热管理部门安排，本采暖季自10月15日起至次年4月15日止，集中供暖。\n"
     "供暖前管网注水试压期间，请各位业主关闭户内暖气阀门并留人在家，发现跑冒滴漏请立即拨打"
     "物业服务中心电话。\n室内温度不低于18℃；如室温不达标，请报修，工程部24小时内上门检测。"),
    (10, 10, K.FEE_PUBLICITY, "", 0, 60, "采暖费收费标准公示",
     "依据哈密市物价部门核定标准，住宅采暖费按建筑面积每平方米22元/采暖季收取。\n"
     "请于11月30日前到物业服务中心收费处或通过业主服务平台缴纳，现场可开具正式票据。"),
    (10, 22, K.OUTAGE, "multi_storey", 0, 5, "多层住宅暖气管网打压试水通知",
     "10月24日9:00—17:00对多层住宅楼暖气管网进行打压试水。\n"
     "请业主留人在家，检查户内暖气片、阀门和管件，如有渗漏请及时联系工程部。"),
    (11, 12, K.EMERGENCY, "", 3, 7, "寒潮蓝色预警：请做好水管防冻",
     "哈密市气象台发布寒潮蓝色预警，未来三天最低气温降至-20℃以下。\n"
     "请关好门窗，空置房屋请勿关闭暖气阀门；阳台、厨房水管请做好保温。发现冻裂漏水请立即报修。"),
    (12, 8, K.GENERAL, "", 0, 20, "冬季除雪及防滑安全提示",
     "降雪后物业保洁与工程人员将第一时间清扫主干道、单元出入口及坡道，并撒融雪剂。\n"
     "请业主出行注意防滑，车辆减速慢行，勿在消防通道停车，以免影响除雪作业。"),
    (12, 26, K.FEE_PUBLICITY, "", 5, 45, "2027年度物业服务费缴纳通知",
     "2027年度物业服务费标准不变：多层住宅0.80元/㎡·月，小高层1.20元/㎡·月，商铺2.00元/㎡·月。\n"
     "一次性缴纳全年费用的业主，可在业主服务平台查询电子收据。"),
    (1, 15, K.FEE_PUBLICITY, "", 10, 60, "2026年度物业服务费收支情况公示",
     "现将2026年度物业服务费收入、支出情况予以公示：物业费收缴率、人员费用、保洁绿化外包、"
     "公共能耗、维修养护等明细见物业服务中心公示栏。\n业主如有疑问，可在工作日到物业服务中心查阅凭证。"),
    (1, 20, K.POLICY, "", 0, 40, "春节期间安全管理规定",
     "根据哈密市烟花爆竹燃放管理规定，市区禁止燃放烟花爆竹，请业主共同遵守。\n"
     "春节期间外出的业主，请关闭水、电、燃气总阀，并告知物业服务中心，安保人员将加强巡查。"),
    (2, 26, K.OUTAGE, "small_high_rise", 0, 7, "小高层电梯年度检验通知",
     "哈密市特种设备检验机构将于3月2日至3月4日对小高层住宅楼电梯进行年度检验。\n"
     "检验期间每部电梯停运约2小时，检验时间将在各单元张贴，请业主合理安排出行。"),
    (3, 18, K.GENERAL, "", 0, 30, "春季绿化补植与修剪通知",
     "3月下旬起对小区绿地进行春季补植、修剪和松土施肥，并对冬季冻伤的苗木进行更换。\n"
     "施工期间请看护好儿童和宠物，勿踩踏新植草坪。"),
    (4, 14, K.GENERAL, "", 0, 10, "关于本采暖季停止供暖的通知",
     "本采暖季于4月15日24时停止供暖。停暖后请勿私自开启暖气阀门或放水。\n"
     "如发现暖气设施漏水，请及时报修。"),
    (4, 23, K.EMERGENCY, "", 2, 4, "大风沙尘天气预警",
     "哈密市气象台发布大风黄色预警，阵风可达10级，并伴有沙尘。\n"
     "请关好门窗，收回阳台晾晒衣物和花盆，车辆请勿停放在树下及广告牌旁。"),
    (5, 8, K.OUTAGE, "multi_storey", 0, 4, "二次供水水箱清洗消毒停水通知",
     "5月10日9:00—15:00对多层住宅楼二次供水水箱进行清洗消毒，届时停水。\n"
     "请业主提前储水；恢复供水后请先放水一分钟再使用。水质检测报告将在公示栏张贴。"),
    (5, 20, K.GENERAL, "", 0, 14, "入户燃气安全检查通知",
     "燃气公司将于5月25日至6月5日入户进行燃气安全检查，检查人员佩戴工作证件，不收取任何费用。\n"
     "请业主留人在家配合；如检查时间不便，请联系物业服务中心另行预约。"),
    (6, 10, K.POLICY, "", 0, 90, "房屋装修管理规定（修订）",
     "装修前请到物业服务中心办理装修申请，签订装修管理协议。\n"
     "施工时间为工作日8:30—12:00、15:30—19:00，节假日禁止噪声施工；不得拆改承重墙和外立面。"),
    (6, 28, K.FEE_PUBLICITY, "", 0, 60, "上半年公共收益收支公示",
     "公共区域停车、广告及场地租赁等公共收益单独核算，按规定比例补充专项维修资金。\n"
     "上半年收入、支出及结余明细见公示栏，业主可到物业服务中心查阅。"),
    (7, 6, K.OUTAGE, "", 2, 3, "计划停电通知",
     "供电公司将于7月8日8:00—14:00对小区10千伏线路进行检修，届时全小区停电。\n"
     "停电期间电梯停止运行，请勿乘坐；请提前为冰箱食物做好准备。"),
    (7, 20, K.GENERAL, "", 0, 20, "高温天气防暑及用电安全提示",
     "近期哈密持续高温，请减少午间外出，注意防暑。\n"
     "空调用电负荷大，请勿私拉乱接电线；电动自行车请在集中充电棚充电，严禁入户充电。"),
    (8, 12, K.OUTAGE, "", 0, 10, "小区道路维修通知",
     "8月15日至8月22日对小区东侧主干道进行沥青修补，施工路段临时封闭。\n"
     "车辆请绕行北门出入，施工期间请注意安全。"),
    (9, 5, K.GENERAL, "", 0, 21, "业主满意度调查启动通知",
     "为提升服务质量，物业服务中心将开展下半年业主满意度调查。\n"
     "请通过业主服务平台填写问卷，您的意见将用于改进客服、维修、安保、保洁和绿化工作。"),
    (9, 25, K.POLICY, "", 0, 60, "小区停车管理办法",
     "小区实行车辆登记管理，业主车辆凭登记信息出入；访客车辆需在门岗登记。\n"
     "禁止占用消防通道及绿地停车，违规停放的车辆将张贴提示并通知车主挪车。"),
]  # fmt: skip

VOTES = [
    # days before today it closed, days open, matter, share of owners taking part, of them
    # for / against (the rest abstain), title, description
    (
        110,
        14,
        Matter.ORDINARY,
        0.83,
        0.74,
        0.19,
        "关于将小区门禁系统升级为人脸识别的表决",
        "门禁系统升级费用由公共收益列支，不另行向业主收费。业主可在门岗或业主服务平台登记人脸信息，"
        "不愿登记的业主可继续使用门禁卡。",
    ),
    (
        200,
        21,
        Matter.MAJOR,
        0.80,
        0.66,
        0.27,
        "关于将北侧绿地改建为60个地面停车位的表决",
        "拟将北侧约1,500㎡绿地改建为60个地面停车位，改变共有部分用途，属于重大事项，"
        "须经参与表决的专有部分面积和人数均达到四分之三以上同意。",
    ),
]


def engagement_demo_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Notices, votes and published reports for `community`, unless it has notices already.

    Returns the counts written (empty when nothing was written).
    """
    if Notice.objects.filter(community=community).exists():
        return {}
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    users = get_user_model().objects
    manager, frontdesk = users.get(username="manager"), users.get(username="frontdesk")
    with transaction.atomic():
        logins = _portal_logins(community, rng)
        readers = _readers(community)
        votes, ballots, announcements = _votes(community, manager, frontdesk, rng, today)
        notices, reads = _notices(community, manager, frontdesk, readers, rng, today, announcements)
    reports = _reports(community, manager, today)
    return {
        "logins": logins,
        "notices": notices,
        "reads": reads,
        "votes": votes,
        "ballots": ballots,
        "reports": reports,
    }


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _portal_logins(community: Community, rng: random.Random) -> int:
    """A portal login for one owner of about six homes in ten (those without one yet)."""
    residencies = (
        Residency.objects.current()
        .filter(unit__community=community, relation=Relation.OWNER)
        .select_related("resident", "unit__building")
        .order_by("unit_id", "resident_id")
    )
    chosen, homes_with_login = [], set()
    for residency in residencies:
        if residency.resident.user_id is not None:
            homes_with_login.add(residency.unit_id)
    for residency in residencies:
        unit_id = residency.unit_id
        if unit_id in homes_with_login or residency.resident.user_id is not None:
            continue
        homes_with_login.add(unit_id)
        if rng.random() < PORTAL_SHARE:
            chosen.append(residency)
    User = get_user_model()
    password = make_password(PASSWORD)
    created = User.objects.bulk_create(
        [
            User(
                username=f"{community.code.lower()}-{r.unit.label}",
                first_name=r.resident.name,
                password=password,
            )
            for r in chosen
        ],
        batch_size=BATCH,
    )
    residents = []
    for residency, user in zip(chosen, created, strict=True):
        residency.resident.user = user
        residents.append(residency.resident)
    Resident.objects.bulk_update(residents, ["user"], batch_size=BATCH)
    return len(created)


def _readers(community: Community) -> dict[int, set[int]]:
    """The resident logins of each building: {building_id: {user_id}}."""
    readers: dict[int, set[int]] = {}
    for building_id, user_id in (
        Residency.objects.current()
        .filter(unit__community=community, resident__user__isnull=False)
        .values_list("unit__building_id", "resident__user_id")
        .distinct()
    ):
        readers.setdefault(building_id, set()).add(user_id)
    return readers


def _on_or_before(today: date, month: int, day: int) -> date:
    """The last `month`/`day` before today (this year's, else last year's)."""
    this_year = date(today.year, month, day)
    return this_year if this_year < today else date(today.year - 1, month, day)


def _notices(community, manager, frontdesk, readers, rng, today, announcements) -> tuple[int, int]:
    now = timezone.now()
    buildings: dict[str, list[int]] = {}
    for pk, kind in community.buildings.order_by("pk").values_list("pk", "kind"):
        buildings.setdefault(kind, []).append(pk)
    planned = sorted(
        [(_on_or_before(today, month, day), rest) for month, day, *rest in NOTICES] + announcements,
        key=lambda item: item[0],
    )
    notices, targets = [], []
    for day, (kind, audience, pinned, shown, title, body) in planned:
        published = _moment(day, 9, rng.randrange(0, 50))
        notices.append(
            Notice(
                community=community,
                kind=kind,
                title=title,
                body=body,
                pinned_until=day + timedelta(days=pinned) if pinned else None,
                expires_on=day + timedelta(days=shown),
                published_at=published,
                published_by=manager,
                created_by=frontdesk,
            )
        )
        targets.append(buildings.get(audience, []) if audience else [])
    Notice.objects.bulk_create(notices)
    # Notice.created_at is set on insert; a notice was written the morning it was published.
    for notice in notices:
        notice.created_at = notice.published_at - timedelta(hours=1)
    Notice.objects.bulk_update(notices, ["created_at"])
    Through = Notice.buildings.through
    Through.objects.bulk_create(
        [
            Through(notice_id=notice.pk, building_id=building_id)
            for notice, chosen in zip(notices, targets, strict=True)
            for building_id in chosen
        ]
    )
    everyone = sorted(set().union(*readers.values())) if readers else []
    reads = []
    for notice, chosen in zip(notices, targets, strict=True):
        audience = (
            sorted(set().union(*(readers.get(b, set()) for b in chosen))) if chosen else everyone
        )
        share = READ_SHARE[notice.kind]
        for user_id in audience:
            if rng.random() < share:
                # Most read it the same day or the next; a few a week later.
                at = notice.published_at + timedelta(minutes=int(rng.expovariate(1 / 1500)))
                reads.append(NoticeRead(notice=notice, user_id=user_id, read_at=min(at, now)))
    NoticeRead.objects.bulk_create(reads, batch_size=BATCH)
    audit.record_many(actor=manager, action="notice.publish", objs=notices)
    return len(notices), len(reads)


def _votes(community, manager, frontdesk, rng, today) -> tuple[int, int, list]:
    """The two completed votes: electorate frozen as the vote service does, ballots in bulk;
    with the notices that announced each vote and its result."""
    homes = queries.live_electorate(community.pk)
    owner_logins = dict(
        Residency.objects.current()
        .filter(unit__community=community, relation=Relation.OWNER, resident__user__isnull=False)
        .values_list("unit_id", "resident__user_id")
    )
    written, announcements = 0, []
    for days_ago, days_open, matter, taking_part, for_share, against_share, title, text in VOTES:
        closes = _moment(today - timedelta(days=days_ago), 18)
        opens = _moment(today - timedelta(days=days_ago + days_open), 9)
        vote = Vote.objects.create(
            community=community,
            title=title,
            description=text,
            matter=matter,
            opens_at=opens,
            closes_at=closes,
            electorate_frozen_at=opens,
            created_by=manager,
        )
        ElectorateHome.objects.bulk_create(
            [
                ElectorateHome(vote=vote, unit_id=h.unit_id, area=h.area, person=h.person)
                for h in homes
            ],
            batch_size=BATCH,
        )
        # Each owner decides once for all their homes; the developer stays out.
        decided: dict[str, str | None] = {}
        ballots = []
        span = (closes - opens).total_seconds()
        for home in homes:
            if home.person not in decided:
                choice = None
                if home.person != tally.DEVELOPER and rng.random() < taking_part:
                    roll = rng.random()
                    choice = (
                        tally.FOR
                        if roll < for_share
                        else tally.AGAINST
                        if roll < for_share + against_share
                        else tally.ABSTAIN
                    )
                decided[home.person] = choice
            choice = decided[home.person]
            if choice is None:
                continue
            user_id = owner_logins.get(home.unit_id)
            ballots.append(
                Ballot(
                    vote=vote,
                    unit_id=home.unit_id,
                    choice=choice,
                    channel=Channel.PORTAL if user_id else Channel.PAPER,
                    cast_by_id=user_id or frontdesk.pk,
                    cast_at=opens + timedelta(seconds=rng.random() * span),
                )
            )
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        audit.record(
            actor=manager,
            action="vote.create",
            obj=vote,
            changes={"matter": [None, matter], "closes_at": [None, closes.isoformat()]},
        )
        written += len(ballots)
        result = queries.vote_tally(vote)
        announcements += [
            (
                opens.date(),
                (K.POLICY, "", days_open, days_open, f"业主表决公告：{title}", _call(vote, text)),
            ),
            (
                closes.date() + timedelta(days=1),
                (K.GENERAL, "", 7, 30, f"表决结果公告：{title}", _outcome(result)),
            ),
        ]
    return len(VOTES), written, announcements


def _call(vote: Vote, text: str) -> str:
    bar = "四分之三以上" if vote.matter == Matter.MAJOR else "过半数"
    return (
        f"{text}\n表决时间：{timezone.localtime(vote.opens_at):%Y年%m月%d日}至"
        f"{timezone.localtime(vote.closes_at):%Y年%m月%d日}18:00。业主可在业主服务平台投票，"
        "或到物业服务中心填写纸质表决票。\n"
        "须专有部分面积和业主人数均三分之二以上参与表决，并经参与表决的面积和人数"
        f"{bar}同意。"
    )


def _outcome(result: tally.Tally) -> str:
    quorum_area, quorum_owners = result.quorum
    for_area, for_owners = result.approval
    verdict = "表决通过。" if result.passed else "未达到规定比例，表决未通过。"
    return (
        f"参与表决的专有部分面积{quorum_area.part}㎡，占总面积{tally.percent(quorum_area.share)}；"
        f"参与表决业主{quorum_owners.part}人，占总人数{tally.percent(quorum_owners.share)}。\n"
        f"同意的面积{for_area.part}㎡，占参与表决面积{tally.percent(for_area.share)}；"
        f"同意的业主{for_owners.part}人，占参与表决人数{tally.percent(for_owners.share)}。\n"
        f"{verdict}表决票及统计结果在物业服务中心存档，业主可预约查阅。"
    )


def _reports(community, manager, today: date) -> int:
    """Publish the last three full months and the last full quarter (skipping any published)."""
    month = report_queries.last_closed_month(today)
    periods = [month, month.previous(), month.previous().previous()]
    quarter = Period.quarter(today.year, (today.month - 1) // 3 + 1).previous()
    periods.append(quarter)
    published = 0
    for period in periods:
        if PublishedReport.objects.filter(
            community=community, kind=period.kind, start=period.start
        ).exists():
            continue
        service_report_publish(actor=manager, community=community, period=period)
        published += 1
    return published
