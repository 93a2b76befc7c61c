"""The inspections pages: the inspection plans' tasks of a day or a week by area (done, open,
overdue; the failed items with their work orders) beside each plan's pass rate over 14 or 30
days; and a new plan made from a checklist template."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for

from . import charts, queries, services
from .forms import PlanFromTemplateForm
from .templates import TEMPLATES

SPANS = {"day": 1, "week": 7}
WINDOWS = (14, 30)


def _day(text: str | None, default: date) -> date:
    """The day asked for, else `default`; a day at the calendar's ends (where a week before or
    after it does not exist) is not one."""
    try:
        day = date.fromisoformat(text or "")
        day - timedelta(days=14), day + timedelta(days=14)
    except (ValueError, OverflowError):
        return default
    return day


@login_required
def inspections(request, community_id: int):
    community = community_for(request, community_id, "inspections.view")
    today = timezone.localdate()
    span = request.GET.get("span") if request.GET.get("span") in SPANS else "day"
    first = _day(request.GET.get("day"), today)
    if span == "week":
        first -= timedelta(days=first.weekday())
    last = first + timedelta(days=SPANS[span] - 1)
    window = 30 if request.GET.get("window") == "30" else 14
    tasks = list(queries.inspection_tasks(community.pk, first, last, today))
    areas = queries.by_area(tasks, today)
    rates = queries.pass_rates(community.pk, today, window)
    step = timedelta(days=SPANS[span])
    return render(
        request,
        "facilities/inspections/inspections.html",
        {
            "community": community,
            "areas": areas,
            "tasks": tasks,
            "span": span,
            "first": first,
            "last": last,
            "previous": first - step,
            "next": first + step,
            "today": today,
            "window": window,
            "windows": WINDOWS,
            "rates": rates,
            "chart": charts.pass_rate_chart(rates, window),
            "configuring": policy.has_perm(request.user, "maintenance.configure", community.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_from_template(request, community_id: int):
    community = community_for(request, community_id, "maintenance.configure")
    template = TEMPLATES.get(request.GET.get("template", ""))
    if template is None:
        return render(
            request,
            "facilities/inspections/templates.html",
            {"community": community, "templates": TEMPLATES.values()},
        )
    form = PlanFromTemplateForm(request.POST or None, community=community, template=template)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_from_template(
                actor=request.user,
                community=community,
                template_key=template.key,
                name=data["name"],
                cadence=data["cadence"],
                interval=data["interval"],
                starts_on=data["starts_on"],
                equipment=data["equipment"],
                place=data["place"],
                team=data["team"],
                contractor=data["contractor"],
                statutory=data["statutory"],
                lead_days=data["lead_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Plan %(name)s made with %(n)s checklist items.")
                % {"name": plan.name, "n": len(template.items)},
            )
            return redirect("facilities:maintenance_plans", community.pk)
    return render(
        request,
        "facilities/inspections/plan_form.html",
        {
            "community": community,
            "template": template,
            "form": form,
            "title": gettext("New plan from a template"),
            "back_url": reverse("facilities:inspection_plan_new", args=[community.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )
