"""Reading work orders and their dispatch suggestions; reporting a request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from wuye.core.api import Id, Page, PageParams, errors, paginate
from wuye.core.validators import not_found
from wuye.estates.models import Unit
from wuye.estates.queries import communities_visible_to, residents_visible_to

from .. import queries, services, workflow
from .common import (
    answered,
    aware,
    detail_out,
    order_out,
    person_name,
    visible_order,
)
from .schemas import (
    SuggestionOut,
    WorkOrderDetailOut,
    WorkOrderFilters,
    WorkOrderIn,
    WorkOrderOut,
)

router = Router()


@router.get(
    "/work-orders",
    response={200: Page[WorkOrderOut], **errors()},
    summary="Work orders the caller may see: filter by status, category, assignee, overdue",
)
def work_order_list(request, filters: Query[WorkOrderFilters], paging: Query[PageParams]):
    user = request.auth
    params = filters.model_dump(exclude_none=True)
    count, rows = paginate(queries.work_order_list(user, params), paging)
    now = timezone.now()
    return {"count": count, "items": [order_out(o, user, now) for o in rows]}


@router.get(
    "/work-orders/{work_order_id}",
    response={200: WorkOrderDetailOut, **errors()},
    summary="A work order with its timeline, priced items and the caller's possible actions",
)
def work_order_detail(request, work_order_id: Id):
    return detail_out(request.auth, work_order_id)


@router.get(
    "/work-orders/{work_order_id}/suggestions",
    response={200: list[SuggestionOut], **errors()},
    summary="Who to dispatch to: by team, skill, open load and night duty",
)
def work_order_suggestions(request, work_order_id: Id):
    user = request.auth
    order = visible_order(user, work_order_id)
    if not workflow.may_dispatch(user, order):
        raise HttpError(403, _("You may not do this."))
    return [
        {
            "user_id": s.user.pk,
            "name": person_name(s.user),
            "team": s.team_name,
            "open_orders": s.open_orders,
            "skilled": s.skilled,
            "on_duty": s.on_duty,
        }
        for s in queries.dispatch_suggestions(order)
    ]


# ---- reporting --------------------------------------------------------------------------


@router.post(
    "/work-orders",
    response={201: WorkOrderDetailOut, **errors()},
    summary="Report a request: staff for anyone, a resident for their own home (portal/app)",
)
def work_order_create(request, payload: WorkOrderIn):
    user = request.auth
    community = get_object_or_404(communities_visible_to(user), pk=payload.community_id)
    with answered():
        unit = resident = None
        if payload.unit_id is not None:
            # Among the community's homes: the service refuses a resident someone else's.
            unit = Unit.objects.filter(community=community, pk=payload.unit_id).first()
            if unit is None:
                raise ValidationError(
                    {"unit_id": [not_found(_("Choose a home of this community."))]}
                )
        if payload.reporter_resident_id is not None:
            resident = (
                residents_visible_to(user, community.pk)
                .filter(pk=payload.reporter_resident_id)
                .first()
            )
            if resident is None:
                raise ValidationError(
                    {"reporter_resident_id": [not_found(_("Choose a resident of this community."))]}
                )
        order = services.work_order_submit(
            actor=user,
            community=community,
            unit=unit,
            location=payload.location,
            category=payload.category,
            subcategory=payload.subcategory,
            priority=payload.priority,
            channel=payload.channel,
            description=payload.description,
            reporter_resident=resident,
            contact_name=payload.contact_name,
            contact_phone=payload.contact_phone,
            preferred_from=aware(payload.preferred_from, "preferred_from"),
            preferred_to=aware(payload.preferred_to, "preferred_to"),
            complainant_type=payload.complainant_type or "",
        )
    return Status(201, detail_out(user, order.pk))
