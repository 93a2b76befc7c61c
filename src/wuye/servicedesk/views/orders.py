"""An order's page: its facts, deadlines, timeline, photos, priced items, the complaint
checklist, and the actions the viewer may take now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wuye.billing import queries as billing
from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for

from .. import queries, sections, services, workflow
from ..forms import SERVICE_FIELDS, FormKit, PromiseForm
from ..models import COMPLAINANT_HINTS, COMPLAINT_STEPS, Category, WorkOrder, WorkOrderPhoto
from .actions import action_forms, next_url, perform

DEADLINES = (
    ("response", gettext_lazy("Reply by"), "response_due_at", "responded_at"),
    ("arrival", gettext_lazy("On site by"), "arrival_due_at", "arrived_at"),
    ("resolution", gettext_lazy("Resolve by"), "resolution_due_at", "resolved_at"),
)


def deadlines(order: WorkOrder, now) -> list[dict]:
    """Each deadline that applies, with whether it was met on time, late, or is overdue."""
    rows = []
    for key, label, due_field, met_field in DEADLINES:
        due, met = getattr(order, due_field), getattr(order, met_field)
        if due is None:
            continue
        if met is not None:
            state = "late" if met > due else "on_time"
        elif order.is_open and order.status != "on_hold" and now > due:
            state = "overdue"
        else:
            state = "pending"
        rows.append({"key": key, "label": label, "due": due, "met": met, "state": state})
    return rows


def _promise_form(order: WorkOrder, kit: FormKit, data=None) -> PromiseForm:
    initial = {"reply_by": order.reply_promised_at, "assignee": order.responder_id}
    return PromiseForm(data, kit=kit, prefix=f"p{order.pk}", initial=initial)


def order_context(user, order: WorkOrder, failed=None, failed_promise=None) -> dict:
    """What the order's page shows: to its staff everything; to its owner the facts of the
    request, its progress and the replies, never what staff keep for themselves (the
    complainant's type and its handling hint, the ten steps, internal notes)."""
    kit = FormKit(order.community_id)
    actions = action_forms(user, order, kit, failed)
    is_complaint = order.category == Category.COMPLAINT
    owner = workflow.reads_as_owner(user, order)
    may_promise = (
        is_complaint
        and order.is_open
        and policy.has_perm(user, "workorder.accept", order.community_id)
    )
    return {
        "order": order,
        "owner_view": owner,
        "deadlines": deadlines(order, timezone.now()),
        "actions": actions,
        "events": queries.timeline_of(user, order),
        "hold_minutes": order.on_hold_seconds // 60,
        "steps": [
            {"number": n, "label": label, "done": n in order.complaint_steps}
            for n, label in enumerate(COMPLAINT_STEPS, start=1)
        ]
        if is_complaint and not owner
        else [],
        "hint": COMPLAINANT_HINTS.get(order.complainant_type)
        if is_complaint and not owner
        else None,
        "promise_form": (failed_promise or _promise_form(order, kit)) if may_promise else None,
        # 维修费: what of the priced items is on the home's bill, what is pending and why
        "repair_bill": billing.repair_bill(order.community_id, order.number)
        if order.unit_id and order.items.all()
        else None,
        "may_see_bills": policy.has_perm(user, "billing.view", order.community_id),
        "suggestions": kit.suggestions(order)
        if any(a.action == "dispatch" for a in actions)
        else [],
    }


@login_required
def order_page(request, community_id: int, pk: int):
    community = community_for(request, community_id, "workorder.view")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    order = queries.work_order_detail(request.user, order.pk)
    return render(
        request,
        "servicedesk/order.html",
        {
            "community": community,
            "staff_page": True,
            "sections": sections.render_for(request, order),
        }
        | order_context(request.user, order),
    )


@login_required
@require_POST
def order_act(request, community_id: int, pk: int, action: str):
    community = community_for(request, community_id, "workorder.view")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    page = reverse("servicedesk:order", args=[community.pk, order.pk])
    status, failed = perform(request, order, action)
    if status == 200:
        return redirect(next_url(request, page))
    order = queries.work_order_detail(request.user, order.pk)
    return render(
        request,
        "servicedesk/order.html",
        {
            "community": community,
            "staff_page": True,
            "sections": sections.render_for(request, order),
        }
        | order_context(request.user, order, failed),
        status=status,
    )


@login_required
@require_POST
def complaint_step(request, community_id: int, pk: int, step: int):
    """Tick one of the ten steps of handling a complaint."""
    community = community_for(request, community_id, "workorder.view")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    try:
        services.complaint_step_done(order=order, step=step, actor=request.user)
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Step done."))
    return redirect("servicedesk:order", community.pk, order.pk)


def photo_response(order: WorkOrder, photo_id: int) -> FileResponse:
    """A photo of an order the viewer may see (photos are not public files)."""
    photo = get_object_or_404(WorkOrderPhoto.objects.filter(order=order), pk=photo_id)
    content_type = f"image/{photo.image_format.lower()}"
    return FileResponse(photo.file.open("rb"), content_type=content_type)


@login_required
def order_photo(request, community_id: int, pk: int, photo_id: int):
    community = community_for(request, community_id, "workorder.view")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    return photo_response(order, photo_id)


@login_required
@require_POST
def complaint_reply_promise(request, community_id: int, pk: int):
    """Set when and by whom the complainant will hear back."""
    community = community_for(request, community_id, "workorder.accept")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    form = _promise_form(order, FormKit(order.community_id), request.POST)
    if form.is_valid():
        try:
            services.complaint_promise(
                order=order,
                reply_by=form.cleaned_data["reply_by"],
                responder=form.cleaned_data["assignee"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, SERVICE_FIELDS)
        else:
            messages.success(request, _("Reply promised."))
            return redirect("servicedesk:order", community.pk, order.pk)
    order = queries.work_order_detail(request.user, order.pk)
    return render(
        request,
        "servicedesk/order.html",
        {
            "community": community,
            "staff_page": True,
            "sections": sections.render_for(request, order),
        }
        | order_context(request.user, order, failed_promise=form),
        status=400,
    )
