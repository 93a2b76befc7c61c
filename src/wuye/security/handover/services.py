"""Changes to the shift handover (交接班) and to the community's list of counted items.

The outgoing guard starts the handover of their post at the end of the shift (the community's
items and their expected counts filled in), counts, writes the CCTV and fire-panel status and
notes, and submits it; the incoming guard, a different person on duty on the post at the next
shift (or the security supervisor), counts again and confirms. Every action checks the
permission, locks the handover, checks its state and writes the change with its audit entry
in one transaction; a count that differs tells the security supervisors after commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community, Role
from wuye.core.validators import conflict
from wuye.staff.organisation.models import Post
from wuye.staff.rosters.models import ShiftTemplate
from wuye.staff.rosters.queries import on_duty_ids

from . import notifications, queries
from .models import (
    MAX_COUNT,
    CctvStatus,
    FirePanelStatus,
    Handover,
    HandoverCount,
    HandoverItem,
    HandoverStatus,
)

NOTES_MAX = 2000


# ---- the community's counted items (设置) ----------------------------------------------


@transaction.atomic
def handover_item_save(
    *,
    actor,
    community: Community,
    name: str,
    expected: int,
    item: HandoverItem | None = None,
    active: bool = True,
) -> HandoverItem:
    """Add an item the guards count, or change one (its name, expected count, or whether it is
    still counted). Items are retired, never deleted: past handovers name them."""
    policy.require_perm(actor, "handover.configure", community.pk)
    name = " ".join((name or "").split())
    if not name or len(name) > 50:
        raise ValidationError({"name": _("Name the item in at most 50 characters.")})
    if not isinstance(expected, int) or not 0 <= expected <= MAX_COUNT:
        raise ValidationError(
            {"expected": _("Enter the expected count: 0 to %(max)s.") % {"max": MAX_COUNT}}
        )
    if item is not None and item.community_id != community.pk:
        raise ValidationError({"name": _("Choose an item of this community.")})
    clash = HandoverItem.objects.filter(community=community, name=name)
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError({"name": conflict(_("The list already has this item."))})
    before = {"name": item.name, "expected": item.expected, "active": item.active} if item else {}
    if item is None:
        last = HandoverItem.objects.filter(community=community).order_by("-order").first()
        item = HandoverItem(community=community, order=(last.order + 1) if last else 0)
    item.name, item.expected, item.active = name, expected, active
    item.save()
    after = {"name": item.name, "expected": item.expected, "active": item.active}
    audit.record(
        actor=actor,
        action="handover.item_save",
        obj=item,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return item


# ---- the handover ------------------------------------------------------------------------


def _locked(handover: Handover) -> Handover:
    return (
        Handover.objects.select_for_update()
        .select_related("community", "post", "outgoing")
        .get(pk=handover.pk)
    )


def _text(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if len(value) > NOTES_MAX:
        raise ValidationError({field: _("Keep this to %(max)s characters.") % {"max": NOTES_MAX}})
    return value


def _counted(lines: list[HandoverCount], counts: Mapping[str, int], *, complete: bool) -> dict:
    """The counts by line, checked: every name one of the handover's items, every count a
    whole number from 0 to the maximum; with `complete`, every item counted."""
    by_name = {line.name: line for line in lines}
    found: dict[int, int] = {}
    for name, value in counts.items():
        line = by_name.get(name)
        if line is None:
            raise ValidationError(
                {"counts": _("“%(name)s” is not on this handover's list.") % {"name": name}}
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            raise ValidationError(
                {
                    "counts": _("Count %(name)s as a whole number from 0 to %(max)s.")
                    % {"name": name, "max": MAX_COUNT}
                }
            )
        found[line.pk] = value
    if complete:
        missing = [line.name for line in lines if line.pk not in found]
        if missing:
            raise ValidationError(
                {"counts": _("Count every item: %(items)s.") % {"items": ", ".join(missing)}}
            )
    return found


@transaction.atomic
def handover_start(
    *,
    actor,
    community: Community,
    post: Post,
    ends_at: datetime,
    shift: ShiftTemplate | None = None,
) -> Handover:
    """Start the handover of a post at the end of a shift, by its outgoing guard: the
    community's counted items and their expected numbers are filled in."""
    policy.require_perm(actor, "handover.record", community.pk)
    if post.community_id != community.pk or not post.active:
        raise ValidationError({"post": _("Choose a post of this community.")})
    if shift is not None and shift.community_id != community.pk:
        raise ValidationError({"shift": _("Choose a shift of this community.")})
    if not may_hand_over(actor, community.pk, post, ends_at):
        raise PermissionDenied(
            _("Only a guard on duty on this post at that shift, or the supervisor, hands it over.")
        )
    if Handover.objects.filter(post=post, ends_at=ends_at).exists():
        raise ValidationError(
            {"ends_at": conflict(_("This post's handover for that shift is already written."))}
        )
    handover = Handover(
        community=community, post=post, ends_at=ends_at, shift=shift, outgoing=actor
    )
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError as error:  # written at the same moment on another phone
        raise ValidationError(
            {"ends_at": conflict(_("This post's handover for that shift is already written."))}
        ) from error
    items = HandoverItem.objects.filter(community=community, active=True).order_by("order", "pk")
    HandoverCount.objects.bulk_create(
        HandoverCount(handover=handover, item=item, name=item.name, expected=item.expected, order=n)
        for n, item in enumerate(items)
    )
    audit.record(
        actor=actor,
        action="handover.start",
        obj=handover,
        changes={"post": post.code, "ends_at": ends_at.isoformat()},
    )
    return handover


