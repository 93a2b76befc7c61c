"""Staff pages of satisfaction surveys: the rounds and when the next is due, the questionnaire
builder, the results against the previous round and the target, paper questionnaires, Excel.

Every page asks the policy for the community in its URL (403 otherwise); a survey of another
community is a 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import configure, policy
from wuye.core.forms import add_service_errors
from wuye.core.models import ServiceStandard
from wuye.core.spreadsheets import response as xlsx_response
from wuye.core.standards import LEVEL_DEFAULTS
from wuye.core.web import community_for, error_message, paginate, run_service

from ..models import SurveyStatus
from ..owners import home_by_label
from . import charts, queries, services
from .forms import (
    SETTINGS_FIELDS,
    PaperHomeForm,
    QuestionForm,
    SurveyForm,
    SurveySettingsForm,
    answers_from_post,
    keep_chosen,
)

TEXTS_SHOWN = 200


def _survey(request, community_id: int, pk: int, perm: str = "survey.view"):
    community = community_for(request, community_id, perm)
    survey = get_object_or_404(queries.surveys_visible_to(request.user, community.pk), pk=pk)
    return community, survey


@login_required
def survey_list(request, community_id: int):
    community = community_for(request, community_id, "survey.view")
    surveys = queries.with_response_counts(queries.surveys_visible_to(request.user, community.pk))
    page = paginate(request, surveys)
    return render(
        request,
        "engagement/surveys/list.html",
        {
            "community": community,
            "page": page,
            "due": queries.next_round_due(community),
            "can_manage": policy.has_perm(request.user, "survey.manage", community.pk),
        },
    )


@login_required
def survey_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, "survey.manage")
    survey = None
    now = timezone.localtime()
    initial = {
        "anonymous": True,
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=queries.ROUND_DAYS)).strftime("%Y-%m-%dT%H:%M"),
    }
    if pk is not None:
        survey = get_object_or_404(queries.surveys_visible_to(request.user, community.pk), pk=pk)
        try:
            services.require_draft(survey)
        except ValidationError as error:
            error_message(request, error)
            return redirect("engagement:survey", community.pk, survey.pk)
        initial = {
            "title": survey.title,
            "description": survey.description,
            "buildings": list(survey.buildings.all()),
            "anonymous": survey.anonymous,
            "opens_at": timezone.localtime(survey.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(survey.closes_at).strftime("%Y-%m-%dT%H:%M"),
        }
    form = SurveyForm(request.POST or None, initial=initial, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_save(
                actor=request.user, community=community, data=form.cleaned_data, survey=survey
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The survey has been saved."))
            return redirect("engagement:survey", community.pk, survey.pk)
    back = (
        reverse("engagement:survey", args=[community.pk, survey.pk])
        if survey
        else reverse("engagement:surveys", args=[community.pk])
    )
    return render(
        request,
        "core/form.html",
        {
            "community": community,
            "form": form,
            "title": _("Change the survey") if survey else _("New satisfaction survey"),
            "back_url": back,
        },
    )


@login_required
def survey_detail(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk)
    context = {
        "community": community,
        "survey": survey,
        "buildings": list(survey.buildings.all()),
        "can_manage": policy.has_perm(request.user, "survey.manage", community.pk),
        "can_record": survey.status == SurveyStatus.OPEN
        and policy.has_perm(request.user, "survey.record_response", community.pk),
    }
    if survey.published_at is None:
        context.update(questions=queries.questionnaire(survey), question_form=QuestionForm())
        return render(request, "engagement/surveys/builder.html", context)
    results = queries.survey_results(survey)
    homes = paginate(request, queries.participations(survey))
    context.update(
        results=results,
        chart=charts.satisfaction_by_dimension(results),
        texts=list(queries.text_answers(survey)[:TEXTS_SHOWN]),
        homes=homes,
    )
    return render(request, "engagement/surveys/results.html", context)


@login_required
@require_POST
def question_add(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk, "survey.manage")
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, survey=survey, data=form.cleaned_data)
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The question has been added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("engagement:survey", community.pk, survey.pk)


@login_required
@require_POST
def question_remove(request, community_id: int, pk: int, question_pk: int):
    community, survey = _survey(request, community_id, pk, "survey.manage")
    question = get_object_or_404(survey.questions, pk=question_pk)
    return run_service(
        request,
        lambda: services.question_remove(actor=request.user, question=question),
        success=_("The question has been removed."),
        then=redirect("engagement:survey", community.pk, survey.pk),
    )


@login_required
@require_POST
def survey_publish(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk, "survey.manage")
    return run_service(
        request,
        lambda: services.survey_publish(actor=request.user, survey=survey),
        success=_("The survey has been published to the owners."),
        then=redirect("engagement:survey", community.pk, survey.pk),
    )


@login_required
@require_POST
def survey_close(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk, "survey.manage")
    return run_service(
        request,
        lambda: services.survey_close(actor=request.user, survey=survey),
        success=_("The survey is closed; its results are final."),
        then=redirect("engagement:survey", community.pk, survey.pk),
    )


@login_required
@require_POST
def survey_copy(request, community_id: int):
    community = community_for(request, community_id, "survey.manage")
    try:
        survey = services.survey_copy(actor=request.user, community=community)
    except ValidationError as error:
        error_message(request, error)
        return redirect("engagement:surveys", community.pk)
    messages.success(
        request, _("The next round is ready as a draft: check its dates, then publish it.")
    )
    return redirect("engagement:survey", community.pk, survey.pk)


@login_required
def paper_response(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk, "survey.record_response")
    questions = queries.questionnaire(survey)
    form = PaperHomeForm(request.POST or None)
    if request.method == "POST":
        answers = answers_from_post(questions, request.POST)
        keep_chosen(questions, request.POST)
        if form.is_valid():
            unit = home_by_label(community.pk, form.cleaned_data["home"])
            if unit is None:
                form.add_error("home", _("No home of this community has that number."))
            else:
                try:
                    services.survey_respond(
                        actor=request.user, survey=survey, unit=unit, answers=answers
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                    keep_chosen(
                        questions, request.POST, services.unanswered_required(questions, answers)
                    )
                else:
                    messages.success(
                        request,
                        _("Paper questionnaire recorded for %(home)s.") % {"home": unit.label},
                    )
                    return redirect("engagement:survey_paper", community.pk, survey.pk)
    return render(
        request,
        "engagement/surveys/paper.html",
        {"community": community, "survey": survey, "questions": questions, "form": form},
    )


@login_required
def survey_export(request, community_id: int, pk: int):
    community, survey = _survey(request, community_id, pk)
    results = queries.survey_results(survey)
    content = charts.results_book(
        results, queries.text_answers(survey), queries.participations(survey)
    )
    name = pgettext("file name", "survey-%(number)s") % {"number": survey.pk}
    return xlsx_response(content, f"{name}.xlsx")


# ---- settings (设置) --------------------------------------------------------------------


def _standard(community) -> ServiceStandard:
    """The community's service standard, or a new one with its level's defaults."""
    found = ServiceStandard.objects.filter(community=community).first()
    return found or ServiceStandard(community=community, **LEVEL_DEFAULTS[community.service_level])


@login_required
def survey_settings(request, community_id: int):
    """How often a round is due and the satisfaction it must reach."""
    community = community_for(request, community_id, "survey.configure")
    standard = _standard(community)
    form = SurveySettingsForm(request.POST or None, instance=_standard(community))
    if request.method == "POST" and configure.save_form(
        request,
        form,
        perm="survey.configure",
        community_id=community.pk,
        obj=standard,
        names=SETTINGS_FIELDS,
        action="survey.settings_change",
        saved=_("The survey settings have been saved."),
    ):
        return redirect("engagement:survey_settings", community.pk)
    context = {"community": community, "form": form, "due": queries.next_round_due(community)}
    return render(request, "engagement/surveys/settings.html", context)


@login_required
def survey_settings_history(request, community_id: int):
    community = community_for(request, community_id, "survey.configure")
    return configure.history(
        request,
        community,
        models_=[ServiceStandard],
        fields=SETTINGS_FIELDS,
        title=_("Survey settings: history"),
        back_url=reverse("engagement:survey_settings", args=[community.pk]),
    )
