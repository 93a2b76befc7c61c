"""Changes to the parcel log: receive, hand over, return, and the daily overdue reminders.

Every action checks the permission, locks the parcel, checks its state, writes the change and
its audit entry in one transaction; the household hears of it after commit.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.validators import clean_code, conflict
from wuye.estates.models import Residency, Unit

from . import notifications
from .models import WAITING, Carrier, Handover, Parcel, ParcelSettings, ParcelStatus

TRACKING_RE = re.compile(r"^[0-9A-Z]{6,40}$")
CODE_DIGITS = 6


def normalise_tracking(text: str | None) -> str:
    """A tracking number as printed on every label: upper case, no spaces or dashes.

    Refused, with the reason, unless it is 6 to 40 letters and digits."""
    number = clean_code(text).replace("-", "")
    if not TRACKING_RE.match(number):
        raise ValidationError(
            {"tracking_number": _("Enter the tracking number: 6 to 40 letters and digits.")}
        )
    return number


def _new_code(community_id: int) -> str:
    """A pick-up code no waiting parcel of the community has: six digits drawn by `secrets`,
    so nobody can work out the next one from those they have seen."""
    taken = set(
        Parcel.objects.filter(community_id=community_id, status__in=WAITING).values_list(
            "pickup_code", flat=True
        )
    )
    while True:
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        if code not in taken:
            return code


def household(unit_id: int) -> list:
    """The logins of the people living in or owning the home today."""
    user_ids = (
        Residency.objects.current()
        .filter(unit_id=unit_id, resident__user__isnull=False)
        .values("resident__user_id")
    )
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def _lines(parcel: Parcel, kind: notify.Kind) -> Callable[[], tuple[str, str]]:
    """The message in the language active when it is composed: carrier, shelf, code."""

    def compose() -> tuple[str, str]:
        lines = [
            str(kind.text),
            _("Carrier: %(carrier)s") % {"carrier": parcel.get_carrier_display()},
            _("Tracking number: %(number)s") % {"number": parcel.tracking_number},
            _("Shelf: %(shelf)s") % {"shelf": parcel.shelf or "—"},
            _("Pick-up code: %(code)s") % {"code": parcel.pickup_code},
        ]
        if parcel.addressee:
            lines.insert(1, _("Addressee: %(name)s") % {"name": parcel.addressee})
        return str(kind.text), "\n".join(lines)

    return compose


def _tell(users: list, parcel: Parcel, kind: notify.Kind) -> None:
    transaction.on_commit(
        lambda: notify.deliver(
            users, _lines(parcel, kind), kind=kind, about=parcel, community=parcel.community
        )
    )


def _locked(parcel: Parcel) -> Parcel:
    return (
        Parcel.objects.select_for_update()
        .select_related("community", "unit__building")
        .get(pk=parcel.pk)
    )


@transaction.atomic
def parcel_receive(
    *,
    actor,
    community: Community,
    unit: Unit,
    carrier: str,
    tracking_number: str,
    shelf: str = "",
    addressee: str = "",
    at: datetime | None = None,
) -> Parcel:
    """Log a parcel received for a home, give it a pick-up code and tell the household (the
    carrier, the shelf and the code). Refused when the home is of another community, or the
    same carrier's number is already on the log and not returned."""
    policy.require_perm(actor, "parcel.receive", community.pk)
    if unit.community_id != community.pk:
        raise ValidationError({"unit": _("Choose a home of this community.")})
    if carrier not in Carrier.values:
        raise ValidationError({"carrier": _("Choose a carrier from the list.")})
    number = normalise_tracking(tracking_number)
    if Parcel.objects.filter(
        ~Q(status=ParcelStatus.RETURNED),
        community=community,
        carrier=carrier,
        tracking_number=number,
    ).exists():
        raise ValidationError(
            {"tracking_number": conflict(_("This parcel is already on the log."))}
        )
    now = at or timezone.now()
    users = household(unit.pk)
    parcel = Parcel(
        community=community,
        unit=unit,
        carrier=carrier,
        tracking_number=number,
        shelf=shelf.strip(),
        addressee=addressee.strip(),
        received_at=now,
        received_by=actor,
        pickup_code=_new_code(community.pk),
        status=ParcelStatus.NOTIFIED if users else ParcelStatus.RECEIVED,
        notified_at=now if users else None,
    )
    try:
        with transaction.atomic():
            parcel.save()
    except IntegrityError as error:  # received at the same moment at another desk
        raise ValidationError(
            {"tracking_number": conflict(_("This parcel is already on the log."))}
        ) from error
    audit.record(
        actor=actor,
        action="parcel.receive",
        obj=parcel,
        changes={"unit": unit.label, "carrier": carrier, "shelf": parcel.shelf},
    )
    _tell(users, parcel, notifications.RECEIVED)
    return parcel


