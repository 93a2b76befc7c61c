"""Staff pages of the cars at the gate: the sessions (inside, gone, waiting for the guard),
a session with its camera events and payments, where the guard or the cashier takes the
fee; and the community's parking settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import configure, policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate

from .. import queries
from ..forms import SETTINGS_FIELDS, ParkingSettingsForm, SessionPaymentForm, SessionSearchForm
from ..models import ParkingSettings, SessionStatus
from ..services import session_pay
from ..services.sessions import due


@login_required
def session_list(request, community_id: int):
    community = community_for(request, community_id, "parking.view")
    form = SessionSearchForm(request.GET or None)
    sessions = queries.sessions_visible_to(request.user, community.pk)
    if form.is_valid():
        data = form.cleaned_data
        state = {"open": True, "left": False}.get(data["state"])
        sessions = queries.session_search(
            sessions, open=state, day=data["day"], plate=data["plate"], kind=data["kind"]
        )
    page = paginate(request, sessions.order_by("-entered_at", "-exited_at", "-pk"))
    context = {
        "community": community,
        "form": form,
        "page": page,
        "inside": queries.open_count(community.pk),
    }
    return render(request, "security/parking/sessions.html", context)


@login_required
def session_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "parking.view")
    session = get_object_or_404(queries.sessions_visible_to(request.user, community.pk), pk=pk)
    may_take = policy.has_perm(request.user, "parking.operate", community.pk)
    owed = None
    if session.status != SessionStatus.LEFT:
        if session.status == SessionStatus.EXCEPTION:
            owed = max(session.fee - session.paid, 0)
        else:
            owed = due(session, timezone.now())[2]
    form = None
    if may_take and owed:
        form = SessionPaymentForm(request.POST or None, initial={"amount": owed, "method": "cash"})
    if request.method == "POST":
        policy.require_perm(request.user, "parking.operate", community.pk)
        if form is not None and form.is_valid():
            try:
                session_pay(actor=request.user, session=session, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The payment has been taken."))
                return redirect("security:parking_session", community.pk, session.pk)
    context = {
        "community": community,
        "session": session,
        "events": queries.session_events(session),
        "payments": list(session.payments.select_related("taken_by").order_by("at", "pk")),
        "owed": owed,
        "form": form,
    }
    return render(request, "security/parking/session.html", context)


@login_required
def parking_settings(request, community_id: int):
    """The grace after a contract ends, the time to leave after paying, the lost-ticket fee,
    and whether the parking income is the owners' common income."""
    community = community_for(request, community_id, "parking.configure")
    current = ParkingSettings.for_community(community.pk)
    form = ParkingSettingsForm(
        request.POST or None, instance=ParkingSettings.for_community(community.pk)
    )
    if request.method == "POST" and configure.save_form(
        request,
        form,
        perm="parking.configure",
        community_id=community.pk,
        obj=current,
        names=SETTINGS_FIELDS,
        action="parking_settings.change",
        saved=_("The parking settings have been saved."),
    ):
        return redirect("security:parking_settings", community.pk)
    context = {
        "community": community,
        "form": form,
        "title": _("Parking settings"),
        "history_url": reverse("security:parking_settings_history", args=[community.pk]),
        "intro": _(
            "How the gate treats the cars of ended parking contracts, how long a car has to "
            "leave after paying, what a lost ticket costs, and whether the temporary-parking "
            "income is the owners' common income."
        ),
        "back_url": reverse("security:parking_sessions", args=[community.pk]),
    }
    return render(request, "core/settings_form.html", context)


@login_required
def parking_settings_history(request, community_id: int):
    community = community_for(request, community_id, "parking.configure")
    return configure.history(
        request,
        community,
        models_=[ParkingSettings],
        fields=SETTINGS_FIELDS,
        title=_("Parking settings: history"),
        back_url=reverse("security:parking_settings", args=[community.pk]),
    )
