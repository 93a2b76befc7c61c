"""The daily compliance sweep: reminders 60/30/7 days before an obligation falls due, each
sent once; an item whose inspection lapsed or failed is stopped (停用) and its engineering
supervisor and manager alerted, once.

"Once" is a row of `ComplianceNotice` (unique per item, obligation, due date and reminder
day) written before the message; stopping is a conditional update that only changes an item
still in service, so two workers never stop or alert twice."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify
from wuye.core.models import Role

from . import notifications
from .models import ComplianceNotice, Equipment, EquipmentStatus
from .queries import DUE, LAPSED, Entry, calendar_entries

TOLD = (Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER)


def _mark(entry: Entry, days_before: int, due_on: date) -> bool:
    """Write the notice's marker; False when it was already sent."""
    try:
        with transaction.atomic():
            ComplianceNotice.objects.create(
                equipment=entry.equipment,
                obligation=entry.rule.obligation,
                due_on=due_on,
                days_before=days_before,
                sent_at=timezone.now(),
            )
    except IntegrityError:
        return False
    return True


def _remind(entry: Entry, today: date) -> bool:
    left = entry.days_left(today)
    reached = [day for day in entry.rule.reminders if day >= left]
    if not reached or not _mark(entry, min(reached), entry.due_on):
        return False
    item, rule = entry.equipment, entry.rule

    def compose():
        subject = _("%(obligation)s of %(item)s due on %(day)s") % {
            "obligation": rule.get_obligation_display(),
            "item": item,
            "day": entry.due_on.isoformat(),
        }
        body = subject
        if entry.request_by:
            body += "\n" + _("Request the inspection by %(day)s.") % {
                "day": entry.request_by.isoformat()
            }
        return subject, body

    transaction.on_commit(
        lambda: notify.deliver(
            notify.role_holders(item.community_id, TOLD),
            compose,
            kind=notifications.DUE,
            about=item,
            community=item.community,
        )
    )
    return True


def _stop(entry: Entry) -> bool:
    item = entry.equipment
    stopped = Equipment.objects.filter(pk=item.pk, status=EquipmentStatus.IN_SERVICE).update(
        status=EquipmentStatus.OUT_OF_SERVICE
    )
    if stopped:
        item.status = EquipmentStatus.OUT_OF_SERVICE
        audit.record(
            actor=None,
            action="equipment.stop",
            obj=item,
            changes={
                "status": [EquipmentStatus.IN_SERVICE, EquipmentStatus.OUT_OF_SERVICE],
                "reason": "failed" if entry.failed else "lapsed",
            },
        )
    profile = getattr(item, "statutory", None)
    key = profile.last_inspected_on if entry.failed and profile else entry.due_on
    if key is None or not _mark(entry, ComplianceNotice.STOPPED, key):
        return bool(stopped)
    failed = entry.failed

    def compose():
        if failed:
            subject = _("%(item)s is out of service: its inspection failed") % {"item": item}
        else:
            subject = _("%(item)s is out of service: its inspection lapsed on %(day)s") % {
                "item": item,
                "day": entry.due_on.isoformat(),
            }
        return subject, _("It may not be used until a passed inspection is recorded.")

    transaction.on_commit(
        lambda: notify.deliver(
            notify.role_holders(item.community_id, TOLD),
            compose,
            kind=notifications.STOPPED,
            about=item,
            community=item.community,
        )
    )
    return True


def compliance_sweep(today: date) -> int:
    """Send the reminders due today and stop the items whose inspection lapsed or failed;
    the number of reminders and alerts sent or items stopped."""
    done = 0
    rows = Equipment.objects.select_related("community")
    for entry in calendar_entries(rows, today):
        with transaction.atomic():
            if entry.state == LAPSED:
                done += _stop(entry)
            elif entry.state == DUE:
                done += _remind(entry, today)
    return done
