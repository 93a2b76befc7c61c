"""The front desk: receiving a request on the phone, and the dispatch board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.params import QueryParams
from wuye.core.validators import as_id
from wuye.core.web import community_for
from wuye.estates import queries as estates_queries
from wuye.estates.privacy import resident_phone

from .. import queries, services, workflow
from ..forms import SERVICE_FIELDS, FormKit, IntakeForm, complainant_hints
from ..models import Category, Priority, Status, Subcategory
from .actions import picker

DISPATCHABLE = {Status.SUBMITTED, Status.ACCEPTED}
PROMISE_FIELDS = ("category", "subcategory", "priority", "preferred_to", "complainant_type")


def _promise(request, community, form: IntakeForm) -> dict:
    """When and by whom the caller will hear back, for the values typed so far."""
    data = form.data if form.is_bound else {}
    field = form.fields

    def value(name, default):
        raw = data.get(name) or form.initial.get(name) or default
        return raw if raw in dict(field[name].choices) else default

    category = value("category", Category.REPAIR_HOME)
    preferred_to = None
    if data.get("preferred_to"):
        try:
            preferred_to = field["preferred_to"].clean(data["preferred_to"])
        except ValidationError:
            preferred_to = None
    promise = queries.intake_promise(
        request.user,
        community,
        category=category,
        priority=value("priority", Priority.NORMAL),
        subcategory=value("subcategory", Subcategory.OTHER),
        preferred_to=preferred_to,
    )
    complainant = data.get("complainant_type", "")
    return {
        "promise": promise,
        "is_complaint": category == Category.COMPLAINT,
        "hints": [h for h in complainant_hints() if not complainant or h[0] == complainant],
    }


def _intake_form(request, community, data=None, files=None, initial=None) -> IntakeForm:
    form = IntakeForm(data, files, user=request.user, community=community, initial=initial)
    promise_url = reverse("servicedesk:intake_promise", args=[community.pk])
    for name in PROMISE_FIELDS:
        form.fields[name].widget.attrs.update(
            {
                "hx-get": promise_url,
                "hx-target": "#promise",
                "hx-swap": "outerHTML",
                "hx-sync": "closest form:replace",
                "hx-include": "closest form",
                "hx-trigger": "change",
            }
        )
    return form


@login_required
def intake(request, community_id: int):
    """Receive a request: find the caller by mobile or room, say when and by whom."""
    community = community_for(request, community_id, "workorder.create")
    form = _intake_form(request, community, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with services.atomic_with_photos():
                order = services.work_order_submit(
                    actor=request.user, community=community, **form.service_data()
                )
                for photo in form.cleaned_data["photos"]:
                    services.work_order_photo_add(
                        order=order, data=photo.read(), actor=request.user
                    )
        except ValidationError as error:
            add_service_errors(form, error, SERVICE_FIELDS)
        else:
            messages.success(request, _("Order %(number)s received.") % {"number": order.number})
            return redirect("servicedesk:order", community.pk, order.pk)
    return render(
        request,
        "servicedesk/intake.html",
        {
            "community": community,
            "form": form,
            "can_look_up": policy.has_perm(request.user, "register.view", community.pk),
        }
        | _promise(request, community, form),
        status=400 if form.errors else 200,
    )


@login_required
def intake_promise(request, community_id: int):
    community = community_for(request, community_id, "workorder.create")
    form = _intake_form(request, community, request.GET)
    return render(request, "servicedesk/_promise.html", _promise(request, community, form))


@login_required
def intake_lookup(request, community_id: int):
    """Homes and residents matching a room number, a mobile or a name (htmx)."""
    community = community_for(request, community_id, "register.view")
    found = estates_queries.search(request.user, community.pk, request.GET.get("q", ""))
    prefetch_related_objects(found["residents"], estates_queries.current_homes())
    return render(
        request,
        "servicedesk/_lookup.html",
        {"community": community, "units": found["units"], "residents": found["residents"]},
    )


@login_required
def intake_caller(request, community_id: int):
    """The caller part of the intake form, filled in with the home and person picked."""
    community = community_for(request, community_id, "register.view")
    initial = {}
    unit = (
        estates_queries.units_visible_to(request.user, community.pk)
        .select_related("building")
        .filter(pk=as_id(request.GET.get("unit")))
        .first()
    )
    resident = (
        estates_queries.residents_visible_to(request.user, community.pk)
        .filter(pk=as_id(request.GET.get("resident")))
        .first()
    )
    if unit is not None:
        initial["unit"] = unit.pk
    phone = ""
    if resident is not None:
        initial |= {"reporter_resident": resident.pk, "contact_name": resident.name}
        phone = resident_phone(request.user, resident)
        if phone == resident.mobile:
            initial["contact_phone"] = phone
    form = _intake_form(request, community, initial=initial)
    if phone and "contact_phone" not in initial:
        # Left empty, the order takes the resident's mobile; the reader sees it masked.
        form.fields["contact_phone"].widget.attrs["placeholder"] = phone
    return render(
        request,
        "servicedesk/_caller.html",
        {"community": community, "form": form, "picked_unit": unit, "picked_resident": resident},
    )


# ---- the dispatch board ----------------------------------------------------------------------


def _board_filters(request, teams: dict, buildings: dict) -> queries.BoardFilters:
    """The board's filters from the address; a value that names nothing is left out and
    the page says so."""
    read = QueryParams(request)
    return queries.BoardFilters(
        team=read.one_of("team", teams, _("Choose a team of this community.")),
        priority=read.choice("priority", Priority.values),
        building_id=getattr(
            read.one_of("building", buildings, _("Choose a building of this community.")),
            "pk",
            None,
        ),
        overdue=read.choice("overdue", ["1"]) == "1",
    )


def _with_param(request, name: str, value: str | None) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    if value is not None:
        query[name] = value
    return f"?{query.urlencode()}"


@login_required
def board(request, community_id: int):
    """Open work in columns by state, most urgent first, each order waiting for dispatch
    with the people of its team to pick from (their open load beside them, the suggested
    one preselected); resolved orders counted, listed newest first on demand. The columns
    refresh themselves every half minute (htmx) unless someone is dispatching."""
    community = community_for(request, community_id, "workorder.view")
    teams = {t.pk: t for t in queries.teams_of(community.pk)}
    buildings = {b.pk: b for b in estates_queries.buildings_visible_to(request.user, community.pk)}
    filters = _board_filters(request, teams, buildings)
    rows = queries.dispatch_board(request.user, community.pk, filters)
    kit = FormKit(community.pk)
    for order in rows:
        order.may_dispatch = order.status in DISPATCHABLE and workflow.may_dispatch(
            request.user, order
        )
        if order.may_dispatch:
            order.picker = picker("dispatch", order, kit, request.user)
    resolved = queries.board_resolved(request.user, community.pk, filters)
    show_resolved = request.GET.get("resolved") == "1"
    resolved_rows = list(resolved[: queries.RESOLVED_SHOWN]) if show_resolved else []
    resolved_count = (
        len(resolved_rows)
        if show_resolved and len(resolved_rows) < queries.RESOLVED_SHOWN
        else resolved.count()
    )
    columns = [
        {"status": value, "label": label, "orders": [o for o in rows if o.status == value]}
        for value, label in Status.choices
        if value in queries.BOARD_STATES
    ]
    context = {
        "community": community,
        "columns": columns,
        "resolved": {
            "label": Status.RESOLVED.label,
            "count": resolved_count,
            "orders": resolved_rows,
            "shown": show_resolved,
            "show_url": _with_param(request, "resolved", "1"),
            "hide_url": _with_param(request, "resolved", None),
        },
        "count": len(rows),
        "limit_reached": len(rows) >= queries.BOARD_LIMIT,
        "load_limit": kit.load_limit,
        "teams": teams.values(),
        "buildings": buildings.values(),
        "priorities": Priority.choices,
        "filters": filters,
        "refresh_url": request.get_full_path(),
        "can_call_back": policy.has_perm(request.user, "workorder.visit", community.pk),
        "can_supervise": policy.has_perm(request.user, "workorder.supervise", community.pk),
        "can_reply": policy.has_perm(request.user, "workorder.reply", community.pk),
    }
    if request.htmx:
        return render(request, "servicedesk/_board.html", context)
    return render(request, "servicedesk/board.html", context)
