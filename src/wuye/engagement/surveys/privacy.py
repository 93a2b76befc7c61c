"""What satisfaction surveys hold about a person: the questionnaires they answered through
their login, with the answers where the survey was not anonymous (an anonymous survey keeps
nothing that ties the answers to a home)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section

from ..models import Answer, Participation


def _answer(answer: Answer) -> str:
    if answer.rating:
        return str(answer.rating)
    if answer.option_id:
        return answer.option.text
    return answer.text


def _header() -> list[str]:
    return [_("Survey"), _("Home"), _("Answered at"), _("Question"), _("Answer")]


def collect(person) -> list[Section]:
    if not person.user_id:
        return [Section(_("Survey answers"), _header())]
    taken = (
        Participation.objects.filter(
            recorded_by_id=person.user_id, survey__community_id=person.community_id
        )
        .select_related("survey", "unit__building")
        .order_by("answered_at", "pk")
    )
    answers = (
        Answer.objects.filter(response__participation__in=taken)
        .select_related("question", "option", "response__participation")
        .order_by("question__order", "pk")
    )
    by_participation: dict[int, list[Answer]] = {}
    for answer in answers:
        by_participation.setdefault(answer.response.participation_id, []).append(answer)
    rows = []
    for p in taken:
        when = f"{timezone.localtime(p.answered_at):%Y-%m-%d %H:%M}"
        given = by_participation.get(p.pk)
        if not given:
            rows.append([p.survey.title, p.unit.label, when, _("Anonymous survey"), ""])
        for answer in given or []:
            rows.append([p.survey.title, p.unit.label, when, answer.question.text, _answer(answer)])
    return [Section(_("Survey answers"), _header(), rows)]


PERSONAL_DATA = [Contribution("surveys", collect=collect, order=410)]
