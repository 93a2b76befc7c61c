"""Finding an order the caller mentions: every order of the community, closed and cancelled
ones included, filtered by number, home, caller, category, status and the days received, a
page at a time or as a workbook; and a number typed in the search box opens its order."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wuye.core import spreadsheets
from wuye.core.web import community_for, paginate
from wuye.estates.privacy import phone_for

from .. import queries
from ..forms import OrderFilterForm


def order_page_for_number(user, community_id: int, number: str) -> str | None:
    """The staff page of the order with this number, if the user works where it is."""
    order = queries.work_order_with_number(user, number)
    if order is None:
        return None
    return reverse("servicedesk:order", args=[order.community_id, order.pk])


@login_required
@require_GET
def order_list(request, community_id: int):
    community = community_for(request, community_id, "workorder.list")
    form = OrderFilterForm(request.GET)
    rows = queries.work_order_search(request.user, community.pk, form.filters())
    page = paginate(request, rows)
    return render(
        request,
        "servicedesk/orders.html",
        {"community": community, "form": form, "page": page},
    )


def _export_rows(rows, user):
    for o in rows.iterator(chunk_size=2000):
        yield [
            o.number,
            timezone.localtime(o.created_at).replace(tzinfo=None),
            o.where,
            o.contact_name,
            phone_for(user, o.contact_phone, o.community_id),
            o.get_category_display(),
            o.get_subcategory_display(),
            o.get_priority_display(),
            o.get_status_display(),
            o.assignee.get_full_name() or o.assignee.get_username() if o.assignee else "",
            timezone.localtime(o.resolved_at).replace(tzinfo=None) if o.resolved_at else None,
            timezone.localtime(o.closed_at).replace(tzinfo=None) if o.closed_at else None,
            o.owner_score,
            spreadsheets.Money(o.amount_owed),
            o.description,
        ]


@login_required
@require_GET
def order_list_export(request, community_id: int):
    """The filtered list as a workbook, named in the user's language."""
    community = community_for(request, community_id, "workorder.list")
    form = OrderFilterForm(request.GET)
    rows = queries.work_order_search(request.user, community.pk, form.filters())
    header = [
        _("Order number"),
        _("Received"),
        _("Home or place"),
        _("Caller"),
        _("Phone"),
        _("Category"),
        _("Subcategory"),
        _("Priority"),
        _("Status"),
        _("Assignee"),
        _("Resolved at"),
        _("Closed at"),
        _("Owner's score"),
        _("Amount owed"),
        _("Description"),
    ]
    title = _("Work orders")
    content = spreadsheets.workbook([(title, header, _export_rows(rows, request.user))])
    filename = f"{community.code}-{title}-{timezone.localdate():%Y%m%d}.xlsx"
    return spreadsheets.response(content, filename)
