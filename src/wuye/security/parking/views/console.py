"""The guard's console, phone first: what waits at the barriers, a plate search among the
cars inside, and the hand actions — correct a plate, pair an exit with its entry, charge a
lost ticket, open a barrier — each with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core.web import community_for, error_message

from .. import queries
from ..forms import BarrierOpenForm, LostTicketForm, PairForm, PlateCorrectForm, PlateSearchForm
from ..models import ParkingSession, ParkingSettings
from ..services import exceptions

PERM = "parking.operate"


@login_required
def console(request, community_id: int):
    community = community_for(request, community_id, PERM)
    search = PlateSearchForm(request.GET or None)
    found = None
    if search.is_valid():
        found = queries.cars_inside_like(community.pk, search.cleaned_data["plate"])
    return render(
        request,
        "security/parking/console.html",
        {
            "community": community,
            "waiting": queries.exceptions_waiting(community.pk),
            "search": search,
            "found": found,
            "fallback_fee": ParkingSettings.for_community(community.pk).lost_ticket_fee,
            "open_form": BarrierOpenForm(community=community),
            "lost_form": LostTicketForm(),
        },
    )


def _session(community, pk: int) -> ParkingSession:
    return get_object_or_404(ParkingSession, community=community, pk=pk)


def _run(request, community, form, action, success: str):
    """Run `action(cleaned_data)` when the form is valid; say why not otherwise."""
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                _("%(field)s: %(error)s") % {"field": form.fields[name].label, "error": error}
                if name in form.fields
                else str(error)
                for name, errors in form.errors.items()
                for error in errors
            ),
        )
    else:
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, success)
    return redirect("security:parking_console", community.pk)


@login_required
@require_POST
def plate_correct(request, community_id: int, pk: int):
    community = community_for(request, community_id, PERM)
    session = _session(community, pk)
    return _run(
        request,
        community,
        PlateCorrectForm(request.POST),
        lambda data: exceptions.session_plate_correct(
            actor=request.user, session=session, plate=data["plate"], reason=data["reason"]
        ),
        _("The plate has been corrected."),
    )


@login_required
@require_POST
def pair(request, community_id: int, pk: int):
    community = community_for(request, community_id, PERM)
    exit_session = _session(community, pk)
    form = PairForm(request.POST)

    def action(data):
        entry = ParkingSession.objects.filter(community=community, pk=data["entry"]).first()
        if entry is None:
            raise ValidationError(_("No such stay of a car inside."), code="entry")
        exceptions.session_pair(
            actor=request.user,
            exit_session=exit_session,
            entry_session=entry,
            reason=data["reason"],
        )

    return _run(request, community, form, action, _("The exit has been paired with its entry."))


@login_required
@require_POST
def lost_ticket(request, community_id: int, pk: int):
    community = community_for(request, community_id, PERM)
    session = _session(community, pk)
    return _run(
        request,
        community,
        LostTicketForm(request.POST),
        lambda data: exceptions.lost_ticket_charge(
            actor=request.user,
            session=session,
            reason=data["reason"],
            method=data["method"],
            reference=data["reference"],
        ),
        _("The fallback fee has been charged; the car may leave."),
    )


@login_required
@require_POST
def barrier_open(request, community_id: int):
    community = community_for(request, community_id, PERM)
    return _run(
        request,
        community,
        BarrierOpenForm(request.POST, community=community),
        lambda data: exceptions.barrier_open(
            actor=request.user, gate=data["gate"], reason=data["reason"]
        ),
        _("The barrier has been opened."),
    )
