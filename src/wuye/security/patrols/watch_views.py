"""The supervisor's patrol pages: the missed checkpoints to acknowledge, the printable
checkpoint labels, and how the patrols of the last days were walked."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from wuye.core import policy
from wuye.core.downloads import pdf_response
from wuye.core.web import community_for, paginate, run_service

from . import completion as report
from . import escalation, labels
from .models import TaskPoint

MISSED_DAYS = 7


class AcknowledgeForm(forms.Form):
    point = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    task = forms.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note"), max_length=escalation.NOTE_MAX_LENGTH, required=False, strip=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def missed_points(request, community_id: int):
    """The missed points of the last week, those nobody acknowledged first; the supervisor
    acknowledges one here (or from its task's page, which posts here)."""
    community = community_for(request, community_id, "patrol.view")
    if request.method == "POST":
        policy.require_perm(request.user, "patrol.acknowledge", community.pk)
        form = AcknowledgeForm(request.POST)
        if not form.is_valid():
            if "point" in form.errors or "task" in form.errors:
                raise Http404
            messages.error(request, " ".join(form.errors["note"]))
            return redirect("security:patrol_missed", community.pk)
        data = form.cleaned_data
        point = get_object_or_404(
            TaskPoint.objects.select_related("task"),
            pk=data["point"],
            task__community_id=community.pk,
        )
        if data["task"] == point.task_id:
            then = redirect("security:patrol_task", community.pk, point.task_id)
        else:
            then = redirect("security:patrol_missed", community.pk)
        return run_service(
            request,
            lambda: escalation.point_acknowledge(
                actor=request.user, point=point, note=data["note"]
            ),
            success=_("Missed checkpoint acknowledged."),
            then=then,
        )
    since = timezone.now() - timedelta(days=MISSED_DAYS)
    page = paginate(request, escalation.missed_points(community.pk, since=since))
    return render(
        request,
        "security/patrols/missed.html",
        {
            "community": community,
            "page": page,
            "points": page.object_list,
            "days": MISSED_DAYS,
            "may_acknowledge": policy.has_perm(request.user, "patrol.acknowledge", community.pk),
            "note_max": escalation.NOTE_MAX_LENGTH,
        },
    )


@login_required
@require_GET
def checkpoint_labels(request, community_id: int):
    """The labels of the active checkpoints as a PDF to print."""
    community = community_for(request, community_id, "patrol.configure")
    name = pgettext("file name", "patrol-checkpoint-labels")
    return pdf_response(labels.labels_pdf(community), f"{name}.pdf")


@login_required
@require_GET
def completion(request, community_id: int):
    """Points by outcome each day of the last 14 or 30 days and on each route."""
    community = community_for(request, community_id, "patrol.view")
    days = 30 if request.GET.get("days") == "30" else 14
    found = report.completion(community.pk, today=timezone.localdate(), days=days)
    return render(
        request,
        "security/patrols/completion.html",
        {
            "community": community,
            "report": found,
            "days": days,
            "periods": report.PERIODS,
            "outcomes": report.OUTCOMES,
            "day_chart": report.by_day_chart(found),
            "route_chart": report.by_route_chart(found),
        },
    )
