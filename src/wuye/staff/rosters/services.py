"""Changes to shifts and rosters: the manager sets the shifts and the working-time rules;
supervisors plan a post's week as a draft, publish it (with its warnings, which never refuse)
and record the changes to a published week (leave, sickness, a swap).

Each service checks the permission, refuses bad input with a translated reason and changes
nothing then, and writes its change and its audit entry in one transaction.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found

from ..organisation.models import Post
from . import queries
from .models import (
    ChangeKind,
    Roster,
    RosterChange,
    RosterEntry,
    RosterStatus,
    ShiftKind,
    ShiftTemplate,
    WorkRules,
)

SHIFT_FIELDS = ("name", "code", "kind", "starts", "ends", "break_minutes", "order", "active")
RULE_FIELDS = (
    "hours_a_day",
    "hours_a_week",
    "overtime_a_day",
    "overtime_a_month",
    "late_after_minutes",
    "early_before_minutes",
    "clock_in_opens_minutes",
)


def _shift_values(template: ShiftTemplate) -> dict:
    return {name: str(getattr(template, name)) for name in SHIFT_FIELDS}


def _check_shift(template: ShiftTemplate) -> None:
    template.name = clean_text(template.name)
    template.code = (template.code or "").strip().lower()
    if template.kind not in ShiftKind.values:
        raise ValidationError({"kind": _("Choose a kind of shift.")})
    if not isinstance(template.starts, time) or not isinstance(template.ends, time):
        raise ValidationError({"starts": _("Give the hours the shift starts and ends.")})
    if template.minutes <= 0:
        raise ValidationError({"break_minutes": _("The break is longer than the shift.")})
    template.full_clean(exclude=["community"], validate_unique=False, validate_constraints=False)
    taken = ShiftTemplate.objects.filter(community_id=template.community_id, code=template.code)
    if taken.exclude(pk=template.pk).exists():
        raise conflict({"code": _("Another shift has this code.")})


@transaction.atomic
def shift_template_create(*, actor, community: Community, **fields) -> ShiftTemplate:
    """A new shift. One that ends at or before the hour it starts ends the next day
    (中班 16:00–24:00, a night duty 17:00–09:00)."""
    policy.require_perm(actor, "roster.configure", community.pk)
    unknown = set(fields) - set(SHIFT_FIELDS)
    if unknown:
        raise TypeError(f"unknown shift fields: {sorted(unknown)}")
    template = ShiftTemplate(community=community, **fields)
    _check_shift(template)
    template.save()
    audit.record(actor=actor, action="shift.create", obj=template, changes=_shift_values(template))
    return template


@transaction.atomic
def shift_template_update(*, actor, template: ShiftTemplate, **fields) -> ShiftTemplate:
    """Change a shift. Entries already rostered keep the moments they were given."""
    policy.require_perm(actor, "roster.configure", template.community_id)
    template = ShiftTemplate.objects.select_for_update().get(pk=template.pk)
    before = _shift_values(template)
    for name, value in fields.items():
        if name not in SHIFT_FIELDS:
            raise TypeError(f"unknown shift field: {name}")
        setattr(template, name, value)
    _check_shift(template)
    template.save()
    changes = audit.diff(before, _shift_values(template))
    if changes:
        audit.record(actor=actor, action="shift.update", obj=template, changes=changes)
    return template


@transaction.atomic
def work_rules_update(*, actor, community: Community, **fields) -> WorkRules:
    """Set the community's working-time limits and attendance tolerances."""
    policy.require_perm(actor, "roster.configure", community.pk)
    rules, _created = WorkRules.objects.select_for_update().get_or_create(community=community)
    before = {name: str(getattr(rules, name)) for name in RULE_FIELDS}
    for name, value in fields.items():
        if name not in RULE_FIELDS:
            raise TypeError(f"unknown rule: {name}")
        setattr(rules, name, value)
    rules.full_clean(exclude=["community"], validate_unique=False)
    rules.save()
    changes = audit.diff(before, {name: str(getattr(rules, name)) for name in RULE_FIELDS})
    if changes:
        audit.record(actor=actor, action="work_rules.update", obj=rules, changes=changes)
    return rules


def roster_open(community: Community, post: Post, week: date) -> Roster:
    """The roster of `post` for the ISO week starting on Monday `week`, created as a draft
    when there is none."""
    if post.community_id != community.pk:
        raise not_found({"post": _("Choose a post of this community.")})
    if week.weekday() != 0:
        raise ValidationError({"week": _("A roster's week starts on a Monday.")})
    try:
        with transaction.atomic():
            roster, _created = Roster.objects.get_or_create(
                post=post, week=week, defaults={"community": community}
            )
    except IntegrityError:  # opened at the same moment by someone else
        roster = Roster.objects.get(post=post, week=week)
    return roster


def _draft(roster: Roster) -> Roster:
    roster = Roster.objects.select_for_update().select_related("post").get(pk=roster.pk)
    if roster.status != RosterStatus.DRAFT:
        raise conflict(_("This roster is published: record a change to a shift instead."))
    return roster