def _require_outgoing_draft(actor, handover: Handover) -> None:
    policy.require_perm(actor, "handover.record", handover.community_id)
    if handover.outgoing_id != actor.pk:
        raise conflict(_("Only the outgoing guard writes this handover."))
    if handover.status != HandoverStatus.DRAFT:
        raise conflict(_("This handover has already been submitted."))


@transaction.atomic
def handover_count(
    *,
    actor,
    handover: Handover,
    counts: Mapping[str, int],
    cctv_status: str | None = None,
    fire_panel_status: str | None = None,
    notes: str | None = None,
    open_incidents_note: str | None = None,
) -> Handover:
    """The outgoing guard's counts (by item name), statuses and notes, while the handover is
    being written."""
    handover = _locked(handover)
    _require_outgoing_draft(actor, handover)
    lines = list(handover.counts.all())
    found = _counted(lines, counts, complete=False)
    if cctv_status is not None:
        if cctv_status not in CctvStatus.values:
            raise ValidationError({"cctv_status": _("Choose the CCTV status from the list.")})
        handover.cctv_status = cctv_status
    if fire_panel_status is not None:
        if fire_panel_status not in FirePanelStatus.values:
            raise ValidationError(
                {"fire_panel_status": _("Choose the fire panel status from the list.")}
            )
        handover.fire_panel_status = fire_panel_status
    if notes is not None:
        handover.notes = _text(notes, "notes")
    if open_incidents_note is not None:
        handover.open_incidents_note = _text(open_incidents_note, "open_incidents_note")
    handover.save(
        update_fields=["cctv_status", "fire_panel_status", "notes", "open_incidents_note"]
    )
    changed = []
    for line in lines:
        if line.pk in found and found[line.pk] != line.outgoing_count:
            line.outgoing_count = found[line.pk]
            changed.append(line)
    HandoverCount.objects.bulk_update(changed, ["outgoing_count"])
    audit.record(
        actor=actor,
        action="handover.count",
        obj=handover,
        changes={
            "counts": {line.name: line.outgoing_count for line in changed},
            "cctv_status": handover.cctv_status,
            "fire_panel_status": handover.fire_panel_status,
        },
    )
    return handover


@transaction.atomic
def handover_submit(*, actor, handover: Handover) -> Handover:
    """The outgoing guard hands over: every item counted, the community's incidents still
    open recorded with it (read from the incident log), the handover awaits the incoming
    guard."""
    handover = _locked(handover)
    _require_outgoing_draft(actor, handover)
    missing = [line.name for line in handover.counts.all() if line.outgoing_count is None]
    if missing:
        raise ValidationError(
            {"counts": _("Count every item: %(items)s.") % {"items": ", ".join(missing)}}
        )
    handover.status = HandoverStatus.AWAITING_INCOMING
    handover.submitted_at = timezone.now()
    handover.save(update_fields=["status", "submitted_at"])
    open_ids = [incident.pk for incident in queries.open_incidents(actor, handover.community_id)]
    handover.incidents.set(open_ids)
    audit.record(
        actor=actor, action="handover.submit", obj=handover, changes={"incidents": open_ids}
    )
    return handover


