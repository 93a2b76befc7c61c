"""The training register of Bordeaux Town over the past year, and a few staff suggestions and
complaints, written through the services.

The course catalogue is the training report's curriculum: the service principles CASH (§6),
etiquette, telephone manners (§9), the ten steps of complaint handling (§10), fire safety,
the security guards' post training, lift safety and the induction of new staff. Sessions
fall on fixed days before the demo's today, each given by the supervisor of the department
it serves (or an outside trainer), attended by that department's people with their scores.
A fixed seed makes it the same on every run; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community, Membership, Role
from wuye.staff.feedback import services as feedback
from wuye.staff.training import services
from wuye.staff.training.models import Course, Topic

SEED = 20261207

SERVICE = {Role.FRONT_DESK, Role.CS_SUPERVISOR, Role.DECORATION_INSPECTOR, Role.CLUBHOUSE_STAFF}
SECURITY = {Role.GUARD, Role.SECURITY_SUPERVISOR}
ENGINEERING = {Role.TECHNICIAN, Role.ENGINEERING_SUPERVISOR}
EVERYONE = None  # every member of staff

# (title, topic, hours, description, who attends)
COURSES = (
    (
        "服务理念CASH",
        Topic.SERVICE,
        "2",
        "关怀（Care）、信心保证（Assurance）、效率（Speed）、方便（Hassle-free）；"
        "不满意的客户96%不投诉，90%不再回头。",
        SERVICE | {Role.PROPERTY_MANAGER},
    ),
    ("礼仪礼节", Topic.ETIQUETTE, "2", "仪容仪表、站姿、引领、称呼与问候。", SERVICE),
    (
        "电话礼仪",
        Topic.TELEPHONE,
        "1.5",
        "三声内接听；问候+项目名+部门+本人姓名；无法即时答复时说明何时由谁回复；让来电者先挂机。",
        SERVICE,
    ),
    (
        "投诉处理十步法",
        Topic.COMPLAINTS,
        "2",
        "耐心倾听、确认内容、表示同情、致歉、提出双赢方案、说明行动、跟进回复业主、"
        "询问其他需求、留下姓名、致谢。投诉是礼物。",
        SERVICE | {Role.ENGINEERING_SUPERVISOR, Role.SECURITY_SUPERVISOR},
    ),
    ("消防安全", Topic.SAFETY, "3", "消防设施的使用、初期火灾扑救与疏散演练。", EVERYONE),
    (
        "保安员岗位培训",
        Topic.SKILLS,
        "4",
        "各岗位职责、对讲机使用、车辆指挥、巡逻路线与交接班。",
        SECURITY,
    ),
    ("电梯安全", Topic.SAFETY, "2", "电梯困人救援流程、日常巡查与维保配合。", ENGINEERING),
    (
        "新员工入职培训",
        Topic.INDUCTION,
        "4",
        "公司简介、物业服务中心组织机构、员工守则、服务理念与安全须知。",
        EVERYONE,
    ),
)

# (course title, days before today, trainer username or outside trainer, place)
SESSIONS = (
    ("新员工入职培训", 350, "manager", "物业服务中心会议室"),
    ("服务理念CASH", 330, "manager", "物业服务中心会议室"),
    ("保安员岗位培训", 320, "security", "安管部值班室"),
    ("消防安全", 300, "哈密市消防救援支队 王教官", "小区中心广场"),
    ("礼仪礼节", 270, "cs-supervisor", "客服中心"),
    ("电梯安全", 250, "engineer", "2号楼电梯机房"),
    ("电话礼仪", 220, "cs-supervisor", "客服中心"),
    ("投诉处理十步法", 190, "manager", "物业服务中心会议室"),
    ("保安员岗位培训", 160, "security", "安管部值班室"),
    ("消防安全", 120, "security", "地下车库"),
    ("服务理念CASH", 90, "manager", "会所多功能厅"),
    ("电梯安全", 70, "engineer", "5号楼电梯机房"),
    ("投诉处理十步法", 45, "cs-supervisor", "客服中心"),
    ("保安员岗位培训", 20, "security", "安管部值班室"),
    ("电话礼仪", 8, "cs-supervisor", "客服中心"),
)

FEEDBACK = (
    (
        "guard",
        "suggestion",
        "夜班增加地下车库巡逻",
        "地库B区照明不足，建议夜班巡逻增加一次并报修照明。",
        False,
    ),
    (
        "frontdesk",
        "complaint",
        "前台空调长期不制冷",
        "夏天前台温度很高，影响接待业主，已报修两次未解决。",
        False,
    ),
    (
        "inner-guard",
        "complaint",
        "排班调换不提前通知",
        "最近两次调班都是当天才通知，希望至少提前一天告知。",
        True,
    ),
    (
        "electrician2",
        "suggestion",
        "维修工具登记借用",
        "建议工具间实行借用登记，避免工具丢失找不到人。",
        False,
    ),
)


def training_load(community: Community) -> dict[str, int]:
    """Load the courses, a year of sessions and a few suggestions and complaints, unless the
    community already has courses."""
    if Course.objects.filter(community=community).exists():
        return {}
    with transaction.atomic():
        return _load(community, timezone.localdate())


def _staff(community: Community) -> dict:
    rows = (
        Membership.objects.filter(community=community, active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
    return {m.user.username: (m.user, m.role) for m in rows}


def _load(community: Community, today: date) -> dict[str, int]:
    rng = random.Random(SEED)
    staff = _staff(community)
    manager = get_user_model().objects.get(username="manager")
    counts = {"courses": 0, "sessions": 0, "records": 0, "feedback": 0}
    courses, audiences = {}, {}
    for order, (title, topic, hours, description, audience) in enumerate(COURSES, start=1):
        courses[title] = services.course_create(
            actor=manager,
            community=community,
            title=title,
            topic=topic,
            hours=hours,
            description=description,
            order=order * 10,
        )
        audiences[title] = audience
        counts["courses"] += 1
    for title, days_ago, trainer, place in SESSIONS:
        audience = audiences[title]
        people = [
            user
            for user, role in staff.values()
            if (audience is None or role in audience) and user.username != trainer
        ]
        if audience is None and len(people) > 24:
            people = rng.sample(people, 24)
        if not people:
            continue
        outside = not trainer.isascii()
        # a supervisor the staff lacks gives way to the manager
        instructor = None if outside else staff.get(trainer, (manager, None))[0]
        session = services.session_record(
            actor=manager,
            course=courses[title],
            date=today - timedelta(days=days_ago),
            hours=courses[title].hours,
            trainer=instructor,
            trainer_name=trainer if outside else "",
            place=place,
            attendees=people,
            scores={p: rng.choice((None, *range(68, 100))) for p in people},
        )
        counts["sessions"] += 1
        counts["records"] += session.records.count()
    for username, kind, subject, body, anonymous in FEEDBACK:
        author = staff.get(username, (None, None))[0]
        if author is None:
            continue
        item = feedback.feedback_submit(
            actor=author,
            community=community,
            kind=kind,
            subject=subject,
            body=body,
            anonymous=anonymous,
        )
        counts["feedback"] += 1
        if username == "frontdesk":
            feedback.feedback_answer(
                actor=manager,
                feedback=item,
                answer="已联系工程维修部更换压缩机，本周五前完成；期间前台增加一台移动空调。",
            )
    return counts
