"""The maintenance pages: a technician's tasks (his teams', the earliest due first), a task's
checklist to complete from the phone (or to skip, for the supervisor), the plans, and the
readings of an equipment item as a chart."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from wuye.core import policy, uploads
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message, paginate

from ..equipment.models import Equipment
from . import charts, counters, queries, services
from .forms import CounterReadingForm
from .models import ItemKind, TaskStatus

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@login_required
def task_list(request, community_id: int):
    community = community_for(request, community_id, "maintenance.open")
    visible = queries.tasks_for(request.user, community.pk)
    showing = request.GET.get("show") == "done"
    if showing:
        rows = visible.exclude(status=TaskStatus.OPEN).order_by("-due_on", "-pk")
    else:
        rows = queries.open_first(visible)
    page = paginate(request, rows.prefetch_related("plan__equipment"))
    return render(
        request,
        "facilities/maintenance/task_list.html",
        {
            "community": community,
            "page": page,
            "tasks": page.object_list,
            "showing_done": showing,
            "today": timezone.localdate(),
            "supervising": policy.has_perm(request.user, "maintenance.view", community.pk),
        },
    )


def _photo(upload) -> ContentFile:
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(gettext("A photo may be at most 8 MB."))
    found = uploads.image_format(data, PHOTO_FORMATS)
    if found is None:
        raise ValidationError(gettext("Send a photo (JPEG, PNG or WebP)."))
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{EXTENSIONS[found]}")


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request, community_id: int, task_id: int):
    community = community_for(request, community_id, "maintenance.open")
    visible = queries.tasks_for(request.user, community.pk)
    task = get_object_or_404(queries.with_checklist(visible), pk=task_id)
    items = list(task.plan.items.all())
    given = {}
    if request.method == "POST":
        here = redirect("facilities:maintenance_task", community.pk, task.pk)
        try:
            if request.POST.get("action") == "skip":
                services.task_skip(
                    actor=request.user, task=task, reason=request.POST.get("reason", "")
                )
                messages.success(request, gettext("The occurrence is skipped."))
                return here
            given = {
                item.pk: request.POST.get(f"answer-{item.pk}", "")[: services.ANSWER_MAX_LENGTH + 1]
                for item in items
                if item.kind != ItemKind.PHOTO
            }
            photos = {
                item.pk: _photo(request.FILES[f"photo-{item.pk}"])
                for item in items
                if item.kind == ItemKind.PHOTO and f"photo-{item.pk}" in request.FILES
            }
            done = services.task_complete(
                actor=request.user, task=task, answers=list(given.items()), photos=photos
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            if done.work_orders:
                numbers = "、".join(o.number for o in done.work_orders)
                messages.warning(
                    request,
                    gettext("Completed. Work orders raised for what is out of range: %(n)s.")
                    % {"n": numbers},
                )
            else:
                messages.success(request, gettext("Completed: everything within range."))
            return here
    answers = {a.item_id: a for a in task.answers.all()}
    rows = [
        {"item": item, "answer": answers.get(item.pk), "given": given.get(item.pk, "")}
        for item in items
    ]
    return render(
        request,
        "facilities/maintenance/task_detail.html",
        {
            "community": community,
            "task": task,
            "rows": rows,
            "open": task.status == TaskStatus.OPEN,
            "doing": policy.has_perm(request.user, "maintenance.do", community.pk),
            "skipping": policy.has_perm(request.user, "maintenance.skip", community.pk),
            "overdue": task.status == TaskStatus.OPEN and task.due_on < timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def plan_list(request, community_id: int):
    community = community_for(request, community_id, "maintenance.view")
    page = paginate(request, queries.plans_in(community.pk))
    return render(
        request,
        "facilities/maintenance/plan_list.html",
        {
            "community": community,
            "page": page,
            "plans": page.object_list,
            "configuring": policy.has_perm(request.user, "maintenance.configure", community.pk),
        },
    )


@login_required
def equipment_readings(request, community_id: int, equipment_id: int):
    community = community_for(request, community_id, "maintenance.open")
    equipment = get_object_or_404(Equipment, pk=equipment_id, community_id=community.pk)
    readings = list(queries.readings_of(equipment))
    return render(
        request,
        "facilities/maintenance/readings.html",
        {
            "community": community,
            "equipment": equipment,
            "readings": readings[-50:][::-1],
            "charts": charts.readings_charts(equipment, readings),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def equipment_counters(request, community_id: int, equipment_id: int):
    """An equipment item's counters (run hours, starts): the latest of each, the readings, and
    the form a technician records a reading with."""
    community = community_for(request, community_id, "maintenance.open")
    equipment = get_object_or_404(Equipment, pk=equipment_id, community_id=community.pk)
    recording = policy.has_perm(request.user, "maintenance.do", community.pk)
    form = CounterReadingForm(request.POST or None)
    if request.method == "POST":
        if not recording:
            raise PermissionDenied
        if form.is_valid():
            try:
                reading = counters.counter_reading_record(
                    actor=request.user, equipment=equipment, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    gettext("Recorded: %(counter)s %(value)s.")
                    % {"counter": reading.counter, "value": f"{reading.value.normalize():f}"},
                )
                return redirect("facilities:maintenance_counters", community.pk, equipment.pk)
    elif (last := queries.counter_readings(equipment).first()) is not None:
        form.initial = {"counter": last.counter, "unit": last.unit}
    page = paginate(request, queries.counter_readings(equipment))
    return render(
        request,
        "facilities/maintenance/counters.html",
        {
            "community": community,
            "equipment": equipment,
            "form": form,
            "recording": recording,
            "latest": queries.counters_latest(equipment),
            "page": page,
            "readings": page.object_list,
        },
        status=400 if request.method == "POST" else 200,
    )
