"""The residents' pages of visitors' passes: invite from the phone, show the pass at the
gate, revoke it, and answer a walk-in waiting at the gate."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy, qr
from wuye.core.forms import add_service_errors
from wuye.core.models import Community
from wuye.core.web import paginate, run_service
from wuye.estates.models import Unit

from . import queries, services
from .forms import VisitorForm
from .models import PassStatus, Zone


def _homes(request) -> list[dict]:
    homes = policy.resident_homes(request.user)
    if not homes:
        raise PermissionDenied(_("Only residents invite visitors."))
    return homes


def _mine(request):
    return queries.with_hosts(queries.invitations_for_residents(request.user, "view")).order_by(
        "-valid_from", "-pk"
    )


@login_required
def visitor_list(request):
    """My homes' visitors: those waiting for my yes first, then the latest invitations."""
    _homes(request)
    rows = _mine(request)
    page = paginate(request, rows.exclude(status=PassStatus.PENDING))
    waiting = list(rows.filter(status=PassStatus.PENDING, valid_until__gt=timezone.now()))
    return render(request, "security/passes/portal_list.html", {"page": page, "waiting": waiting})


@login_required
def visitor_invite(request):
    homes = _homes(request)
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = VisitorForm(
        request.POST or None,
        homes=homes,
        initial={
            "valid_from": now,
            "valid_until": now + timedelta(hours=24),
            "entries": 1,
            "zone": Zone.ESTATE,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = get_object_or_404(Unit.objects.select_related("building"), pk=data.pop("unit"))
        community = Community.objects.get(pk=unit.community_id)
        try:
            invitation = services.invitation_create(
                actor=request.user, community=community, unit=unit, data=data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("security_portal:visitor", invitation.pk)
    return render(
        request,
        "security/passes/portal_invite.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def visitor_detail(request, pk: int):
    """The pass to show at the gate: the QR code and the code to type, large."""
    invitation = get_object_or_404(_mine(request), pk=pk)
    shown = invitation.status == PassStatus.ACTIVE and invitation.valid_until > timezone.now()
    return render(
        request,
        "security/passes/portal_detail.html",
        {
            "invitation": invitation,
            "shown": shown,
            "qr": qr.qr_svg(queries.token_of(invitation), title=_("Pass"), scale=5)
            if shown
            else "",
            "open": invitation.status in (PassStatus.PENDING, PassStatus.ACTIVE),
            "pending": invitation.status == PassStatus.PENDING,
        },
    )


@require_POST
@login_required
def visitor_revoke(request, pk: int):
    invitation = get_object_or_404(_mine(request), pk=pk)
    return run_service(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=_("The pass is revoked: the gate will refuse it."),
        then=redirect("security_portal:visitor", invitation.pk),
    )


@require_POST
@login_required
def visitor_confirm(request, pk: int):
    invitation = get_object_or_404(_mine(request), pk=pk)
    return run_service(
        request,
        lambda: services.invitation_confirm(actor=request.user, invitation=invitation),
        success=_("Confirmed: the gate lets %(name)s in.") % {"name": invitation.visitor_name},
        then=redirect("security_portal:visitor", invitation.pk),
    )
