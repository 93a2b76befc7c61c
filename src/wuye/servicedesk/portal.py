"""The owner portal's requests: report a problem for one of your homes, see the published
repair prices (收费公示), follow your orders, chase, rate, reopen or cancel.

Everything starts from the resident's own homes and reports (`work_orders_of_resident`), so
another home's order is a 404 even for a resident who also works for the company.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import paginate
from wuye.estates.portal import _not_a_resident
from wuye.estates.queries import units_visible_to

from . import queries, services
from .forms import SERVICE_FIELDS, OwnerRequestForm
from .models import Channel, Priority
from .views.actions import next_url, perform
from .views.orders import order_context, photo_response


def _homes(user):
    return (
        units_visible_to(user)
        .filter(pk__in=policy.resident_unit_ids(user))
        .select_related("building", "community")
    )


def _price_lists(user) -> list[tuple]:
    """(community, its published prices) for each community the resident has a home in."""
    community_ids = sorted({u.community_id for u in _homes(user)})
    rows = queries.published_prices(community_ids)
    return [(c, list(items)) for c, items in groupby(rows, key=lambda p: p.community)]


@login_required
def orders(request):
    if not policy.is_resident(request.user):
        return _not_a_resident(request)
    rows = queries.work_orders_of_resident(request.user).order_by("-created_at", "-id")
    page = paginate(request, rows)
    return render(request, "servicedesk/portal/orders.html", {"page": page})


@login_required
def prices(request):
    if not policy.is_resident(request.user):
        return _not_a_resident(request)
    return render(
        request, "servicedesk/portal/prices.html", {"price_lists": _price_lists(request.user)}
    )


@login_required
def new(request):
    """Report a repair, a complaint, a question … for one of your homes, with photos."""
    user = request.user
    if not policy.is_resident(user):
        return _not_a_resident(request)
    form = OwnerRequestForm(request.POST or None, request.FILES or None, homes=_homes(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photos, unit = data.pop("photos"), data["unit"]
        try:
            with services.atomic_with_photos():
                order = services.work_order_submit(
                    actor=user,
                    community=unit.community,
                    channel=Channel.PORTAL,
                    priority=Priority.NORMAL,
                    **data,
                )
                for photo in photos:
                    services.work_order_photo_add(order=order, data=photo.read(), actor=user)
        except ValidationError as error:
            add_service_errors(form, error, SERVICE_FIELDS)
        except PermissionDenied:
            form.add_error("unit", _("Choose one of your own homes."))
        else:
            messages.success(
                request,
                _("Thank you: your request %(number)s has been received.")
                % {"number": order.number},
            )
            return redirect("servicedesk_portal:order", order.pk)
    return render(
        request,
        "servicedesk/portal/new.html",
        {"form": form, "price_lists": _price_lists(user)},
        status=400 if form.errors else 200,
    )


def _own_order(request, pk: int):
    get_object_or_404(queries.work_orders_of_resident(request.user), pk=pk)
    return queries.work_order_detail(request.user, pk)


@login_required
def order(request, pk: int):
    if not policy.is_resident(request.user):
        return _not_a_resident(request)
    found = _own_order(request, pk)
    return render(request, "servicedesk/portal/order.html", order_context(request.user, found))


@login_required
@require_POST
def act(request, pk: int, action: str):
    if not policy.is_resident(request.user):
        return _not_a_resident(request)
    found = _own_order(request, pk)
    status, failed = perform(request, found, action)
    if status == 200:
        return redirect(next_url(request, reverse("servicedesk_portal:order", args=[pk])))
    found = queries.work_order_detail(request.user, pk)
    return render(
        request,
        "servicedesk/portal/order.html",
        order_context(request.user, found, failed),
        status=status,
    )


@login_required
def photo(request, pk: int, photo_id: int):
    if not policy.is_resident(request.user):
        return _not_a_resident(request)
    found = get_object_or_404(queries.work_orders_of_resident(request.user), pk=pk)
    return photo_response(found, photo_id)
