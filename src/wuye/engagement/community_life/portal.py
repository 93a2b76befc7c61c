"""Community life in the portal: events to sign up for, interest groups and their boards, and
booking the manager's reception day. Pages for a phone first.

A resident signs up and books for their own homes; the services check it again.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.validators import as_id
from wuye.core.web import error_message, paginate, run_service
from wuye.estates.models import Unit

from ..models import SignupStatus
from ..owners import owned_unit_ids
from . import queries, services
from .forms import BookingForm, PostForm, SignupForm

RECENT = timedelta(days=7)


def _homes(user, community_id: int | None = None):
    homes = Unit.objects.filter(pk__in=policy.resident_unit_ids(user)).select_related("building")
    if community_id is not None:
        homes = homes.filter(community_id=community_id)
    return homes.order_by("building__number", "entrance", "number")


# ---- events ---------------------------------------------------------------------------------


@login_required
def event_list(request):
    events = queries.with_counts(
        queries.events_for_residents(request.user).filter(ends_at__gte=timezone.now() - RECENT)
    ).order_by("starts_at", "pk")
    page = paginate(request, events)
    mine = queries.my_signups(request.user, [event.pk for event in page])
    for event in page:
        event.mine = mine.get(event.pk, [])
    return render(request, "engagement/community_life/portal_events.html", {"page": page})


def _resident_event(request, pk: int):
    events = queries.with_counts(queries.events_for_residents(request.user))
    return get_object_or_404(events, pk=pk)


@login_required
def event_detail(request, pk: int):
    event = _resident_event(request, pk)
    mine = queries.my_signups(request.user, [event.pk]).get(event.pk, [])
    signed = {s.unit_id for s in mine}
    audience = set(event.buildings.values_list("pk", flat=True))
    homes = _homes(request.user, event.community_id).exclude(pk__in=signed)
    if audience:
        homes = homes.filter(building_id__in=audience)
    form = SignupForm(request.POST or None, homes=homes, preferred=owned_unit_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            signup = services.signup_create(
                actor=request.user,
                event=event,
                unit=form.cleaned_data["unit"],
                people=form.cleaned_data["people"],
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            if signup.status == SignupStatus.CONFIRMED:
                messages.success(request, _("You are signed up."))
            else:
                messages.info(
                    request,
                    _(
                        "The event is full: you are on the waiting list and move up if a place "
                        "becomes free."
                    ),
                )
            return redirect("engagement_portal:event", event.pk)
    now = timezone.now()
    return render(
        request,
        "engagement/community_life/portal_event.html",
        {
            "event": event,
            "mine": mine,
            "form": form,
            "may_sign_up": not event.cancelled_at and now <= event.signup_deadline,
            "may_cancel": not event.cancelled_at and now < event.starts_at,
            # the smallest party (one person) would wait: the button says so before it is tapped
            "full": services.signup_waits(
                capacity=event.capacity,
                confirmed=event.confirmed_people,
                someone_waiting=event.waiting_households > 0,
                people=1,
            ),
        },
    )


@login_required
@require_POST
def signup_cancel(request, pk: int):
    signup = get_object_or_404(
        queries.signups_visible_to(request.user).filter(
            unit_id__in=policy.resident_unit_ids(request.user)
        ),
        pk=pk,
    )
    return run_service(
        request,
        lambda: services.signup_cancel(actor=request.user, signup=signup),
        success=_("Your sign-up is cancelled."),
        then=redirect("engagement_portal:event", signup.event_id),
    )


# ---- interest groups ------------------------------------------------------------------------


def _resident_groups(user):
    return queries.groups_visible_to(user).filter(
        community_id__in=queries.resident_community_ids(user)
    )


@login_required
def group_list(request):
    groups = list(_resident_groups(request.user).order_by("-is_member", "name"))
    return render(request, "engagement/community_life/portal_groups.html", {"groups": groups})


@login_required
def group_detail(request, pk: int):
    group = get_object_or_404(_resident_groups(request.user), pk=pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_post(actor=request.user, group=group, body=form.cleaned_data["body"])
        except ValidationError as error:
            error_message(request, error)
        else:
            return redirect("engagement_portal:group", group.pk)
    posts = paginate(request, queries.group_posts(group))
    return render(
        request,
        "engagement/community_life/portal_group.html",
        {
            "group": group,
            "posts": posts,
            "form": form,
            "may_post": group.is_member or group.organiser_id == request.user.pk,
        },
    )


@login_required
@require_POST
def group_membership(request, pk: int, action: str):
    group = get_object_or_404(_resident_groups(request.user), pk=pk)
    if action == "join":
        services.group_join(actor=request.user, group=group)
        messages.success(request, _("Welcome to %(name)s.") % {"name": group.name})
    elif action == "leave":
        services.group_leave(actor=request.user, group=group)
        messages.success(request, _("You have left %(name)s.") % {"name": group.name})
    else:
        raise Http404
    return redirect("engagement_portal:group", group.pk)


# ---- reception day --------------------------------------------------------------------------


@login_required
def reception(request):
    user = request.user
    slots = list(queries.free_slots(user)[: settings.PAGE_SIZE])
    form = BookingForm(request.POST or None, homes=_homes(user))
    if request.method == "POST" and form.is_valid():
        slot = get_object_or_404(queries.slots_visible_to(user), pk=as_id(request.POST.get("slot")))
        try:
            services.reception_book(
                actor=user,
                slot=slot,
                unit=form.cleaned_data["unit"],
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("Your meeting with the manager is booked."))
            return redirect("engagement_portal:reception")
    bookings = list(
        queries.bookings_visible_to(user)
        .filter(unit_id__in=policy.resident_unit_ids(user), cancelled_at=None)
        .order_by("-slot__starts_at")[: settings.PAGE_SIZE]
    )
    return render(
        request,
        "engagement/community_life/portal_reception.html",
        {"slots": slots, "bookings": bookings, "form": form, "now": timezone.now()},
    )


@login_required
@require_POST
def reception_cancel(request, pk: int):
    booking = get_object_or_404(
        queries.bookings_visible_to(request.user).filter(
            unit_id__in=policy.resident_unit_ids(request.user)
        ),
        pk=pk,
    )
    return run_service(
        request,
        lambda: services.reception_booking_cancel(actor=request.user, booking=booking),
        success=_("Your booking is cancelled."),
        then=redirect("engagement_portal:reception"),
    )
