"""What a manager configures of the customer center (设置): the published repair price list,
the teams and their members, the duty roster, the desk's settings and the SLA policies.

Each change checks `workorder.configure` in the community, validates the row as its model
says (and the rules below that a model cannot state), saves it and writes one audit entry
with each changed field's old and new value (`core.configure`). A published price-list item
is never deleted: it is retired, so that the orders that charged it keep it and no new order
is offered it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core import audit, configure, policy
from wuye.core.models import Community
from wuye.core.people import display_name
from wuye.core.standards import standard_of
from wuye.core.validators import conflict, not_found

from .. import cached
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
from ..targets import TARGETS, default_targets

PERM = "workorder.configure"
PRICE_FIELDS = ("name", "unit", "price", "sort")
TEAM_FIELDS = ("name", "categories", "subcategories", "supervisor", "active")
DESK_FIELDS = (
    "chase_interval_minutes",
    "reopen_days",
    "callback_scope",
    "warn_percent",
    "manager_escalation_minutes",
    "max_open_orders",
    "repair_charges_posted",
    "off_list_items_allowed",
)
SLA_FIELDS = tuple(f"{name}_{part}" for name in TARGETS for part in ("target", "clock"))
# The longest targets that make sense: a year of minutes, a quarter of working days.
MOST_MINUTES = 365 * 24 * 60
MOST_WORKING_DAYS = 60


def _require(actor, community_id: int) -> None:
    if not policy.has_perm(actor, PERM, community_id):
        raise PermissionDenied(_("You may not do this."))


def _text(data: dict, name: str) -> str | None:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else value


# ---- the repair price list (收费公示) -------------------------------------------------------


@transaction.atomic
def price_item_save(
    *, actor, community: Community, data: dict[str, Any], item: PriceListItem | None = None
) -> PriceListItem:
    """Publish a new item (`item` None) or change one: its name, unit, price and place in
    the list. The orders that charged it keep the price they were charged."""
    _require(actor, community.pk)
    if item is None:
        item = PriceListItem(community=community)
    else:
        item = PriceListItem.objects.select_for_update().get(pk=item.pk, community=community)
    fields = {name: _text(data, name) for name in PRICE_FIELDS if name in data}
    name = fields.get("name", item.name)
    same_name = PriceListItem.objects.filter(community=community, name=name)
    if item.pk:
        same_name = same_name.exclude(pk=item.pk)
    if name and same_name.exists():
        raise ValidationError(
            {
                "name": [
                    conflict(
                        _(
                            "The price list already has an item of this name (retired items "
                            "included): change that item instead."
                        )
                    )
                ]
            }
        )
    action = "price_item.change" if item.pk else "price_item.publish"
    before = configure.snapshot(item, PRICE_FIELDS) if item.pk else dict.fromkeys(PRICE_FIELDS, "")
    for field, value in fields.items():
        setattr(item, field, value)
    item.full_clean(validate_constraints=False)
    item.save()
    configure.record_change(actor=actor, action=action, obj=item, before=before, names=PRICE_FIELDS)
    return item


@transaction.atomic
def price_item_retire(*, actor, item: PriceListItem, retired: bool = True) -> PriceListItem:
    """Take an item off the published list (`retired`), or publish a retired one again.
    Nothing is deleted: the orders that charged it keep it."""
    _require(actor, item.community_id)
    item = PriceListItem.objects.select_for_update().get(pk=item.pk)
    if item.active != retired:
        message = (
            _("This item is already retired.")
            if retired
            else _("This item is already on the published list.")
        )
        raise ValidationError({"active": [conflict(message)]})
    before = configure.snapshot(item, ["active"])
    item.active = not retired
    item.save(update_fields=["active"])
    configure.record_change(
        actor=actor,
        action="price_item.retire" if retired else "price_item.republish",
        obj=item,
        before=before,
        names=["active"],
    )
    return item


# ---- teams and their members -----------------------------------------------------------


def _staff_member(community_id: int, user, field: str):
    """`user` if they hold a role in the community (whom work may be sent to)."""
    if user is None or not user.is_active or not policy.roles_in(user, community_id):
        raise ValidationError({field: [not_found(_("Choose a staff member of this community."))]})
    return user


def _named(values: dict[str, str], obj, *people: str) -> dict[str, str]:
    """`values` (a snapshot) with the people in it by their names, as the pages name them."""
    for field in people:
        values[field] = display_name(getattr(obj, field)) if getattr(obj, f"{field}_id") else ""
    return values


def _labels(values: Iterable[str], choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values)


def _team_snapshot(team: Team) -> dict[str, str]:
    """The team as its history reads: its categories and subcategories by their names."""
    values = _named(configure.snapshot(team, ["name", "supervisor", "active"]), team, "supervisor")
    values["categories"] = _labels(team.categories, Category.choices)
    values["subcategories"] = _labels(team.subcategories, Subcategory.choices)
    return values


def _choices(values, allowed, field: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            {field: [_("Choose from the list: %(values)s.") % {"values": ", ".join(allowed)}]}
        )
    return values


@transaction.atomic
def team_save(
    *, actor, community: Community, data: dict[str, Any], team: Team | None = None
) -> Team:
    """Add a team or change one: its name, the categories (and subcategories) of work it
    takes, its supervisor (a staff member of the community) and whether it takes work."""
    _require(actor, community.pk)
    if team is None:
        team = Team(community=community)
    else:
        team = Team.objects.select_for_update().get(pk=team.pk, community=community)
    before = _team_snapshot(team) if team.pk else dict.fromkeys(TEAM_FIELDS, "")
    action = "team.change" if team.pk else "team.add"
    if "name" in data:
        team.name = _text(data, "name")
        clash = Team.objects.filter(community=community, name=team.name).exclude(pk=team.pk)
        if team.name and clash.exists():
            raise ValidationError(
                {"name": [conflict(_("The community already has a team of this name."))]}
            )
    if "categories" in data:
        team.categories = _choices(data["categories"], Category.values, "categories")
    if "subcategories" in data:
        team.subcategories = _choices(data["subcategories"], Subcategory.values, "subcategories")
    if "supervisor" in data:
        supervisor = data["supervisor"]
        team.supervisor = (
            _staff_member(community.pk, supervisor, "supervisor") if supervisor else None
        )
    if "active" in data:
        team.active = bool(data["active"])
    if not team.categories:
        raise ValidationError({"categories": [_("Choose at least one category of work.")]})
    team.full_clean(validate_constraints=False)
    team.save()
    changes = audit.diff(before, _team_snapshot(team))
    if changes:
        audit.record(actor=actor, action=action, obj=team, changes=changes)
    return team


def _member_snapshot(member: TeamMember) -> dict[str, str]:
    values = _named(configure.snapshot(member, ["user", "active"]), member, "user")
    values["skills"] = _labels(member.skills, Subcategory.choices)
    return values


@transaction.atomic
def team_member_save(
    *, actor, team: Team, data: dict[str, Any], member: TeamMember | None = None
) -> TeamMember:
    """Add a person to a team (`member` None: `data["user"]`, a staff member of the
    community) or change their skills and whether they take work now."""
    _require(actor, team.community_id)
    if member is None:
        user = _staff_member(team.community_id, data.get("user"), "user")
        if TeamMember.objects.filter(team=team, user=user).exists():
            raise ValidationError({"user": [conflict(_("This person is already in the team."))]})
        member = TeamMember(team=team, user=user)
        before = dict.fromkeys(["user", "active", "skills"], "")
        action = "team.member_add"
    else:
        member = TeamMember.objects.select_for_update().get(pk=member.pk, team=team)
        before = _member_snapshot(member)
        action = "team.member_change"
    if "skills" in data:
        member.skills = _choices(data["skills"], Subcategory.values, "skills")
    if "active" in data:
        member.active = bool(data["active"])
    member.full_clean(validate_constraints=False)
    member.save()
    changes = audit.diff(before, _member_snapshot(member))
    if changes:
        audit.record(actor=actor, action=action, obj=member, changes=changes)
    return member


# ---- the desk's settings -------------------------------------------------------------------


@transaction.atomic
def desk_settings_save(*, actor, community: Community, data: dict[str, Any]) -> DeskSettings:
    """Change the customer center's settings (escalation, warnings, call-backs, load limit,
    paid repairs); every order received after this counts with them."""
    _require(actor, community.pk)
    settings = DeskSettings.objects.select_for_update().filter(
        community=community
    ).first() or DeskSettings(community=community)
    fields = {name: data[name] for name in DESK_FIELDS if name in data}
    configure.save_setting(
        actor=actor,
        perm=PERM,
        community_id=community.pk,
        obj=settings,
        fields=fields,
        action="desk_settings.change",
    )
    cached.bump()
    return settings


# ---- SLA policies (服务时限) ----------------------------------------------------------------


def _sla_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """What is wrong with a policy's targets: each within its clock's range, and on one clock
    the first response not after the arrival, the arrival not after the resolution."""
    errors: dict[str, list[str]] = {}
    for name in TARGETS:
        amount, clock = values[f"{name}_target"], values[f"{name}_clock"]
        if amount is None:
            continue
        if clock == TargetClock.WORKING_DAYS and amount > MOST_WORKING_DAYS:
            errors[f"{name}_target"] = [
                _("Enter at most %(n)s working days.") % {"n": MOST_WORKING_DAYS}
            ]
        elif clock != TargetClock.WORKING_DAYS and not 1 <= amount <= MOST_MINUTES:
            errors[f"{name}_target"] = [
                _("Enter between 1 and %(n)s minutes.") % {"n": MOST_MINUTES}
            ]
    set_ = [n for n in TARGETS if values[f"{n}_target"] is not None]
    for earlier, later in zip(set_, set_[1:], strict=False):
        same_clock = values[f"{earlier}_clock"] == values[f"{later}_clock"]
        if same_clock and values[f"{earlier}_target"] > values[f"{later}_target"]:
            errors.setdefault(f"{later}_target", []).append(
                _("This target comes before the one above it: make it the same or longer.")
            )
    return errors


@transaction.atomic
def sla_policy_save(
    *,
    actor,
    community: Community,
    data: dict[str, Any],
    sla_policy: SlaPolicy | None = None,
) -> SlaPolicy:
    """Set the targets of a category and priority (a new policy takes them from `data`'s
    category and priority); orders received after this are counted with them."""
    _require(actor, community.pk)
    if sla_policy is None:
        sla_policy = SlaPolicy(
            community=community, category=data.get("category"), priority=data.get("priority")
        )
        if SlaPolicy.objects.filter(
            community=community, category=sla_policy.category, priority=sla_policy.priority
        ).exists():
            raise ValidationError(
                {"priority": [conflict(_("This category and priority already have a policy."))]}
            )
    else:
        sla_policy = SlaPolicy.objects.select_for_update().get(
            pk=sla_policy.pk, community=community
        )
    fields = {name: data[name] for name in SLA_FIELDS if name in data}
    values = {name: fields.get(name, getattr(sla_policy, name)) for name in SLA_FIELDS}
    errors = _sla_errors(values)
    if errors:
        raise ValidationError(errors)
    configure.save_setting(
        actor=actor,
        perm=PERM,
        community_id=community.pk,
        obj=sla_policy,
        fields=fields,
        action="sla_policy.change",
    )
    cached.bump()
    return sla_policy


@transaction.atomic
def sla_policies_seed(*, community: Community, actor) -> int:
    """Write the default targets as the community's SLA policies (missing rows only), so that
    they can be edited; returns how many were added."""
    _require(actor, community.pk)
    have = set(SlaPolicy.objects.filter(community=community).values_list("category", "priority"))
    standard = standard_of(community)
    rows = []
    for category in Category.values:
        for priority in Priority.values:
            if (category, priority) in have:
                continue
            targets = default_targets(standard, category, priority)
            rows.append(
                SlaPolicy(
                    community=community,
                    category=category,
                    priority=priority,
                    **{
                        field: value
                        for name, target in targets.items()
                        for field, value in (
                            (f"{name}_target", target.amount),
                            (f"{name}_clock", target.clock),
                        )
                    },
                )
            )
    SlaPolicy.objects.bulk_create(rows)
    for row in rows:
        configure.record_change(
            actor=actor,
            action="sla_policy.seed",
            obj=row,
            before=dict.fromkeys(SLA_FIELDS, ""),
            names=SLA_FIELDS,
        )
    cached.bump()
    return len(rows)
