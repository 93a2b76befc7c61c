"""Reads of satisfaction surveys, scoped to the caller, and their results.

Staff with `survey.view` see every survey of their communities, drafts included. Owners and
the members of their household (the people who answer for a home) see the published surveys
that have opened for their homes. Results are a handful of aggregate queries whatever the
number of responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from wuye.core import policy
from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.estates.models import Occupancy, Relation, Residency, Unit

from ..models import (
    Answer,
    Dimension,
    Participation,
    Question,
    QuestionKind,
    Survey,
    SurveyStatus,
)

HUNDRED = Decimal(100)
RATE_PLACES = Decimal("0.1")
SCORE_PLACES = Decimal("0.01")
SATISFIED = 4  # ratings of 4 and 5 count as satisfied (满意 and 非常满意)
# How long a round stays open when it is copied from the previous one.
ROUND_DAYS = 14


def respondent_unit_ids(user) -> list[int]:
    """The homes the user may answer for: where they are an owner or a household member now."""
    cache = policy._cache(user) if getattr(user, "is_authenticated", False) else {}
    if "survey_unit_ids" not in cache:
        cache["survey_unit_ids"] = sorted(
            set(
                Residency.objects.current()
                .filter(
                    resident_id__in=policy.resident_ids(user),
                    relation__in=[Relation.OWNER, Relation.FAMILY],
                )
                .values_list("unit_id", flat=True)
            )
        )
    return cache["survey_unit_ids"]


def _audience_covers(homes: QuerySet[Unit]) -> Q:
    """Surveys for the whole community of one of `homes`, or for a building of one of them."""
    through = Survey.buildings.through.objects
    return Q(community_id__in=homes.values("community_id")) & (
        ~Exists(through.filter(survey_id=OuterRef("pk")))
        | Exists(
            through.filter(survey_id=OuterRef("pk"), building_id__in=homes.values("building_id"))
        )
    )


def surveys_for_residents(user) -> QuerySet[Survey]:
    """Published surveys that have opened for a home the user answers for."""
    unit_ids = respondent_unit_ids(user)
    if not unit_ids:
        return Survey.objects.none()
    homes = Unit.objects.filter(pk__in=unit_ids)
    return Survey.objects.filter(
        _audience_covers(homes), published_at__isnull=False, opens_at__lte=timezone.now()
    )


def surveys_visible_to(user, community_id: int | None = None) -> QuerySet[Survey]:
    staff_ids = policy.community_ids_with(user, "survey.view")
    qs = Survey.objects.filter(
        Q(community_id__in=staff_ids) | Q(pk__in=surveys_for_residents(user).values("pk"))
    ).select_related("community")
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def in_status(surveys: QuerySet[Survey], status: str) -> QuerySet[Survey]:
    """The surveys in a status now: draft, scheduled, open or closed."""
    now = timezone.now()
    if status == SurveyStatus.DRAFT:
        return surveys.filter(published_at__isnull=True)
    published = surveys.filter(published_at__isnull=False)
    if status == SurveyStatus.SCHEDULED:
        return published.filter(opens_at__gt=now)
    if status == SurveyStatus.OPEN:
        return published.filter(opens_at__lte=now, closes_at__gt=now)
    return published.filter(closes_at__lte=now)


def with_answered_homes(surveys: QuerySet[Survey], user) -> QuerySet[Survey]:
    """Each survey with how many of the user's homes have answered it."""
    return surveys.annotate(
        answered_homes=Count(
            "participations",
            filter=Q(participations__unit_id__in=respondent_unit_ids(user)),
            distinct=True,
        )
    ).order_by("-opens_at", "-pk")


