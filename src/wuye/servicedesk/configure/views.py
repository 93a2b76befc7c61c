"""The customer center's settings pages. Each takes the community through
`community_for(..., "workorder.configure")`, parses its form and calls one service of
`services.config`; the service's errors go back on the form's fields."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wuye.core import configure
from wuye.core.forms import add_service_errors
from wuye.core.people import display_name
from wuye.core.web import community_for, paginate, run_service
from wuye.staff.models import Post
from wuye.staff.rosters.queries import REPAIR_DUTY

from .. import services
from ..models import (
    Category,
    DeskSettings,
    PriceListItem,
    Priority,
    SlaPolicy,
    Subcategory,
    TargetClock,
    Team,
    TeamMember,
)
from ..targets import TARGETS, community_targets
from .forms import (
    DeskSettingsForm,
    MemberAddForm,
    MemberForm,
    PriceItemForm,
    SlaPolicyForm,
    TeamForm,
)

PERM = "workorder.configure"


def _url(name: str, community, *args) -> str:
    return reverse(f"servicedesk:{name}", args=[community.pk, *args])


def _form_page(request, *, community, form, save: Callable, title: str, back_url: str, **extra):
    """Show `form`; on a valid POST call `save(form)` (a service) and go to `back_url`.
    A service's ValidationError lands on the fields it names; nothing was written then."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back_url)
    context = {"community": community, "form": form, "title": title, "back_url": back_url}
    return render(request, "servicedesk/configure/form.html", context | extra)


# ---- the repair price list ------------------------------------------------------------------


@login_required
def prices(request, community_id: int):
    """The price list, published items first, retired ones after them."""
    community = community_for(request, community_id, PERM)
    items = PriceListItem.objects.filter(community=community).order_by("-active", "sort", "name")
    return render(
        request,
        "servicedesk/configure/prices.html",
        {"community": community, "page": paginate(request, items)},
    )


@login_required
def price_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, PERM)
    item = get_object_or_404(PriceListItem, community=community, pk=pk) if pk else None
    form = PriceItemForm.of(request.POST or None, item)

    def save(form):
        services.price_item_save(
            actor=request.user, community=community, item=item, data=form.cleaned_data
        )

    return _form_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Change %(item)s") % {"item": item.name} if item else _("New price-list item"),
        back_url=_url("settings_prices", community),
        history_url=_url("settings_prices_history", community),
    )


def _retire(request, community_id: int, pk: int, *, retired: bool):
    community = community_for(request, community_id, PERM)
    item = get_object_or_404(PriceListItem, community=community, pk=pk)
    return run_service(
        request,
        lambda: services.price_item_retire(actor=request.user, item=item, retired=retired),
        success=(
            _("%(item)s is retired: new orders are no longer offered it.")
            if retired
            else _("%(item)s is on the published list again.")
        )
        % {"item": item.name},
        then=redirect(_url("settings_prices", community)),
    )


@login_required
@require_POST
def price_retire(request, community_id: int, pk: int):
    return _retire(request, community_id, pk, retired=True)


@login_required
@require_POST
def price_republish(request, community_id: int, pk: int):
    return _retire(request, community_id, pk, retired=False)


# ---- teams ----------------------------------------------------------------------------------


@login_required
def teams(request, community_id: int):
    community = community_for(request, community_id, PERM)
    rows = (
        Team.objects.filter(community=community)
        .select_related("supervisor")
        .annotate(people=Count("members", filter=Q(members__active=True)))
        .order_by("-active", "name")
    )
    page = paginate(request, rows)
    labels = dict(Category.choices)
    for team in page:
        team.category_labels = [labels.get(c, c) for c in team.categories]
    return render(
        request, "servicedesk/configure/teams.html", {"community": community, "page": page}
    )


def _team_initial(team: Team) -> dict:
    return {
        "name": team.name,
        "categories": team.categories,
        "subcategories": team.subcategories,
        "supervisor": team.supervisor_id,
        "active": team.active,
    }


