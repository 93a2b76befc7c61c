"""The gate's pages (门岗): check a pass on the guard's phone, today's visitors, a walk-in,
one pass, the visitor records, and the community's pass settings."""

from __future__ import annotations

from copy import copy
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import configure, spreadsheets
from wuye.core.forms import add_service_errors
from wuye.core.params import QueryParams, parse_text
from wuye.core.web import community_for, paginate, run_service

from . import queries, services
from .forms import SETTINGS_FIELDS, PassSettingsForm, WalkInForm
from .models import Invitation, PassSettings, PassStatus, Zone

GATE_SESSION = "security_gate"


def _checkpoint(request) -> dict:
    """Where this phone checks passes: a gate's name and its zone, kept for the session."""
    kept = request.session.get(GATE_SESSION) or {}
    zone = kept.get("zone") if kept.get("zone") in Zone.values else Zone.ESTATE
    return {"gate": kept.get("gate", ""), "zone": zone}


def _remember_checkpoint(request) -> dict:
    gate = (request.POST.get("gate") or "").strip()[:100]
    zone = request.POST.get("zone")
    checkpoint = {"gate": gate, "zone": zone if zone in Zone.values else Zone.ESTATE}
    request.session[GATE_SESSION] = checkpoint
    return checkpoint


def _gate_page(request, community, *, verdict=None, code="", status=200):
    today = queries.today_at_gate(community.pk)
    context = {
        "community": community,
        "verdict": verdict,
        "code": code,
        "checkpoint": _checkpoint(request),
        "zones": Zone.choices,
        "today": today[:20],
        "today_count": today.count(),
        "inside_count": today.filter(inside=True).count(),
    }
    return render(request, "security/passes/gate.html", context, status=status)


@login_required
def gate(request, community_id: int):
    """The guard's phone page: type or scan a code, see whether it lets its visitor in."""
    community = community_for(request, community_id, "pass.verify")
    if request.method != "POST":
        return _gate_page(request, community)
    checkpoint = _remember_checkpoint(request)
    try:
        code = parse_text(request.POST.get("code"), 400)
    except ValidationError:  # longer than any pass: it lets nobody in
        code = "?"
    if not code:
        return _gate_page(request, community)
    verdict = queries.verdict(
        request.user, code, checkpoint=checkpoint["zone"], community_id=community.pk
    )
    return _gate_page(request, community, verdict=verdict, code=code)


def _pass(request, community, pk: int):
    rows = queries.with_hosts(queries.invitations_visible_to(request.user, community.pk))
    return get_object_or_404(rows, pk=pk)


def _back(request, community, invitation) -> str:
    if request.POST.get("next") == "gate":
        return reverse("security:gate", args=[community.pk])
    return reverse("security:pass", args=[community.pk, invitation.pk])


@require_POST
@login_required
def pass_check_in(request, community_id: int, pk: int):
    community = community_for(request, community_id, "pass.verify")
    invitation = _pass(request, community, pk)
    checkpoint = _checkpoint(request)
    return run_service(
        request,
        lambda: services.pass_check_in(
            actor=request.user,
            invitation=invitation,
            gate=checkpoint["gate"],
            checkpoint=checkpoint["zone"],
        ),
        success=_("%(name)s is checked in.") % {"name": invitation.visitor_name},
        then=redirect(_back(request, community, invitation)),
    )


@require_POST
@login_required
def pass_check_out(request, community_id: int, pk: int):
    community = community_for(request, community_id, "pass.verify")
    invitation = _pass(request, community, pk)
    return run_service(
        request,
        lambda: services.pass_check_out(
            actor=request.user, invitation=invitation, gate=_checkpoint(request)["gate"]
        ),
        success=_("%(name)s is checked out.") % {"name": invitation.visitor_name},
        then=redirect(_back(request, community, invitation)),
    )


@require_POST
@login_required
def pass_confirm(request, community_id: int, pk: int):
    """The host said yes on the phone: the member of staff records it."""
    community = community_for(request, community_id, "pass.register")
    invitation = _pass(request, community, pk)
    return run_service(
        request,
        lambda: services.invitation_confirm(
            actor=request.user, invitation=invitation, by_phone=True
        ),
        success=_("The host's confirmation by phone is recorded."),
        then=redirect(_back(request, community, invitation)),
    )


