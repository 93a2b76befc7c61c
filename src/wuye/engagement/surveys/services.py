"""Changes to satisfaction surveys: each one transaction, checked by the policy, audited.

A survey is built as a draft (its details and questions), published for its open period,
and answered once per home: by an owner or a household member in the portal, or by the
office from a paper questionnaire. A home that has answered cannot answer again: in an
anonymous survey the answers are not linked to the home, so they could not be replaced, and
one rule for both kinds keeps the count of homes honest.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Unit

from ..models import (
    Answer,
    Dimension,
    Option,
    Participation,
    Question,
    QuestionKind,
    Response,
    ResponseChannel,
    Survey,
    SurveyStatus,
)
from ..votes.services import EARLIEST, LATEST
from . import queries

SURVEY_FIELDS = ("title", "description", "anonymous", "opens_at", "closes_at")
MAX_OPTIONS = 20
MAX_TEXT = 2000


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("community").get(pk=survey.pk)


def require_draft(survey: Survey) -> None:
    """Refuse to change a published survey: its questions stay as the owners answered them."""
    if survey.published_at is not None:
        raise ValidationError(
            _("A published survey cannot change: copy it into a new round to change questions.")
        )


def _check_period(opens_at, closes_at, errors: dict[str, list[str]]) -> None:
    for name, moment in (("opens_at", opens_at), ("closes_at", closes_at)):
        if moment is None:
            errors[name] = [_("Enter a date and time.")]
        elif not EARLIEST <= moment <= LATEST:
            errors[name] = [_("Enter a time between the years 2000 and 2100.")]
    if not errors.keys() & {"opens_at", "closes_at"} and closes_at <= opens_at:
        errors["closes_at"] = [_("The survey must close after it opens.")]


@transaction.atomic
def survey_save(
    *, actor, community: Community, data: dict[str, Any], survey: Survey | None = None
) -> Survey:
    """Start a survey or change a draft: title, introduction, audience, period, anonymity."""
    policy.require_perm(actor, "survey.manage", community.pk)
    if survey is not None:
        survey = _locked(survey)
        require_draft(survey)
    else:
        survey = Survey(community=community, created_by=actor)
    before = {f: str(getattr(survey, f, "")) for f in SURVEY_FIELDS}
    for name in SURVEY_FIELDS:
        if name in data:
            value = data[name]
            if name == "title":
                value = clean_text(value)
            elif name == "description":
                value = (value or "").strip()
            elif name == "anonymous":
                value = bool(value)
            setattr(survey, name, value)
    errors: dict[str, list[str]] = {}
    if not survey.title:
        errors["title"] = [_("Give the survey a title.")]
    _check_period(survey.opens_at, survey.closes_at, errors)
    buildings = list(data["buildings"] or []) if "buildings" in data else None
    if buildings and any(b.community_id != community.pk for b in buildings):
        errors["buildings"] = [not_found(_("Choose buildings of this community."))]
    if errors:
        raise ValidationError(errors)
    creating = survey.pk is None
    survey.full_clean(exclude=["buildings"])
    survey.save()
    if buildings is not None:
        survey.buildings.set(buildings)
    changes = audit.diff(before, {f: str(getattr(survey, f)) for f in SURVEY_FIELDS})
    if buildings is not None:
        changes["buildings"] = ["", ", ".join(b.number for b in buildings)]
    audit.record(
        actor=actor,
        action="survey.create" if creating else "survey.change",
        obj=survey,
        changes=changes,
    )
    return survey


@transaction.atomic
def question_add(*, actor, survey: Survey, data: dict[str, Any]) -> Question:
    """Add a question to a draft; choice questions need two options or more (one a line).

    `required` (an answer is needed to send the questionnaire) defaults to the kind's usual:
    a rating is required, a choice or a free text is not.
    """
    policy.require_perm(actor, "survey.manage", survey.community_id)
    survey = _locked(survey)
    require_draft(survey)
    errors: dict[str, list[str]] = {}
    text = clean_text(data.get("text") or "")
    kind, dimension = data.get("kind"), data.get("dimension")
    if not text:
        errors["text"] = [_("Write the question.")]
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose a kind of question.")]
    if dimension not in Dimension.values:
        errors["dimension"] = [_("Choose what the question is about.")]
    options = [clean_text(o) for o in data.get("options") or []]
    options = [o for o in options if o]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(options) < 2:
            errors["options"] = [_("Give a choice question at least two options, one a line.")]
        elif len(options) > MAX_OPTIONS:
            errors["options"] = [_("Give at most 20 options.")]
        elif len(set(options)) != len(options):
            errors["options"] = [_("Give each option once.")]
    elif options:
        errors["options"] = [_("Only choice questions have options.")]
    taken = set(survey.questions.values_list("order", flat=True))
    order = data.get("order") or (max(taken, default=0) + 1)
    if order in taken:
        errors["order"] = [_("Another question has this number.")]
    if errors:
        raise ValidationError(errors)
    required = data.get("required")
    question = Question.objects.create(
        survey=survey,
        order=order,
        kind=kind,
        dimension=dimension,
        text=text,
        required=kind == QuestionKind.RATING if required is None else bool(required),
    )
    Option.objects.bulk_create(
        [Option(question=question, order=i, text=o) for i, o in enumerate(options, 1)]
    )
    audit.record(
        actor=actor,
        action="survey.question_add",
        obj=survey,
        changes={"question": ["", f"{order}. {text}"], "required": ["", str(question.required)]},
    )
    return question


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    """Take a question out of a draft."""
    survey = _locked(question.survey)
    policy.require_perm(actor, "survey.manage", survey.community_id)
    require_draft(survey)
    audit.record(
        actor=actor,
        action="survey.question_remove",
        obj=survey,
        changes={"question": [f"{question.order}. {question.text}", ""]},
    )
    question.delete()


@transaction.atomic
def survey_publish(*, actor, survey: Survey) -> Survey:
    """Publish a draft for its open period; the homes it asks are counted now."""
    policy.require_perm(actor, "survey.manage", survey.community_id)
    survey = _locked(survey)
    if survey.published_at is not None:
        return survey
    questions = queries.questionnaire(survey)
    if not questions:
        raise ValidationError(_("Add at least one question before publishing."))
    if survey.closes_at <= timezone.now():
        raise ValidationError({"closes_at": [conflict(_("The survey must close in the future."))]})
    survey.audience_homes = queries.audience_units(survey).count()
    if not survey.audience_homes:
        raise ValidationError({"buildings": [_("No home of this audience can answer.")]})
    survey.published_at = timezone.now()
    survey.published_by = actor
    survey.save(update_fields=["published_at", "published_by", "audience_homes"])
    audit.record(
        actor=actor,
        action="survey.publish",
        obj=survey,
        changes={"audience_homes": [None, survey.audience_homes]},
    )
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    """Close an open survey now (the paper questionnaires are in)."""
    policy.require_perm(actor, "survey.manage", survey.community_id)
    survey = _locked(survey)
    now = timezone.now()
    if survey.status_at(now) != SurveyStatus.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.closes_at = now
    survey.save(update_fields=["closes_at"])
    audit.record(
        actor=actor, action="survey.close", obj=survey, changes={"closes_at": [None, str(now)]}
    )
    return survey


@transaction.atomic
def survey_copy(*, actor, community: Community, source: Survey | None = None) -> Survey:
    """Start the next round as a draft: the previous round's questions, audience and
    anonymity, opening on the day the round is due (today if that has passed)."""
    policy.require_perm(actor, "survey.manage", community.pk)
    if source is None:
        source = (
            Survey.objects.filter(community=community, published_at__isnull=False)
            .order_by("-opens_at", "-pk")
            .first()
        )
    if source is None or source.community_id != community.pk:
        raise ValidationError(_("There is no earlier round to copy."))
    due = queries.next_round_due(community)
    today = timezone.localdate()
    start_day = max(due["date"], today) if due else today
    opens_at = timezone.make_aware(datetime.combine(start_day, time(8)))
    opens_at = max(opens_at, timezone.now())
    survey = Survey.objects.create(
        community=community,
        title=source.title,
        description=source.description,
        anonymous=source.anonymous,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=queries.ROUND_DAYS),
        copied_from=source,
        created_by=actor,
    )
    survey.buildings.set(source.buildings.all())
    questions = queries.questionnaire(source)
    copies = Question.objects.bulk_create(
        [
            Question(
                survey=survey,
                order=q.order,
                kind=q.kind,
                dimension=q.dimension,
                text=q.text,
                required=q.required,
            )
            for q in questions
        ]
    )
    Option.objects.bulk_create(
        [
            Option(question=copy, order=o.order, text=o.text)
            for q, copy in zip(questions, copies, strict=True)
            for o in q.options.all()
        ]
    )
    audit.record(
        actor=actor,
        action="survey.copy",
        obj=survey,
        changes={"copied_from": ["", str(source.pk)], "questions": ["", str(len(copies))]},
    )
    return survey


# ---- responses -----------------------------------------------------------------------------


def _channel_for(actor, survey: Survey, unit: Unit) -> str:
    """A resident answers for their own home in the portal; the office records paper."""
    if unit.pk in queries.respondent_unit_ids(actor):
        return ResponseChannel.PORTAL
    if policy.has_perm(actor, "survey.record_response", survey.community_id):
        return ResponseChannel.PAPER
    raise PermissionDenied(_("Only an owner or a household member may answer for this home."))


def _answer_rows(questions: list[Question], answers: list[dict]) -> list[Answer]:
    """The answers as rows, checked against the questionnaire; every problem named."""
    by_id = {q.pk: q for q in questions}
    problems: list = []
    rows: list[Answer] = []
    seen: set[int] = set()
    for item in answers:
        question = by_id.get(item.get("question_id"))
        if question is None:
            problems.append(not_found(_("Answer the questions of this survey only.")))
            continue
        if question.pk in seen:
            problems.append(_("Question %(number)s: answer it once.") % {"number": question.order})
            continue
        seen.add(question.pk)
        rating, option_ids = item.get("rating"), list(item.get("option_ids") or [])
        text = (item.get("text") or "").strip()
        number = {"number": question.order}
        if question.kind == QuestionKind.RATING:
            if rating is None and not option_ids and not text:
                continue
            if rating not in (1, 2, 3, 4, 5) or option_ids or text:
                problems.append(
                    conflict(_("Question %(number)s: give a rating from 1 to 5.") % number)
                )
                continue
            rows.append(Answer(question=question, rating=rating))
        elif question.has_options:
            valid = {o.pk for o in question.options.all()}
            if not option_ids and rating is None and not text:
                continue
            if rating is not None or text or not set(option_ids) <= valid:
                problems.append(
                    conflict(_("Question %(number)s: choose among its options.") % number)
                )
                continue
            if len(set(option_ids)) != len(option_ids) or (
                question.kind == QuestionKind.SINGLE and len(option_ids) > 1
            ):
                problems.append(conflict(_("Question %(number)s: choose one option.") % number))
                continue
            rows.extend(Answer(question=question, option_id=pk) for pk in option_ids)
        else:
            if rating is not None or option_ids:
                problems.append(conflict(_("Question %(number)s: write an answer.") % number))
                continue
            if len(text) > MAX_TEXT:
                problems.append(_("Question %(number)s: write at most 2000 characters.") % number)
                continue
            if text:
                rows.append(Answer(question=question, text=text))
    unanswered = unanswered_required(questions, answers)
    problems += [
        _("Question %(number)s, “%(text)s”, must be answered.")
        % {"number": q.order, "text": q.text}
        for q in questions
        if q.pk in unanswered
    ]
    if problems:
        raise ValidationError({"answers": problems})
    if not rows:
        raise ValidationError({"answers": [_("Answer at least one question.")]})
    return rows


def unanswered_required(questions: list[Question], answers: list[dict]) -> set[int]:
    """The required questions that `answers` (as `survey_respond` takes them) leave blank."""
    given = {
        item.get("question_id")
        for item in answers
        if item.get("rating") is not None
        or item.get("option_ids")
        or (item.get("text") or "").strip()
    }
    return {q.pk for q in questions if q.required and q.pk not in given}


@transaction.atomic
def survey_respond(*, actor, survey: Survey, unit: Unit, answers: list[dict]) -> Participation:
    """Record a home's answers, once. `answers` holds, per question answered,
    {"question_id", "rating"} or {"question_id", "option_ids"} or {"question_id", "text"}."""
    if unit.community_id != survey.community_id:
        raise ValidationError({"unit": [not_found(_("Choose a home of this community."))]})
    channel = _channel_for(actor, survey, unit)
    survey = _locked(survey)
    now = timezone.now()
    status = survey.status_at(now)
    if status == SurveyStatus.DRAFT:
        raise ValidationError(_("This survey has not been published."))
    if status == SurveyStatus.SCHEDULED:
        raise conflict(_("The survey opens at %(when)s.") % {"when": _when(survey.opens_at)})
    if status == SurveyStatus.CLOSED:
        raise conflict(_("The survey closed at %(when)s.") % {"when": _when(survey.closes_at)})
    if not queries.audience_units(survey).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": [_("This survey does not ask this home.")]})
    rows = _answer_rows(queries.questionnaire(survey), answers)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                survey=survey, unit=unit, channel=channel, recorded_by=actor, answered_at=now
            )
    except IntegrityError:
        participation = None
    if participation is None:
        raise ValidationError(
            {"unit": [conflict(_("This home has already answered this survey."))]}
        )
    response = Response.objects.create(
        survey=survey, participation=None if survey.anonymous else participation
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    audit.record(
        actor=actor,
        action="survey.respond",
        obj=participation,
        changes={"unit": [None, unit.label], "channel": [None, channel]},
    )
    return participation