@login_required
def team_edit(request, community_id: int, pk: int | None = None):
    """A team's name, work and supervisor; for a team that exists, its members too."""
    community = community_for(request, community_id, PERM)
    team = get_object_or_404(Team, community=community, pk=pk) if pk else None
    form = TeamForm(
        request.POST or None,
        initial=_team_initial(team) if team else None,
        community_id=community.pk,
    )

    def save(form):
        services.team_save(
            actor=request.user, community=community, team=team, data=form.cleaned_data
        )

    extra = {}
    if team:
        members = list(
            TeamMember.objects.filter(team=team)
            .select_related("user")
            .order_by("-active", "user__first_name", "user__username")
        )
        skills = dict(Subcategory.choices)
        for member in members:
            member.skill_labels = [skills.get(s, s) for s in member.skills]
        extra = {
            "team": team,
            "members": members,
            "member_form": MemberAddForm(
                community_id=community.pk, members=[m.user_id for m in members]
            ),
        }
    return _form_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Team %(name)s") % {"name": team.name} if team else _("New team"),
        back_url=_url("settings_teams", community),
        history_url=_url("settings_teams_history", community),
        **extra,
    )


@login_required
@require_POST
def team_member_add(request, community_id: int, pk: int):
    community = community_for(request, community_id, PERM)
    team = get_object_or_404(Team, community=community, pk=pk)
    form = MemberAddForm(request.POST, community_id=community.pk)
    back = redirect(_url("settings_team", community, team.pk))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return back
    return run_service(
        request,
        lambda: services.team_member_save(actor=request.user, team=team, data=form.cleaned_data),
        success=_("%(person)s joined the team.")
        % {"person": display_name(form.cleaned_data["user"])},
        then=back,
    )


@login_required
def team_member_edit(request, community_id: int, pk: int, member_id: int):
    community = community_for(request, community_id, PERM)
    member = get_object_or_404(
        TeamMember.objects.select_related("team", "user"),
        team__community=community,
        team_id=pk,
        pk=member_id,
    )
    form = MemberForm(
        request.POST or None, initial={"skills": member.skills, "active": member.active}
    )

    def save(form):
        services.team_member_save(
            actor=request.user, team=member.team, member=member, data=form.cleaned_data
        )

    return _form_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("%(person)s in %(team)s")
        % {"person": display_name(member.user), "team": member.team},
        back_url=_url("settings_team", community, member.team_id),
        history_url=_url("settings_teams_history", community),
    )


# ---- the duty roster ------------------------------------------------------------------------


def duty_rosters_url(community) -> str:
    """Where the duty roster is kept now: the repair-duty post's roster in the staff app, or
    the list of rosters where the community has no such post."""
    post = Post.objects.filter(community=community, code=REPAIR_DUTY).first()
    if post is None:
        return reverse("staff:rosters", args=[community.pk])
    return reverse("staff:roster", args=[community.pk, post.pk])


def _rosters(request, community_id: int):
    """The duty roster's old addresses: the night repair duty is a roster of the staff app now,
    so bookmarks and printed links lead there."""
    community = community_for(request, community_id, PERM)
    return redirect(duty_rosters_url(community))


@login_required
def duty(request, community_id: int):
    return _rosters(request, community_id)


@login_required
@require_POST
def duty_remove(request, community_id: int, pk: int):
    return _rosters(request, community_id)


# ---- the desk's settings --------------------------------------------------------------------


@login_required
def desk_settings(request, community_id: int):
    community = community_for(request, community_id, PERM)
    form = DeskSettingsForm(request.POST or None, instance=DeskSettings.for_community(community.pk))

    def save(form):
        services.desk_settings_save(actor=request.user, community=community, data=form.cleaned_data)

    return _form_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Customer-center settings"),
        back_url=_url("settings_desk", community),
        history_url=_url("settings_desk_history", community),
        intro=_(
            "Escalation, warnings, call-backs and the most open orders a person is suggested "
            "for. Orders received after a change count with the new values."
        ),
    )