@require_POST
@login_required
def pass_revoke(request, community_id: int, pk: int):
    community = community_for(request, community_id, "pass.revoke")
    invitation = _pass(request, community, pk)
    return run_service(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=_("The pass is revoked."),
        then=redirect(_back(request, community, invitation)),
    )


@login_required
def pass_list(request, community_id: int):
    """Today's visitors: expected, waiting for their host, inside, gone."""
    community = community_for(request, community_id, "pass.view")
    page = paginate(request, queries.today_at_gate(community.pk))
    return render(request, "security/passes/list.html", {"community": community, "page": page})


@login_required
def pass_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "pass.view")
    invitation = _pass(request, community, pk)
    events = invitation.events.select_related("guard")
    return render(
        request,
        "security/passes/detail.html",
        {
            "community": community,
            "invitation": invitation,
            "events": events,
            "open": invitation.status in (PassStatus.PENDING, PassStatus.ACTIVE),
            "pending": invitation.status == PassStatus.PENDING,
        },
    )


@login_required
def walk_in(request, community_id: int):
    """Register a visitor at the gate; one for a home waits for the host's yes."""
    community = community_for(request, community_id, "pass.register")
    now = timezone.localtime().replace(second=0, microsecond=0)
    settings = services.pass_settings_of(community)
    form = WalkInForm(
        request.POST or None,
        initial={
            "valid_from": now,
            "valid_until": now + timedelta(hours=min(settings.default_window_hours, 12)),
            "zone": Zone.ESTATE,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        home_text = data.pop("home", "")
        unit = queries.home_by_label(community.pk, home_text) if home_text else None
        if home_text and unit is None:
            form.add_error("home", _("No home of this community is written so."))
        else:
            try:
                invitation = services.walk_in_register(
                    actor=request.user, community=community, unit=unit, data=data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("security:pass", community.pk, invitation.pk)
    return render(
        request,
        "security/passes/walk_in.html",
        {"community": community, "form": form, "settings": settings},
        status=400 if form.is_bound else 200,
    )


@login_required
def visitor_records(request, community_id: int):
    """What the community holds about a visitor, found by name or mobile."""
    community = community_for(request, community_id, "pass.records")
    text = QueryParams(request).text("q", 100).strip()
    page = paginate(
        request,
        queries.visitor_records(community.pk, text).order_by("-valid_from", "-pk")
        if text
        else Invitation.objects.none(),
    )
    return render(
        request,
        "security/passes/records.html",
        {"community": community, "page": page, "q": text},
    )


@require_POST
@login_required
def visitor_records_export(request, community_id: int):
    community = community_for(request, community_id, "pass.records")
    try:
        text = parse_text(request.POST.get("q"), 100).strip()
    except ValidationError:
        text = ""
    if not text:
        return redirect("security:visitor_records", community.pk)
    _count, content = services.visitor_records_export(
        actor=request.user, community=community, text=text
    )
    name = pgettext("file name", "visitor-records-%(day)s.xlsx") % {
        "day": f"{timezone.localdate():%Y%m%d}"
    }
    return spreadsheets.response(content, name)


@login_required
def pass_settings(request, community_id: int):
    community = community_for(request, community_id, "pass.configure")
    row = services.pass_settings_of(community)
    form = PassSettingsForm(request.POST or None, instance=copy(row))
    if request.method == "POST" and configure.save_form(
        request,
        form,
        perm="pass.configure",
        community_id=community.pk,
        obj=row,
        names=SETTINGS_FIELDS,
        action="pass.settings_change",
        saved=_("The pass settings have been saved."),
    ):
        return redirect("security:pass_settings", community.pk)
    return render(
        request,
        "core/settings_form.html",
        {
            "community": community,
            "form": form,
            "title": _("Visitors' passes"),
            "back_url": reverse("settings:overview", args=[community.pk]),
            "intro": _(
                "Guards never keep a visitor's identity document; where an ID number is "
                "asked, it is typed, stored encrypted and shown masked."
            ),
            "history_url": reverse("security:pass_settings_history", args=[community.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def pass_settings_history(request, community_id: int):
    community = community_for(request, community_id, "pass.configure")
    return configure.history(
        request,
        community,
        models_=[PassSettings],
        title=_("Changes to the pass settings"),
        back_url=reverse("security:pass_settings", args=[community.pk]),
    )
