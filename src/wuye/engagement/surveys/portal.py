"""Satisfaction surveys in the portal: an owner or a household member answers for their home.

The list shows the surveys that have opened for the user's homes and whether each home has
answered; a home answers once, then sees a thank-you page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..models import SurveyStatus
from . import queries, services
from .forms import answers_from_post, keep_chosen


def _resident_survey(request, pk: int):
    return get_object_or_404(
        queries.surveys_for_residents(request.user).select_related("community"), pk=pk
    )


@login_required
def survey_list(request):
    surveys = queries.with_answered_homes(
        queries.surveys_for_residents(request.user).select_related("community"), request.user
    )
    return render(request, "engagement/surveys/portal_list.html", {"surveys": list(surveys)})


@login_required
def survey_answer(request, pk: int):
    survey = _resident_survey(request, pk)
    homes = queries.resident_homes(request.user, survey)
    waiting = [h["unit"] for h in homes if not h["answered"]]
    chosen = request.POST.get("unit") or request.GET.get("unit")
    unit = next((u for u in waiting if str(u.pk) == chosen), waiting[0] if waiting else None)
    questions = queries.questionnaire(survey)
    errors: list[str] = []
    if request.method == "POST":
        if unit is None or str(unit.pk) != request.POST.get("unit"):
            raise PermissionDenied(
                _("Only an owner or a household member may answer for this home.")
            )
        answers = answers_from_post(questions, request.POST)
        try:
            services.survey_respond(actor=request.user, survey=survey, unit=unit, answers=answers)
        except ValidationError as error:
            errors = error.messages
            keep_chosen(questions, request.POST, services.unanswered_required(questions, answers))
        else:
            return redirect("engagement_portal:survey_thanks", survey.pk)
    return render(
        request,
        "engagement/surveys/portal_answer.html",
        {
            "survey": survey,
            "homes": homes,
            "unit": unit,
            "questions": questions,
            "errors": errors,
            "is_open": survey.status == SurveyStatus.OPEN,
        },
    )


@login_required
def survey_thanks(request, pk: int):
    survey = _resident_survey(request, pk)
    homes = queries.resident_homes(request.user, survey)
    if not any(h["answered"] for h in homes):
        messages.info(request, _("Your home has not answered this survey yet."))
        return redirect("engagement_portal:survey", survey.pk)
    return render(
        request,
        "engagement/surveys/portal_thanks.html",
        {"survey": survey, "homes": homes, "more": any(not h["answered"] for h in homes)},
    )
