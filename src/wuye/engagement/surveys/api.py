"""API: satisfaction surveys (满意度调查), a home's answers, and the results for staff."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from wuye.core import policy
from wuye.core.api import (
    SOME_TEXT,
    Body,
    Id,
    IdIn,
    Page,
    PageParams,
    errors,
    number_in,
    paginate,
    text_in,
)
from wuye.core.validators import not_found
from wuye.estates.models import Unit

from ..models import Survey
from . import queries, services

# A rating question's answer: 1 (very dissatisfied) to 5 (very satisfied).
Rating = Annotated[int, Field(ge=1, le=5), BeforeValidator(number_in)]

router = Router(tags=["engagement"])

STATUS = Literal["draft", "scheduled", "open", "closed"]
DIMENSION = Literal["service", "repairs", "security", "cleaning", "greenery", "overall", "all"]


class OptionOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    order: int
    kind: Literal["rating", "single", "multiple", "text"]
    dimension: Literal["service", "repairs", "security", "cleaning", "greenery", "overall"]
    text: str
    required: bool = Field(description="A response must answer it.")
    options: list[OptionOut]


class SurveyOut(Schema):
    id: int
    community_id: int
    title: str
    description: str
    building_ids: list[int] = Field(description="Empty: the whole community.")
    anonymous: bool
    opens_at: datetime
    closes_at: datetime
    status: STATUS


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]
    my_homes: list[dict[str, int | bool]] = Field(
        description="The caller's homes asked by the survey: {unit_id, answered}."
    )


class SurveyFilters(Schema):
    community_id: Id = None
    status: STATUS = None


class AnswerIn(Body):
    # An answer says something: a rating, options or text.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["rating"], "properties": {"rating": {"type": "integer"}}},
                {"required": ["option_ids"], "properties": {"option_ids": {"minItems": 1}}},
                {"required": ["text"], "properties": {"text": {"pattern": SOME_TEXT}}},
            ]
        }
    )

    question_id: IdIn
    rating: Rating | None = Field(None, description="Rating questions: 1 to 5.")
    option_ids: list[IdIn] = Field([], max_length=20, description="Choice questions.")
    text: text_in(services.MAX_TEXT) = Field("", description="Free-text questions.")

    @model_validator(mode="after")
    def _says_something(self) -> AnswerIn:
        if self.rating is None and not self.option_ids and not self.text.strip():
            raise PydanticCustomError(
                "empty_answer", str(_("Give a rating, choose options or write an answer."))
            )
        return self


class ResponseIn(Body):
    unit_id: IdIn
    answers: list[AnswerIn] = Field(min_length=1, max_length=200)


class ResponseOut(Schema):
    survey_id: int
    unit_id: int
    channel: Literal["portal", "paper"]
    answered_at: datetime


class DimensionOut(Schema):
    dimension: DIMENSION
    label: str
    ratings: int
    satisfied: int
    rate: str | None = Field(description="Per cent of ratings that are 4 or 5, one place.")
    average: str | None = Field(description="Average rating, two places.")
    previous_rate: str | None
    target: str | None
    met: bool | None


class OptionCountOut(Schema):
    option_id: int
    text: str
    count: int


class QuestionResultOut(Schema):
    question_id: int
    answers: int
    rate: str | None
    average: str | None
    distribution: list[int] = Field(description="How many gave 1, 2, 3, 4 and 5.")
    options: list[OptionCountOut]


class ResultsOut(Schema):
    survey_id: int
    status: STATUS
    audience_homes: int
    answered_homes: int
    response_rate: str | None = Field(description="Per cent of the homes asked, one place.")
    previous_survey_id: int | None
    previous_response_rate: str | None
    target: str | None
    dimensions: list[DimensionOut]
    total: DimensionOut
    questions: list[QuestionResultOut]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _survey_out(survey: Survey) -> dict:
    return {
        "id": survey.pk,
        "community_id": survey.community_id,
        "title": survey.title,
        "description": survey.description,
        "building_ids": sorted(b.pk for b in survey.buildings.all()),
        "anonymous": survey.anonymous,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "status": survey.status,
    }


def _visible(request, survey_id: int) -> Survey:
    return get_object_or_404(queries.surveys_visible_to(request.auth), pk=survey_id)


@router.get(
    "/surveys",
    response={200: Page[SurveyOut], **errors()},
    summary="Satisfaction surveys the caller may see, newest first",
)
def survey_list(request, filters: Query[SurveyFilters], paging: Query[PageParams]):
    surveys = queries.surveys_visible_to(request.auth, filters.community_id)
    if filters.status:
        surveys = queries.in_status(surveys, filters.status)
    count, items = paginate(surveys.prefetch_related("buildings"), paging)
    return {"count": count, "items": [_survey_out(s) for s in items]}


@router.get(
    "/surveys/{survey_id}",
    response={200: SurveyDetailOut, **errors()},
    summary="A survey with its questions",
)
def survey_detail(request, survey_id: Id):
    survey = _visible(request, survey_id)
    questions = [
        {
            "id": q.pk,
            "order": q.order,
            "kind": q.kind,
            "dimension": q.dimension,
            "text": q.text,
            "required": q.required,
            "options": [{"id": o.pk, "text": o.text} for o in q.options.all()],
        }
        for q in queries.questionnaire(survey)
    ]
    homes = [
        {"unit_id": h["unit"].pk, "answered": h["answered"]}
        for h in queries.resident_homes(request.auth, survey)
    ]
    return {**_survey_out(survey), "questions": questions, "my_homes": homes}


@router.post(
    "/surveys/{survey_id}/responses",
    response={201: ResponseOut, **errors()},
    summary="Answer for a home, once (an owner or household member, or the office on paper)",
)
def response_create(request, survey_id: Id, payload: ResponseIn):
    survey = _visible(request, survey_id)
    unit = Unit.objects.filter(pk=payload.unit_id, community_id=survey.community_id).first()
    if unit is None:
        raise ValidationError({"unit_id": [not_found(_("Choose a home of this community."))]})
    answers = [answer.model_dump() for answer in payload.answers]
    try:
        participation = services.survey_respond(
            actor=request.auth, survey=survey, unit=unit, answers=answers
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "unit" in exc.error_dict:
            raise ValidationError({"unit_id": exc.error_dict["unit"]}) from exc
        raise
    return Status(
        201,
        {
            "survey_id": survey.pk,
            "unit_id": unit.pk,
            "channel": participation.channel,
            "answered_at": participation.answered_at,
        },
    )


def _dimension_out(row) -> dict:
    return {
        "dimension": row.dimension,
        "label": row.label,
        "ratings": row.ratings,
        "satisfied": row.satisfied,
        "rate": _text(row.rate),
        "average": _text(row.average),
        "previous_rate": _text(row.previous_rate),
        "target": _text(row.target),
        "met": row.met,
    }


@router.get(
    "/surveys/{survey_id}/results",
    response={200: ResultsOut, **errors()},
    summary="Response rate and satisfaction by dimension and question (staff)",
)
def survey_results(request, survey_id: Id):
    survey = _visible(request, survey_id)
    if not policy.has_perm(request.auth, "survey.view", survey.community_id):
        raise PermissionDenied(_("The results are for the office."))
    results = queries.survey_results(survey)
    return {
        "survey_id": survey.pk,
        "status": survey.status,
        "audience_homes": results.audience,
        "answered_homes": results.answered,
        "response_rate": _text(results.response_rate),
        "previous_survey_id": results.previous.pk if results.previous else None,
        "previous_response_rate": _text(results.previous_response_rate),
        "target": _text(results.target),
        "dimensions": [_dimension_out(row) for row in results.dimensions],
        "total": _dimension_out(results.total),
        "questions": [
            {
                "question_id": item.question.pk,
                "answers": item.answers,
                "rate": _text(item.rate),
                "average": _text(item.average),
                "distribution": item.distribution,
                "options": [
                    {"option_id": o["option"].pk, "text": o["option"].text, "count": o["count"]}
                    for o in item.options
                ],
            }
            for item in results.questions
        ],
    }