def may_hand_over(user, community_id: int, post: Post, ends_at: datetime) -> bool:
    """Whether `user` may write the handover of `post` at `ends_at`: on duty on the post in
    the minute before the shift ends by the published rosters, or the community's security
    supervisor."""
    if Role.SECURITY_SUPERVISOR in policy.roles_in(user, community_id):
        return True
    return user.pk in on_duty_ids(community_id, ends_at - timedelta(minutes=1), post.pk)


def may_confirm(user, handover: Handover) -> bool:
    """Whether `user` may take over: not the outgoing guard, and on duty on the post at the
    next shift by the published rosters, or the community's security supervisor."""
    if user.pk == handover.outgoing_id:
        return False
    if not policy.has_perm(user, "handover.record", handover.community_id):
        return False
    if Role.SECURITY_SUPERVISOR in policy.roles_in(user, handover.community_id):
        return True
    return user.pk in on_duty_ids(handover.community_id, handover.ends_at, handover.post_id)


def _tell_supervisors(handover: Handover, lines: list[HandoverCount]) -> None:
    differing = [line for line in lines if line.differs]

    def compose() -> tuple[str, str]:
        text = str(notifications.DISCREPANCY.text)
        rows = [
            text,
            _("Post: %(post)s") % {"post": handover.post.title},
            _("Shift ended: %(at)s")
            % {"at": timezone.localtime(handover.ends_at).strftime("%Y-%m-%d %H:%M")},
        ]
        for line in differing:
            rows.append(
                _("%(item)s: expected %(expected)s, outgoing %(out)s, incoming %(in)s")
                % {
                    "item": line.name,
                    "expected": line.expected,
                    "out": line.outgoing_count,
                    "in": line.incoming_count,
                }
            )
        return text, "\n".join(rows)

    supervisors = notify.role_holders(handover.community_id, [Role.SECURITY_SUPERVISOR])
    transaction.on_commit(
        lambda: notify.deliver(
            supervisors,
            compose,
            kind=notifications.DISCREPANCY,
            about=handover,
            community=handover.community,
        )
    )


@transaction.atomic
def handover_confirm(*, actor, handover: Handover, counts: Mapping[str, int]) -> Handover:
    """The incoming guard counts every item as they find it and takes over: the handover
    closes. A count that differs from the expected number or from the outgoing guard's flags
    a discrepancy, and the security supervisors are told once."""
    handover = _locked(handover)
    policy.require_perm(actor, "handover.record", handover.community_id)
    if handover.status == HandoverStatus.CONFIRMED:
        raise conflict(_("This handover has already been confirmed."))
    if handover.status != HandoverStatus.AWAITING_INCOMING:
        raise conflict(_("The outgoing guard has not submitted this handover yet."))
    if actor.pk == handover.outgoing_id:
        raise conflict(_("The incoming guard confirms the handover, not the outgoing one."))
    if not may_confirm(actor, handover):
        raise PermissionDenied(
            _("Only a guard on duty on this post at the next shift, or the supervisor, confirms.")
        )
    lines = list(handover.counts.all())
    found = _counted(lines, counts, complete=True)
    for line in lines:
        line.incoming_count = found[line.pk]
    HandoverCount.objects.bulk_update(lines, ["incoming_count"])
    handover.discrepancy = any(line.differs for line in lines)
    handover.status = HandoverStatus.CONFIRMED
    handover.incoming = actor
    handover.confirmed_at = timezone.now()
    handover.save(update_fields=["discrepancy", "status", "incoming", "confirmed_at"])
    audit.record(
        actor=actor,
        action="handover.confirm",
        obj=handover,
        changes={
            "counts": {line.name: line.incoming_count for line in lines},
            "discrepancy": handover.discrepancy,
        },
    )
    if handover.discrepancy:
        _tell_supervisors(handover, lines)
    return handover
