"""Building surveys for tests: a questionnaire of every kind, answers by question number."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from wuye.engagement.models import Survey
from wuye.engagement.surveys import services

# (kind, dimension, text, options)
QUESTIONS = [
    ("rating", "service", "How satisfied are you with the front desk?", []),
    ("rating", "repairs", "How satisfied are you with repairs?", []),
    ("rating", "overall", "Overall, how satisfied are you?", []),
    ("single", "overall", "Would you recommend us?", ["Yes", "No"]),
    ("multiple", "cleaning", "What should be cleaned more often?", ["Stairs", "Lifts", "Bins"]),
    ("text", "overall", "Anything else?", []),
]


def make_survey(
    site,
    *,
    questions=QUESTIONS,
    anonymous: bool = True,
    buildings=None,
    publish: bool = True,
    title: str = "Owner satisfaction survey",
    required: bool | None = False,
) -> Survey:
    """A survey of `questions`; `required` None gives each question its kind's default
    (ratings required), else every question is required or optional alike."""
    now = timezone.now()
    data = {
        "title": title,
        "anonymous": anonymous,
        "opens_at": now - timedelta(minutes=1),
        "closes_at": now + timedelta(days=14),
    }
    if buildings is not None:
        data["buildings"] = buildings
    survey = services.survey_save(actor=site.manager, community=site.community, data=data)
    for kind, dimension, text, options in questions:
        services.question_add(
            actor=site.manager,
            survey=survey,
            data={
                "kind": kind,
                "dimension": dimension,
                "text": text,
                "options": options,
                "required": required,
            },
        )
    if publish:
        survey = services.survey_publish(actor=site.manager, survey=survey)
    return survey


def answers(survey: Survey, by_number: dict[int, object]) -> list[dict]:
    """Answers given by question number: a rating (int), an option's text or a list of them
    (choice questions), or a text."""
    questions = {q.order: q for q in survey.questions.prefetch_related("options")}
    found = []
    for number, value in by_number.items():
        question = questions[number]
        if question.kind == "rating":
            found.append({"question_id": question.pk, "rating": value})
        elif question.kind == "text":
            found.append({"question_id": question.pk, "text": value})
        else:
            chosen = [value] if isinstance(value, str) else value
            options = {o.text: o.pk for o in question.options.all()}
            found.append({"question_id": question.pk, "option_ids": [options[t] for t in chosen]})
    return found


def respond(survey: Survey, actor, unit, by_number: dict[int, object]):
    return services.survey_respond(
        actor=actor, survey=survey, unit=unit, answers=answers(survey, by_number)
    )


def move_to_past(survey: Survey, *, days: int) -> Survey:
    """Shift a survey's period `days` back, closed (as if it ran then)."""
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=days + 14),
        closes_at=now - timedelta(days=days),
        published_at=now - timedelta(days=days + 14),
    )
    survey.refresh_from_db()
    return survey
