"""Bordeaux Town's owner satisfaction surveys: two anonymous rounds, six months apart.

The source report surveys the owners every six months. The rounds are a historical import:
the surveys, their questions and the answers are written with bulk inserts, as they would be
when the paper questionnaires of past rounds are keyed in. Most homes answered on paper,
collected by the customer-service staff door to door; the homes whose owner has a portal
login answered there. The second round shows the repairs team's work paying off and a dry
summer hurting the greenery. A fixed seed makes both rounds the same on every run, and a
second run changes nothing.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.engagement.models import (
    Answer,
    Option,
    Participation,
    Question,
    Response,
    ResponseChannel,
    Survey,
)
from wuye.estates.models import Occupancy, Relation, Residency, Unit

SEED = 20260601
ROUND_DAYS = 14
TITLE = "{year}年{half}半年业主满意度调查"
INTRODUCTION = (
    "尊敬的业主：为了解您对物业服务的评价，请花几分钟填写本问卷。问卷匿名，"
    "结果将在管理服务报告中公示。感谢您的支持！"
)
# (kind, dimension, text, options)
QUESTIONS = [
    ("rating", "service", "您对客服中心（前台）的服务态度和办事效率是否满意？", []),
    ("rating", "repairs", "您对报修的响应速度和维修质量是否满意？", []),
    ("rating", "security", "您对小区的安全防范和门岗管理是否满意？", []),
    ("rating", "cleaning", "您对楼道、道路和垃圾清运的保洁是否满意？", []),
    ("rating", "greenery", "您对小区绿化和水景的养护是否满意？", []),
    ("rating", "overall", "总体而言，您对物业服务是否满意？", []),
    (
        "multiple",
        "overall",
        "您最希望物业改进哪些方面？（可多选）",
        ["停车管理", "电梯运行", "冬季供暖", "垃圾清运", "夜间噪音", "宠物管理"],
    ),
    (
        "single",
        "service",
        "您通常通过什么方式联系物业？",
        ["到前台", "服务热线", "业主门户", "微信群"],
    ),
    ("text", "overall", "您还有什么意见或建议？", []),
]
# Each round: the share of homes that answered, and per dimension the share satisfied (4-5).
ROUNDS = [
    {
        "response": 0.58,
        "satisfied": {
            "service": 0.84,
            "repairs": 0.71,
            "security": 0.88,
            "cleaning": 0.79,
            "greenery": 0.86,
            "overall": 0.81,
        },
        "wishes": [0.55, 0.30, 0.35, 0.25, 0.20, 0.15],
    },
    {
        "response": 0.66,
        "satisfied": {
            "service": 0.88,
            "repairs": 0.79,
            "security": 0.90,
            "cleaning": 0.83,
            "greenery": 0.77,
            "overall": 0.85,
        },
        "wishes": [0.50, 0.25, 0.40, 0.15, 0.25, 0.20],
    },
]
CONTACT = [0.45, 0.30, 0.10, 0.15]
COMMENTS = [
    "地下车库晚上灯光太暗，希望增加照明。",
    "维修师傅很负责，上门准时。",
    "希望冬季供暖温度再高一些。",
    "小区门口外卖车辆太多，建议规范停放。",
    "前台工作人员态度很好，点赞！",
    "电梯偶尔停运，希望加强维保。",
    "绿化带有的地方草枯了，需要补种浇水。",
    "建议增加儿童游乐设施。",
    "楼道小广告多，请及时清理。",
    "夏天晚上广场舞声音太大。",
    "垃圾桶周边有异味，建议多清洗。",
    "希望物业费的使用情况公示得更详细。",
]


def surveys_demo_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Load the two past survey rounds, unless the community has surveys already.

    Returns what was written (empty when there was nothing to do).
    """
    if Survey.objects.filter(community=community).exists():
        return {}
    today = today or timezone.localdate()
    with transaction.atomic():
        return _load(community, today)


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _rating(rng: random.Random, satisfied: float) -> int:
    if rng.random() < satisfied:
        return 5 if rng.random() < 0.45 else 4
    draw = rng.random()
    return 3 if draw < 0.7 else 2 if draw < 0.9 else 1