# ---- SLA policies ---------------------------------------------------------------------------


def target_text(amount: int | None, clock: str) -> str:
    """A target as people say it: "30 min", "24 h", "3 working days", "—" for none."""
    if amount is None:
        return "—"
    if clock == TargetClock.WORKING_DAYS:
        if amount == 0:
            return _("same working day")
        return ngettext("%(n)s working day", "%(n)s working days", amount) % {"n": amount}
    if amount % 60 == 0:
        text = _("%(n)s h") % {"n": amount // 60}
    else:
        text = _("%(n)s min") % {"n": amount}
    if clock == TargetClock.SERVICE:
        return _("%(time)s of service time") % {"time": text}
    return text


@login_required
def sla_policies(request, community_id: int):
    """The targets of every category and priority: the community's policies, the standard's
    defaults where it has none (with the offer to write them as policies to edit)."""
    community = community_for(request, community_id, PERM)
    policies = {(p.category, p.priority): p for p in SlaPolicy.objects.filter(community=community)}
    targets = community_targets(community)
    groups = []
    for category, category_label in Category.choices:
        rows = []
        for priority, priority_label in Priority.choices:
            found = policies.get((category, priority))
            rows.append(
                {
                    "priority": priority_label,
                    "policy": found,
                    "targets": [
                        target_text(t.amount, t.clock)
                        for t in (targets[(category, priority)][name] for name in TARGETS)
                    ],
                }
            )
        groups.append({"label": category_label, "rows": rows})
    missing = len(Category.values) * len(Priority.values) - len(policies)
    return render(
        request,
        "servicedesk/configure/sla.html",
        {"community": community, "groups": groups, "missing": missing, "empty": not policies},
    )


@login_required
@require_POST
def sla_seed(request, community_id: int):
    community = community_for(request, community_id, PERM)
    return run_service(
        request,
        lambda: services.sla_policies_seed(community=community, actor=request.user),
        success=lambda n: _("%(n)s policies added.") % {"n": n},
        then=redirect(_url("settings_sla", community)),
    )


@login_required
def sla_policy_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, PERM)
    sla_policy = get_object_or_404(SlaPolicy, community=community, pk=pk)
    form = SlaPolicyForm(request.POST or None, instance=SlaPolicy.objects.get(pk=sla_policy.pk))

    def save(form):
        services.sla_policy_save(
            actor=request.user,
            community=community,
            sla_policy=sla_policy,
            data=form.cleaned_data,
        )

    return _form_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("SLA policy: %(policy)s") % {"policy": sla_policy},
        back_url=_url("settings_sla", community),
        history_url=_url("settings_sla_history", community),
        intro=_(
            "Orders received after a change are counted with the new targets; orders already "
            "received keep their deadlines."
        ),
    )


# ---- history --------------------------------------------------------------------------------

HISTORIES = {
    "prices": ([PriceListItem], "settings_prices"),
    "teams": ([Team, TeamMember], "settings_teams"),
    "desk": ([DeskSettings], "settings_desk"),
    "sla": ([SlaPolicy], "settings_sla"),
}


def _history(request, community_id: int, area: str, title: str):
    community = community_for(request, community_id, PERM)
    models_, back = HISTORIES[area]
    return configure.history(
        request, community, models_=models_, title=title, back_url=_url(back, community)
    )


@login_required
def prices_history(request, community_id: int):
    return _history(request, community_id, "prices", _("History of the repair price list"))


@login_required
def teams_history(request, community_id: int):
    return _history(request, community_id, "teams", _("History of the teams"))


@login_required
def duty_history(request, community_id: int):
    return _rosters(request, community_id)


@login_required
def desk_history(request, community_id: int):
    return _history(request, community_id, "desk", _("History of the customer-center settings"))


@login_required
def sla_history(request, community_id: int):
    return _history(request, community_id, "sla", _("History of the SLA policies"))
