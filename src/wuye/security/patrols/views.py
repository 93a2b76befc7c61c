"""The patrol pages: the day's tasks (a guard's own, or all of them for the supervisor, with
missed points shown), and a task's points with a form to scan one from the phone."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from wuye.core import policy
from wuye.core.web import community_for, error_message, run_service

from . import queries, services
from .models import PatrolPhoto, PatrolTask, PointStatus, TaskPoint
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
    # when the phone scanned, sent by a scan kept on the phone while it had no network
    scanned_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)


def _answer_rows(point) -> list[dict]:
    rows = []
    for entry in (point.answers or {}).values():
        if not isinstance(entry, dict):
            continue
        answer = entry.get("answer")
        if isinstance(answer, bool):
            answer = gettext("Yes") if answer else gettext("No")
        rows.append(
            {
                "question": entry.get("question", ""),
                "answer": f"{answer} {entry.get('unit') or ''}".strip(),
                "abnormal": bool(entry.get("abnormal")),
            }
        )
    return rows


def _answers(post, point) -> dict:
    """The answers to `point`'s checklist from the form (`answer-<item id>`), as text; the
    service checks them."""
    found = {}
    for item in point.route_point.checks.all():
        value = post.get(f"answer-{item.pk}", "")
        if value.strip():
            found[str(item.pk)] = value[: services.ANSWER_MAX_LENGTH + 1]
    return found


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
    for p in points:
        p.answer_rows = _answer_rows(p)
    walking = policy.has_perm(request.user, "patrol.walk", community.pk)
    open_points = [p for p in points if p.status in (PointStatus.PENDING, PointStatus.MISSED)]
    choices = [(p.route_point.checkpoint_id, p.route_point.checkpoint.name) for p in open_points]
    form = ScanForm(request.POST or None)
    form.fields["checkpoint"].choices = choices
    if request.method == "POST":
        if not walking:
            raise PermissionDenied
        if form.is_valid():
            _scan_from_form(request, task, form.cleaned_data, open_points)
            return redirect("security:patrol_task", community.pk, task.pk)
    return render(
        request,
        "security/patrols/task_detail.html",
        {
            "community": community,
            "task": task,
            "points": points,
            "open_points": [p for p in open_points if p.route_point.checks.all()],
            "form": form if walking and choices else None,
            "raising": policy.has_perm(request.user, "patrol.raise", community.pk),
        },
    )


def _scan_from_form(request, task, data, open_points) -> None:
    point = next(
        (p for p in open_points if p.route_point.checkpoint_id == data["checkpoint"]), None
    )
    photo_ids = []
    upload = request.FILES.get("photo")
    if upload is not None:
        try:
            photo = services.photo_add(
                actor=request.user, task=task, data=upload.read(services.MAX_PHOTO_BYTES + 1)
            )
        except ValidationError as refused:
            error_message(request, refused)
            return
        photo_ids.append(photo.pk)
    outcome = services.scan(
        actor=request.user,
        task=task,
        checkpoint_id=data["checkpoint"],
        proof=data["proof"] or "",
        scanned_at=data["scanned_at"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        answers=_answers(request.POST, point) if point else {},
        photo_ids=photo_ids,
    )
    if outcome.result == "rejected":
        # a photo sent with a refused scan is not kept
        for photo in PatrolPhoto.objects.filter(pk__in=photo_ids, point__isnull=True):
            photo.file.delete(save=False)
            photo.delete()
        messages.error(request, outcome.reason)
    else:
        messages.success(request, outcome.reason)


def _task(request, community, task_id: int) -> PatrolTask:
    return get_object_or_404(
        queries.tasks_for(request.user, community.pk, _day_of(task_id, community.pk)),
        pk=task_id,
    )


@login_required
@require_POST
def point_work_order(request, community_id: int, task_id: int, point_id: int):
    """One tap: a work order for an abnormal point (the same one when tapped again)."""
    community = community_for(request, community_id, "patrol.raise")
    task = _task(request, community, task_id)
    point = get_object_or_404(TaskPoint.objects.filter(task=task), pk=point_id)
    return run_service(
        request,
        lambda: services.point_raise_work_order(actor=request.user, point=point),
        success=lambda order: gettext("Work order %(number)s raised.") % {"number": order},
        then=redirect("security:patrol_task", community.pk, task.pk),
    )


@login_required
def task_photo(request, community_id: int, task_id: int, photo_id: int):
    community = _community(request, community_id)
    task = _task(request, community, task_id)
    photo = get_object_or_404(PatrolPhoto.objects.filter(task=task), pk=photo_id)
    content_type = f"image/{photo.image_format.lower()}"
    return FileResponse(photo.file.open("rb"), content_type=content_type)


def _day_of(task_id: int, community_id: int) -> date | None:
    return (
        PatrolTask.objects.filter(pk=task_id, community_id=community_id)
        .values_list("date", flat=True)
        .first()
    )
