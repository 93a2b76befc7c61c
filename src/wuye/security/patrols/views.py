"""The patrol pages: the day's tasks (a guard's own, or all of them for the supervisor, with
missed points shown), and a task's points with a form to scan one from the phone."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wuye.core import policy
from wuye.core.web import community_for

from . import queries, services
from .models import PatrolTask, PointStatus
from .services import PROOF_MAX_LENGTH


def _community(request, community_id: int):
    """The community, for those who walk patrols or see them."""
    return community_for(request, community_id, "patrol.open")


class ScanForm(forms.Form):
    checkpoint = forms.TypedChoiceField(
        label=_("Checkpoint"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    proof = forms.CharField(
        label=_("Tag UID or code"), max_length=PROOF_MAX_LENGTH, required=False, strip=True
    )
    latitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        widget=forms.HiddenInput,
    )


@login_required
def task_list(request, community_id: int):
    community = _community(request, community_id)
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate()
    rows = list(queries.tasks_for(request.user, community.pk, day))
    return render(
        request,
        "security/patrols/task_list.html",
        {
            "community": community,
            "day": day,
            "tasks": rows,
            "supervising": policy.has_perm(request.user, "patrol.view", community.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request, community_id: int, task_id: int):
    community = _community(request, community_id)
    task = get_object_or_404(
        queries.tasks_for(request.user, community.pk, _day_of(task_id, community.pk)),
        pk=task_id,
    )
    points = list(queries.points_of(task))
    walking = policy.has_perm(request.user, "patrol.walk", community.pk)
    choices = [
        (p.route_point.checkpoint_id, p.route_point.checkpoint.name)
        for p in points
        if p.status in (PointStatus.PENDING, PointStatus.MISSED)
    ]
    form = ScanForm(request.POST or None)
    form.fields["checkpoint"].choices = choices
    if request.method == "POST":
        if not walking:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            outcome = services.scan(
                actor=request.user,
                task=task,
                checkpoint_id=data["checkpoint"],
                proof=data["proof"] or "",
                latitude=data["latitude"],
                longitude=data["longitude"],
            )
            if outcome.result == "rejected":
                messages.error(request, outcome.reason)
            else:
                messages.success(request, outcome.reason)
            return redirect("security:patrol_task", community.pk, task.pk)
    return render(
        request,
        "security/patrols/task_detail.html",
        {
            "community": community,
            "task": task,
            "points": points,
            "form": form if walking and choices else None,
        },
    )


def _day_of(task_id: int, community_id: int) -> date | None:
    return (
        PatrolTask.objects.filter(pk=task_id, community_id=community_id)
        .values_list("date", flat=True)
        .first()
    )
