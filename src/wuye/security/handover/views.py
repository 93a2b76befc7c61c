"""Staff pages of the shift handover: the guard's phone page to write and submit it, the
incoming guard's page to count again and confirm, the supervisor's list (discrepancies first)
and one handover, and the community's counted items (设置).

Every page asks the policy for the community in its URL (403 otherwise); a handover of
another community is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.validators import as_id
from wuye.core.web import community_for, paginate
from wuye.staff.organisation.models import Post
from wuye.staff.rosters.models import ShiftTemplate
from wuye.staff.rosters.queries import on_duty

from . import queries, services
from .forms import CountsForm, ItemForm, StartForm, WriteForm, counts_first
from .models import Handover, HandoverItem, HandoverStatus

STATUSES = ("all", "discrepancy", *HandoverStatus.values)


def _handover(community, pk: int) -> Handover:
    return get_object_or_404(queries.for_list(Handover.objects.filter(community=community)), pk=pk)


@login_required
def handover_list(request, community_id: int):
    """The supervisor's list: discrepancies first, then those awaiting the incoming guard."""
    community = community_for(request, community_id, "handover.view")
    status = request.GET.get("status", "all")
    status = status if status in STATUSES else "all"
    context = {
        "community": community,
        "page": paginate(request, queries.supervisor_list(community.pk, status=status)),
        "status": status,
        "statuses": [
            ("all", _("All")),
            ("discrepancy", _("Discrepancies")),
            *HandoverStatus.choices,
        ],
    }
    return render(request, "security/handover/list.html", context)


def _my_shift(user, community) -> dict:
    """The form's first values: the post and shift the user is on duty on now, ending when
    that shift ends; otherwise the coming hour."""
    now = timezone.now()
    for duty in on_duty(community, now):
        if duty.user.pk == user.pk:
            return {
                "post": duty.post.pk,
                "shift": duty.entry.shift_id,
                "ends_at": timezone.localtime(duty.entry.ends_at),
            }
    return {"ends_at": timezone.localtime(now).replace(minute=0, second=0, microsecond=0)}


@login_required
def handover_mine(request, community_id: int):
    """The guard's phone page: the handovers open to them, and a new one for their post."""
    community = community_for(request, community_id, "handover.record")
    posts = Post.objects.filter(community=community, active=True).order_by("order", "pk")
    shifts = ShiftTemplate.objects.filter(community=community, active=True).order_by("order")
    form = StartForm(
        request.POST or None,
        posts=posts,
        shifts=shifts,
        initial=_my_shift(request.user, community),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover = services.handover_start(
                actor=request.user,
                community=community,
                post=data["post"],
                ends_at=data["ends_at"],
                shift=data["shift"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("security:handover_write", community.pk, handover.pk)
    rows = list(queries.open_for(request.user, community.pk)[:20])
    for row in rows:
        row.may_confirm = row.status == HandoverStatus.AWAITING_INCOMING and services.may_confirm(
            request.user, row
        )
    context = {"community": community, "form": form, "open": rows}
    return render(
        request, "security/handover/mine.html", context, status=400 if form.is_bound else 200
    )


@login_required
def handover_write(request, community_id: int, pk: int):
    """The outgoing guard counts, writes the statuses and notes, and submits."""
    community = community_for(request, community_id, "handover.record")
    handover = _handover(community, pk)
    if handover.outgoing_id != request.user.pk or handover.status != HandoverStatus.DRAFT:
        return redirect("security:handover_mine", community.pk)
    lines = list(handover.counts.all())
    form = WriteForm(
        request.POST or None,
        lines=lines,
        initial_from="outgoing_count",
        initial={
            "cctv_status": handover.cctv_status,
            "fire_panel_status": handover.fire_panel_status,
            "notes": handover.notes,
            "open_incidents_note": handover.open_incidents_note,
        },
    )
    counts_first(form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.handover_count(
                actor=request.user,
                handover=handover,
                counts=form.counts(),
                cctv_status=data["cctv_status"],
                fire_panel_status=data["fire_panel_status"],
                notes=data["notes"],
                open_incidents_note=data["open_incidents_note"],
            )
            if "submit" in request.POST:
                services.handover_submit(actor=request.user, handover=handover)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "submit" in request.POST:
                messages.success(request, _("Handed over: the incoming guard confirms next."))
                return redirect("security:handover_mine", community.pk)
            messages.success(request, _("Saved."))
            return redirect("security:handover_write", community.pk, handover.pk)
    context = {
        "community": community,
        "handover": handover,
        "form": form,
        "incidents": list(queries.open_incidents(request.user, community.pk)),
    }
    return render(
        request, "security/handover/write.html", context, status=400 if form.is_bound else 200
    )


@login_required
def handover_confirm(request, community_id: int, pk: int):
    """The incoming guard counts as they find it, beside the outgoing guard's counts."""
    community = community_for(request, community_id, "handover.record")
    handover = _handover(community, pk)
    lines = list(handover.counts.all())
    form = CountsForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_confirm(actor=request.user, handover=handover, counts=form.counts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You have taken over the post."))
            return redirect("security:handover_mine", community.pk)
    rows = [(line, form[f"count_{line.pk}"]) for line in lines]
    context = {
        "community": community,
        "handover": handover,
        "form": form,
        "rows": rows,
        "incidents": list(queries.recorded_incidents(handover)),
        "may_confirm": handover.status == HandoverStatus.AWAITING_INCOMING
        and services.may_confirm(request.user, handover),
    }
    return render(
        request, "security/handover/confirm.html", context, status=400 if form.is_bound else 200
    )


@login_required
def handover_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "handover.view")
    handover = _handover(community, pk)
    live = handover.status == HandoverStatus.DRAFT
    incidents = (
        queries.open_incidents(request.user, community.pk)
        if live
        else queries.recorded_incidents(handover)
    )
    context = {
        "community": community,
        "handover": handover,
        "lines": handover.counts.all(),
        "incidents": list(incidents),
        "live_incidents": live,
    }
    return render(request, "security/handover/handover.html", context)


@login_required
def handover_items(request, community_id: int):
    """The items the guards count at every handover and how many the post should hold."""
    community = community_for(request, community_id, "handover.configure")
    item_id = as_id(request.POST.get("item")) if request.method == "POST" else None
    item = get_object_or_404(HandoverItem, community=community, pk=item_id) if item_id else None
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.handover_item_save(
                actor=request.user,
                community=community,
                item=item,
                name=data["name"],
                expected=data["expected"],
                active=data["active"] if item else True,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The handover items have been saved."))
            return redirect("security:handover_items", community.pk)
    context = {
        "community": community,
        "items": queries.items_of(community.pk),
        "form": form,
        "editing": item,
        "may_configure": policy.has_perm(request.user, "handover.configure", community.pk),
    }
    return render(
        request, "security/handover/items.html", context, status=400 if form.is_bound else 200
    )