def with_response_counts(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    """Each survey with how many homes have answered it."""
    return surveys.annotate(answered=Count("participations", distinct=True)).order_by(
        "-opens_at", "-pk"
    )


def audience_units(survey: Survey) -> QuerySet[Unit]:
    """The homes a survey asks: every sold home of the community or of its buildings."""
    qs = Unit.objects.filter(community_id=survey.community_id).exclude(occupancy=Occupancy.UNSOLD)
    building_ids = [b.pk for b in survey.buildings.all()]
    if building_ids:
        qs = qs.filter(building_id__in=building_ids)
    return qs


def resident_homes(user, survey: Survey) -> list[dict]:
    """The user's homes in the survey's audience, each with whether it has answered."""
    units = list(
        audience_units(survey)
        .filter(pk__in=respondent_unit_ids(user))
        .select_related("building")
        .order_by("building__number", "entrance", "number")
    )
    answered = set(
        Participation.objects.filter(survey=survey, unit__in=units).values_list(
            "unit_id", flat=True
        )
    )
    return [{"unit": unit, "answered": unit.pk in answered} for unit in units]


def questionnaire(survey: Survey) -> list[Question]:
    """The survey's questions in order, with their options (two queries)."""
    return list(survey.questions.prefetch_related("options").order_by("order", "pk"))


def previous_round(survey: Survey) -> Survey | None:
    """The community's published survey that opened last before this one."""
    return (
        Survey.objects.filter(
            community_id=survey.community_id,
            published_at__isnull=False,
            opens_at__lt=survey.opens_at,
        )
        .order_by("-opens_at", "-pk")
        .first()
    )


def latest_closed_round(community: Community, before) -> Survey | None:
    """The community's last published survey that had closed by `before` (a moment)."""
    return (
        Survey.objects.filter(
            community=community, published_at__isnull=False, closes_at__lte=before
        )
        .order_by("-closes_at", "-pk")
        .first()
    )


def next_round_due(community: Community) -> dict | None:
    """When the next round is due: the last round's opening plus the interval of the
    community's service standard (two surveys a year: six months). None without a standard
    or a published round."""
    standard = getattr(community, "standard", None)
    if standard is None or not standard.surveys_per_year:
        return None
    months = max(1, 12 // standard.surveys_per_year)
    last = (
        Survey.objects.filter(community=community, published_at__isnull=False)
        .order_by("-opens_at", "-pk")
        .first()
    )
    if last is None:
        return {"date": timezone.localdate(), "months": months, "last": None, "overdue": True}
    due = add_months(timezone.localdate(last.opens_at), months)
    return {
        "date": due,
        "months": months,
        "last": last,
        "overdue": due <= timezone.localdate(),
    }


# ---- results -------------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(RATE_PLACES, ROUND_HALF_UP)


def mean(total: int | None, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total or 0) / Decimal(count)).quantize(SCORE_PLACES, ROUND_HALF_UP)


@dataclass
class DimensionResult:
    dimension: str
    label: str
    ratings: int
    satisfied: int
    rate: Decimal | None  # per cent of ratings that are 4 or 5
    average: Decimal | None
    previous_rate: Decimal | None = None
    target: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        if self.rate is None or self.previous_rate is None:
            return None
        return self.rate - self.previous_rate

    @property
    def met(self) -> bool | None:
        if self.rate is None or self.target is None:
            return None
        return self.rate >= self.target


@dataclass
class QuestionResult:
    question: Question
    answers: int = 0  # homes that answered it (a multiple choice counts each home once)
    satisfied: int = 0
    rate: Decimal | None = None
    average: Decimal | None = None
    distribution: list[int] = field(default_factory=lambda: [0] * 5)  # ratings 1..5
    options: list[dict] = field(default_factory=list)  # {"option", "count", "share"}


@dataclass
class SurveyResults:
    survey: Survey
    audience: int
    answered: int
    portal: int
    paper: int
    response_rate: Decimal | None
    dimensions: list[DimensionResult]
    total: DimensionResult
    questions: list[QuestionResult]
    target: Decimal | None
    previous: Survey | None = None
    previous_response_rate: Decimal | None = None

    @property
    def response_change(self) -> Decimal | None:
        if self.response_rate is None or self.previous_response_rate is None:
            return None
        return self.response_rate - self.previous_response_rate


def _dimension_rows(survey: Survey) -> dict[str, dict]:
    rows = (
        Answer.objects.filter(question__survey=survey, rating__isnull=False)
        .values("question__dimension")
        .annotate(
            n=Count("pk"),
            satisfied=Count("pk", filter=Q(rating__gte=SATISFIED)),
            total=Sum("rating"),
        )
        .order_by()
    )
    return {row["question__dimension"]: row for row in rows}


def _audience_size(survey: Survey) -> int:
    if survey.audience_homes is not None:
        return survey.audience_homes
    return audience_units(survey).count()


def _response_counts(survey: Survey) -> dict[str, int]:
    rows = Participation.objects.filter(survey=survey).values("channel").annotate(n=Count("pk"))
    return {row["channel"]: row["n"] for row in rows.order_by()}


def _dimensions(rows: dict[str, dict], target, previous: dict[str, dict]) -> list:
    found = []
    for dimension in Dimension:
        row = rows.get(dimension.value)
        if row is None:
            continue
        before = previous.get(dimension.value)
        found.append(
            DimensionResult(
                dimension=dimension.value,
                label=str(dimension.label),
                ratings=row["n"],
                satisfied=row["satisfied"],
                rate=percent(row["satisfied"], row["n"]),
                average=mean(row["total"], row["n"]),
                previous_rate=percent(before["satisfied"], before["n"]) if before else None,
                target=target,
            )
        )
    return found


def _total(label: str, rows: dict[str, dict], target, previous: dict[str, dict]):
    def summed(source: dict[str, dict], key: str) -> int:
        return sum(row[key] or 0 for row in source.values())

    n, satisfied = summed(rows, "n"), summed(rows, "satisfied")
    before_n = summed(previous, "n")
    return DimensionResult(
        dimension="all",
        label=label,
        ratings=n,
        satisfied=satisfied,
        rate=percent(satisfied, n),
        average=mean(summed(rows, "total"), n),
        previous_rate=percent(summed(previous, "satisfied"), before_n) if before_n else None,
        target=target,
    )


def _question_results(survey: Survey) -> list[QuestionResult]:
    questions = questionnaire(survey)
    by_id = {q.pk: QuestionResult(question=q) for q in questions}
    rows = (
        Answer.objects.filter(question__survey=survey)
        .values("question_id", "option_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    option_counts: dict[int, int] = {}
    for row in rows:
        result = by_id[row["question_id"]]
        if row["rating"] is not None:
            result.distribution[row["rating"] - 1] += row["n"]
        elif row["option_id"] is not None:
            option_counts[row["option_id"]] = row["n"]
    answered_per_question = (
        Answer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(homes=Count("response_id", distinct=True))
        .order_by()
    )
    homes = {row["question_id"]: row["homes"] for row in answered_per_question}
    for result in by_id.values():
        q = result.question
        result.answers = homes.get(q.pk, 0)
        if q.kind == QuestionKind.RATING:
            n = sum(result.distribution)
            result.satisfied = sum(result.distribution[SATISFIED - 1 :])
            result.rate = percent(result.satisfied, n)
            result.average = mean(
                sum(score * count for score, count in enumerate(result.distribution, 1)), n
            )
        elif q.has_options:
            result.options = [
                {
                    "option": option,
                    "count": option_counts.get(option.pk, 0),
                    "share": percent(option_counts.get(option.pk, 0), result.answers),
                }
                for option in q.options.all()
            ]
    return [by_id[q.pk] for q in questions]


def survey_results(survey: Survey, *, with_questions: bool = True) -> SurveyResults:
    """Response rate, satisfaction by dimension and per question, beside the previous round
    and the target of the community's service level. A fixed number of queries."""
    standard = getattr(survey.community, "standard", None)
    target = standard.satisfaction_target if standard is not None else None
    counts = _response_counts(survey)
    answered = sum(counts.values())
    audience = _audience_size(survey)
    rows = _dimension_rows(survey)
    previous = previous_round(survey)
    before_rows = _dimension_rows(previous) if previous else {}
    before_rate = None
    if previous is not None:
        before_rate = percent(
            Participation.objects.filter(survey=previous).count(), _audience_size(previous)
        )
    return SurveyResults(
        survey=survey,
        audience=audience,
        answered=answered,
        portal=counts.get("portal", 0),
        paper=counts.get("paper", 0),
        response_rate=percent(answered, audience),
        dimensions=_dimensions(rows, target, before_rows),
        total=_total(gettext("All ratings"), rows, target, before_rows),
        questions=_question_results(survey) if with_questions else [],
        target=target,
        previous=previous,
        previous_response_rate=before_rate,
    )


def text_answers(survey: Survey) -> QuerySet[Answer]:
    """The free-text answers, by question; the home only where the survey is not anonymous."""
    qs = (
        Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .select_related("question")
        .order_by("question__order", "pk")
    )
    if not survey.anonymous:
        qs = qs.select_related("response__participation__unit__building")
    return qs


def participations(survey: Survey) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(survey=survey)
        .select_related("unit__building", "recorded_by")
        .order_by("-answered_at", "-pk")
    )