@transaction.atomic
def roster_set(*, actor, roster: Roster, user, day: date, shift: ShiftTemplate) -> RosterEntry:
    """Put a person on a shift on a day of a draft roster."""
    policy.require_perm(actor, "roster.plan", roster.community_id)
    roster = _draft(roster)
    if shift.community_id != roster.community_id or not shift.active:
        raise not_found({"shift": _("Choose an active shift of this community.")})
    if day not in roster.days:
        raise ValidationError({"day": _("Choose a day of the roster's week.")})
    if not queries.staff_of(roster.community_id).filter(pk=user.pk).exists():
        raise not_found({"user": _("Choose a member of this community's staff.")})
    exists = RosterEntry.objects.filter(roster=roster, user=user, date=day, shift=shift)
    if exists.exists():
        raise conflict({"user": _("This person is already on this shift.")})
    entry = RosterEntry(roster=roster, community_id=roster.community_id, user=user, date=day)
    entry.shift = shift
    entry.save()
    audit.record(
        actor=actor,
        action="roster.set",
        obj=roster,
        changes={"person": user.username, "date": str(day), "shift": shift.code},
    )
    return entry


@transaction.atomic
def roster_clear(*, actor, entry: RosterEntry) -> None:
    """Take a person off a shift of a draft roster."""
    policy.require_perm(actor, "roster.plan", entry.community_id)
    roster = _draft(entry.roster)
    entry = RosterEntry.objects.select_related("user", "shift").get(pk=entry.pk)
    audit.record(
        actor=actor,
        action="roster.clear",
        obj=roster,
        changes={"person": entry.user.username, "date": str(entry.date), "shift": entry.shift.code},
    )
    entry.delete()


@transaction.atomic
def roster_copy_previous_week(*, actor, roster: Roster) -> int:
    """Copy the previous week's shifts of the post into this draft, day for day; what the
    draft already has stays. Returns how many shifts were added."""
    policy.require_perm(actor, "roster.plan", roster.community_id)
    roster = _draft(roster)
    previous = Roster.objects.filter(post=roster.post, week=roster.week - timedelta(days=7))
    source = RosterEntry.objects.filter(roster__in=previous).select_related("shift")
    rows = list(source)
    if not rows:
        raise conflict(_("The previous week has no roster for this post."))
    have = set(roster.entries.values_list("user_id", "date", "shift_id"))
    staff = set(queries.staff_of(roster.community_id).values_list("pk", flat=True))
    added = []
    for row in rows:
        day = row.date + timedelta(days=7)
        key = (row.user_id, day, row.shift_id)
        if key in have or row.user_id not in staff or not row.shift.active:
            continue
        starts_at, ends_at = row.shift.span(day)  # bulk_create does not call save()
        added.append(
            RosterEntry(
                roster=roster,
                community_id=roster.community_id,
                user_id=row.user_id,
                date=day,
                shift=row.shift,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
        have.add(key)
    RosterEntry.objects.bulk_create(added)
    audit.record(actor=actor, action="roster.copy", obj=roster, changes={"shifts": str(len(added))})
    return len(added)


@transaction.atomic
def roster_publish(*, actor, roster: Roster) -> tuple[Roster, list]:
    """Publish a draft roster: from now on it is who is on duty. Its warnings (under
    headcount, over the hours, a missing certificate, two shifts at once) are returned and
    recorded with the audit entry; they do not refuse."""
    policy.require_perm(actor, "roster.publish", roster.community_id)
    roster = _draft(roster)
    if not roster.entries.exists():
        raise ValidationError(_("The roster has nobody on it yet."))
    warnings = queries.roster_warnings(roster)
    roster.status = RosterStatus.PUBLISHED
    roster.published_at = timezone.now()
    roster.published_by = actor
    roster.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        actor=actor,
        action="roster.publish",
        obj=roster,
        changes={"warnings": [w.message for w in warnings]},
    )
    return roster, warnings


@transaction.atomic
def roster_change(
    *, actor, entry: RosterEntry, kind: str, covered_by=None, note: str = ""
) -> RosterChange:
    """Record that the person of a published shift is on leave or sick, or has swapped it
    with a colleague (`covered_by`, who is then on duty instead; a leave or sickness may also
    name who covers)."""
    policy.require_perm(actor, "roster.plan", entry.community_id)
    entry = (
        RosterEntry.objects.select_for_update()
        .select_related("roster", "user", "shift")
        .get(pk=entry.pk)
    )
    if entry.roster.status != RosterStatus.PUBLISHED:
        raise conflict(_("Change a draft roster's shifts in the editor."))
    if kind not in ChangeKind.values:
        raise ValidationError({"kind": _("Choose leave, sick or swap.")})
    if RosterChange.objects.filter(entry=entry).exists():
        raise conflict(_("A change is already recorded for this shift."))
    if kind == ChangeKind.SWAP and covered_by is None:
        raise ValidationError({"covered_by": _("A swap names who takes the shift.")})
    if covered_by is not None:
        if covered_by.pk == entry.user_id:
            raise ValidationError({"covered_by": _("Choose someone else to take the shift.")})
        if not queries.staff_of(entry.community_id).filter(pk=covered_by.pk).exists():
            raise not_found({"covered_by": _("Choose a member of this community's staff.")})
    note = clean_text(note)
    if len(note) > 200:
        raise ValidationError({"note": _("Keep the note to 200 characters.")})
    change = RosterChange.objects.create(
        entry=entry, kind=kind, covered_by=covered_by, note=note, recorded_by=actor
    )
    audit.record(
        actor=actor,
        action="roster.change",
        obj=entry.roster,
        changes={
            "person": entry.user.username,
            "date": str(entry.date),
            "shift": entry.shift.code,
            "kind": kind,
            "covered_by": covered_by.username if covered_by else "",
        },
    )
    return change
