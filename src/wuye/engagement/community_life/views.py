"""Staff pages of community life: events with their sign-ups and check-in, interest groups,
the manager's reception days with their bookings, and visits to homes.

Every page asks the policy for the community in its URL (403 otherwise); a row of another
community is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import params, policy
from wuye.core.forms import add_service_errors
from wuye.core.validators import as_id
from wuye.core.web import community_for, error_message, paginate

from ..owners import home_by_label
from . import queries, services
from .forms import (
    CancelForm,
    CheckInForm,
    EventForm,
    GroupForm,
    OutcomeForm,
    PostForm,
    RaiseForm,
    SlotsForm,
    VisitForm,
)


def _form_page(request, community, form, title: str, back_url: str):
    return render(
        request,
        "core/form.html",
        {"community": community, "form": form, "title": title, "back_url": back_url},
    )


# ---- events ---------------------------------------------------------------------------------


@login_required
def event_list(request, community_id: int):
    community = community_for(request, community_id, "event.view")
    events = queries.with_counts(queries.events_visible_to(request.user, community.pk))
    return render(
        request,
        "engagement/community_life/events.html",
        {
            "community": community,
            "page": paginate(request, events),
            "can_manage": policy.has_perm(request.user, "event.manage", community.pk),
        },
    )


@login_required
def event_new(request, community_id: int):
    community = community_for(request, community_id, "event.manage")
    form = EventForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, community=community, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is announced."))
            return redirect("engagement:event", community.pk, event.pk)
    back = reverse("engagement:events", args=[community.pk])
    return _form_page(request, community, form, _("New event"), back)


def _event(request, community_id: int, pk: int, perm: str = "event.view"):
    community = community_for(request, community_id, perm)
    events = queries.with_counts(queries.events_visible_to(request.user, community.pk))
    return community, get_object_or_404(events, pk=pk)


@login_required
def event_detail(request, community_id: int, pk: int):
    community, event = _event(request, community_id, pk)
    return render(
        request,
        "engagement/community_life/event.html",
        {
            "community": community,
            "event": event,
            "buildings": list(event.buildings.all()),
            "signups": paginate(request, queries.signups_of(event)),
            "can_manage": policy.has_perm(request.user, "event.manage", community.pk),
            "cancel_form": CancelForm(),
        },
    )


@login_required
@require_POST
def event_cancel(request, community_id: int, pk: int):
    community, event = _event(request, community_id, pk, "event.manage")
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the event is cancelled."))
    else:
        try:
            services.event_cancel(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The event is cancelled; the households were told."))
    return redirect("engagement:event", community.pk, event.pk)


@login_required
@require_POST
def signup_act(request, community_id: int, pk: int, signup_pk: int, action: str):
    community, event = _event(request, community_id, pk, "event.manage")
    signup = get_object_or_404(event.signups.select_related("unit", "event"), pk=signup_pk)
    try:
        if action == "check-in":
            form = CheckInForm(request.POST)
            attended = form.cleaned_data["attended"] if form.is_valid() else None
            services.signup_check_in(actor=request.user, signup=signup, attended=attended)
            messages.success(request, _("%(home)s checked in.") % {"home": signup.unit.label})
        elif action == "cancel":
            services.signup_cancel(actor=request.user, signup=signup)
            messages.success(request, _("The sign-up is cancelled."))
        else:
            raise Http404
    except ValidationError as error:
        error_message(request, error)
    return redirect("engagement:event", community.pk, event.pk)


# ---- interest groups ------------------------------------------------------------------------


@login_required
def group_list(request, community_id: int):
    community = community_for(request, community_id, "event.view")
    return render(
        request,
        "engagement/community_life/groups.html",
        {
            "community": community,
            "page": paginate(
                request,
                queries.groups_visible_to(request.user, community.pk).order_by("name", "pk"),
            ),
            "can_manage": policy.has_perm(request.user, "event.manage", community.pk),
        },
    )


@login_required
def group_new(request, community_id: int):
    community = community_for(request, community_id, "event.manage")
    form = GroupForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                actor=request.user, community=community, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group is started."))
            return redirect("engagement:group", community.pk, group.pk)
    back = reverse("engagement:groups", args=[community.pk])
    return _form_page(request, community, form, _("New interest group"), back)


@login_required
def group_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "event.view")
    group = get_object_or_404(queries.groups_visible_to(request.user, community.pk), pk=pk)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        policy.require_perm(request.user, "event.manage", community.pk)
        if form.is_valid():
            try:
                services.group_post(actor=request.user, group=group, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("engagement:group", community.pk, group.pk)
    return render(
        request,
        "engagement/community_life/group.html",
        {
            "community": community,
            "group": group,
            "members": list(queries.group_members(group)),
            "posts": paginate(request, queries.group_posts(group)),
            "form": form,
            "can_post": policy.has_perm(request.user, "event.manage", community.pk),
        },
    )


# ---- reception days -------------------------------------------------------------------------


@login_required
def reception_list(request, community_id: int):
    community = community_for(request, community_id, "reception.view")
    can_manage = policy.has_perm(request.user, "reception.manage", community.pk)
    form = SlotsForm(request.POST or None)
    if request.method == "POST":
        policy.require_perm(request.user, "reception.manage", community.pk)
        if form.is_valid():
            try:
                slots = services.reception_slots_generate(
                    actor=request.user, community=community, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(count)d slots opened.") % {"count": len(slots)})
                day = form.cleaned_data["day"].isoformat()
                return redirect("engagement:reception_day", community.pk, day)
    return render(
        request,
        "engagement/community_life/reception_days.html",
        {
            "community": community,
            "page": paginate(request, queries.reception_days(community.pk, request.user)),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def reception_day(request, community_id: int, day: str):
    community = community_for(request, community_id, "reception.view")
    try:
        when = params.parse_day(day)
    except ValidationError as error:
        raise Http404 from error
    return render(
        request,
        "engagement/community_life/reception_day.html",
        {
            "community": community,
            "day": when,
            "slots": queries.reception_day(community.pk, request.user, when),
        },
    )


@login_required
def booking_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "reception.view")
    booking = get_object_or_404(queries.bookings_visible_to(request.user, community.pk), pk=pk)
    form = OutcomeForm(
        request.POST or None,
        initial={"outcome": booking.outcome, "follow_up": booking.follow_up},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_outcome_record(
                actor=request.user, booking=booking, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("engagement:booking", community.pk, booking.pk)
    return render(
        request,
        "engagement/community_life/booking.html",
        {
            "community": community,
            "booking": booking,
            "form": form,
            "raise_form": RaiseForm(initial={"category": "complaint"}),
            "can_manage": policy.has_perm(request.user, "reception.manage", community.pk),
        },
    )


@login_required
@require_POST
def booking_raise(request, community_id: int, pk: int):
    community = community_for(request, community_id, "reception.manage")
    booking = get_object_or_404(queries.bookings_visible_to(request.user, community.pk), pk=pk)
    return _raise(request, community, booking, services.booking_raise_work_order, "booking")


def _raise(request, community, record, convert, kind: str):
    form = RaiseForm(request.POST)
    category = form.cleaned_data["category"] if form.is_valid() else ""
    try:
        order = convert(actor=request.user, **{kind: record, "category": category})
    except ValidationError as error:
        error_message(request, error)
        return redirect(f"engagement:{kind}", community.pk, record.pk)
    messages.success(request, _("Work order %(number)s.") % {"number": order.number})
    return redirect("servicedesk:order", community.pk, order.pk)


# ---- visits ---------------------------------------------------------------------------------


@login_required
def visit_list(request, community_id: int):
    community = community_for(request, community_id, "visit.view")
    visits = queries.visits_visible_to(request.user, community.pk)
    home = None
    if request.GET.get("home"):
        # A home the address names and the community has not is not found, however written.
        home = get_object_or_404(community.units, pk=as_id(request.GET["home"]))
        visits = visits.filter(unit=home)
    return render(
        request,
        "engagement/community_life/visits.html",
        {
            "community": community,
            "home": home,
            "page": paginate(request, visits),
            "can_record": policy.has_perm(request.user, "visit.record", community.pk),
        },
    )


@login_required
def visit_new(request, community_id: int):
    community = community_for(request, community_id, "visit.record")
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["unit"] = home_by_label(community.pk, data.pop("home"))
        if data["unit"] is None:
            form.add_error("home", _("No home of this community has that number."))
        else:
            try:
                visit = services.visit_record(actor=request.user, community=community, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The visit is recorded."))
                return redirect("engagement:visit", community.pk, visit.pk)
    back = reverse("engagement:visits", args=[community.pk])
    return _form_page(request, community, form, _("Record a visit"), back)


@login_required
def visit_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "visit.view")
    visit = get_object_or_404(queries.visits_visible_to(request.user, community.pk), pk=pk)
    return render(
        request,
        "engagement/community_life/visit.html",
        {
            "community": community,
            "visit": visit,
            "raise_form": RaiseForm(initial={"category": "repair_home"}),
            "can_record": policy.has_perm(request.user, "visit.record", community.pk),
        },
    )


@login_required
@require_POST
def visit_raise(request, community_id: int, pk: int):
    community = community_for(request, community_id, "visit.record")
    visit = get_object_or_404(queries.visits_visible_to(request.user, community.pk), pk=pk)
    return _raise(request, community, visit, services.visit_raise_work_order, "visit")