def _load(community: Community, today: date) -> dict[str, int]:
    users = get_user_model().objects
    clerks = list(users.filter(username__in=["frontdesk", "cs-supervisor"]).order_by("username"))
    manager = users.get(username="manager")
    homes = list(
        Unit.objects.filter(community=community)
        .exclude(occupancy=Occupancy.UNSOLD)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    logins = dict(
        Residency.objects.current()
        .filter(unit__community=community, relation=Relation.OWNER, resident__user__isnull=False)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "resident__user_id")
    )
    rng = random.Random(SEED)
    # The latest round opened four months ago, the first six months before it.
    latest = add_months(today.replace(day=1), -4)
    starts = [add_months(latest, -6), latest]
    counts = {"surveys": 0, "responses": 0, "answers": 0}
    previous = None
    for plan, start in zip(ROUNDS, starts, strict=True):
        opens = _moment(start + timedelta(days=2), 8)
        survey = Survey.objects.create(
            community=community,
            title=TITLE.format(year=start.year, half="上" if start.month <= 6 else "下"),
            description=INTRODUCTION,
            anonymous=True,
            opens_at=opens,
            closes_at=opens + timedelta(days=ROUND_DAYS),
            copied_from=previous,
            audience_homes=len(homes),
            published_at=opens - timedelta(days=1),
            published_by=manager,
            created_by=manager,
        )
        questions = Question.objects.bulk_create(
            [
                Question(
                    survey=survey,
                    order=n,
                    kind=kind,
                    dimension=dimension,
                    text=text,
                    required=kind == "rating",
                )
                for n, (kind, dimension, text, _options) in enumerate(QUESTIONS, 1)
            ]
        )
        options = {
            question.order: Option.objects.bulk_create(
                [Option(question=question, order=i, text=t) for i, t in enumerate(texts, 1)]
            )
            for question, (_k, _d, _t, texts) in zip(questions, QUESTIONS, strict=True)
        }
        answered = sorted(rng.sample(homes, round(len(homes) * plan["response"])))
        participations, responses, answers = [], [], []
        for unit_id in answered:
            user_id = logins.get(unit_id)
            participations.append(
                Participation(
                    survey=survey,
                    unit_id=unit_id,
                    channel=ResponseChannel.PORTAL if user_id else ResponseChannel.PAPER,
                    recorded_by_id=user_id or rng.choice(clerks).pk,
                    answered_at=opens + timedelta(minutes=rng.randrange(ROUND_DAYS * 24 * 60)),
                )
            )
            response = Response(id=uuid.UUID(int=rng.getrandbits(128), version=4), survey=survey)
            responses.append(response)
            answers += _answers(rng, plan, questions, options, response)
        # Anonymous: the responses are written in another order than the homes.
        rng.shuffle(responses)
        Participation.objects.bulk_create(participations, batch_size=2000)
        Response.objects.bulk_create(responses, batch_size=2000)
        Answer.objects.bulk_create(answers, batch_size=5000)
        counts["surveys"] += 1
        counts["responses"] += len(responses)
        counts["answers"] += len(answers)
        previous = survey
    return counts


def _answers(rng, plan, questions, options, response) -> list[Answer]:
    found = []
    for question in questions:
        if question.kind == "rating":  # required: every questionnaire rates each line
            rating = _rating(rng, plan["satisfied"][question.dimension])
            found.append(Answer(response=response, question=question, rating=rating))
        elif question.kind == "multiple":
            found += [
                Answer(response=response, question=question, option=option)
                for option, share in zip(options[question.order], plan["wishes"], strict=True)
                if rng.random() < share
            ]
        elif question.kind == "single":
            option = rng.choices(options[question.order], weights=CONTACT)[0]
            found.append(Answer(response=response, question=question, option=option))
        elif rng.random() < 0.15:
            found.append(Answer(response=response, question=question, text=rng.choice(COMMENTS)))
    return found