def _require_waiting(parcel: Parcel) -> None:
    if parcel.status == ParcelStatus.PICKED_UP:
        raise conflict(_("This parcel has already been picked up."))
    if parcel.status == ParcelStatus.RETURNED:
        raise conflict(_("This parcel has been returned to the carrier."))


@transaction.atomic
def parcel_pick_up(
    *,
    actor,
    parcel: Parcel,
    code: str = "",
    collected_by: str = "",
    at: datetime | None = None,
) -> Parcel:
    """Hand a waiting parcel over (at `at`, else now): to the resident who shows its pick-up
    code, or to a named person the desk records. A wrong code is refused and nothing
    changes."""
    parcel = _locked(parcel)
    policy.require(actor, "hand_over", parcel)
    _require_waiting(parcel)
    code, collected_by = clean_code(code), collected_by.strip()
    if code:
        if not secrets.compare_digest(code.encode(), parcel.pickup_code.encode()):
            raise ValidationError({"code": conflict(_("This is not the parcel's pick-up code."))})
        parcel.handover = Handover.CODE
    elif collected_by:
        parcel.handover = Handover.NAMED
    else:
        raise ValidationError(
            {"code": _("Enter the pick-up code, or the name of the person taking the parcel.")}
        )
    parcel.collected_by = collected_by[:100]
    parcel.status = ParcelStatus.PICKED_UP
    parcel.picked_up_at = at or timezone.now()
    parcel.picked_up_by = actor
    parcel.save(
        update_fields=["status", "picked_up_at", "picked_up_by", "handover", "collected_by"]
    )
    audit.record(
        actor=actor,
        action="parcel.pick_up",
        obj=parcel,
        # the collector's name stays on the parcel, which is purged; the trail is not
        changes={"handover": parcel.handover},
    )
    return parcel


@transaction.atomic
def parcel_return(*, actor, parcel: Parcel, reason: str) -> Parcel:
    """Send a waiting parcel back to its carrier (refused, unknown home, waited too long)."""
    parcel = _locked(parcel)
    policy.require(actor, "hand_over", parcel)
    _require_waiting(parcel)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the parcel goes back to the carrier.")})
    parcel.status = ParcelStatus.RETURNED
    parcel.returned_at = timezone.now()
    parcel.returned_by = actor
    parcel.return_reason = reason[:200]
    parcel.save(update_fields=["status", "returned_at", "returned_by", "return_reason"])
    audit.record(actor=actor, action="parcel.return", obj=parcel, changes={"reason": reason})
    return parcel


def parcels_remind_overdue(now: datetime | None = None) -> int:
    """Remind each household whose parcel has waited its community's reminder days, at most
    once a (local) day per parcel however often this runs. Returns how many were reminded."""
    now = now or timezone.now()
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    days = dict(ParcelSettings.objects.values_list("community_id", "reminder_days"))
    default_days = ParcelSettings._meta.get_field("reminder_days").default
    reminded = 0
    due = (
        Parcel.objects.filter(status__in=WAITING, received_at__lte=now - timedelta(days=1))
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=start_of_day))
        .select_related("community", "unit")
        .order_by("pk")
    )
    for parcel in due.iterator():
        wait = days.get(parcel.community_id, default_days)
        if parcel.received_at > now - timedelta(days=wait):
            continue
        with transaction.atomic():
            # Only if nobody reminded or handed it over since it was read.
            changed = Parcel.objects.filter(
                pk=parcel.pk, status__in=WAITING, last_reminded_at=parcel.last_reminded_at
            ).update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now)
            if changed:
                _tell(household(parcel.unit_id), parcel, notifications.WAITING)
                reminded += 1
    return reminded
