"""Charges reduced or raised after the bill run: waivers and discounts, late fees."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community

from .. import calc
from ..models import (
    Account,
    BillingSettings,
    Charge,
    EntryKind,
    LedgerEntry,
)
from .common import acting_user, checked_money, checked_reason, lock_unit
from .ledger import outstanding_charges


@transaction.atomic
def charge_waive(
    *, charge: Charge, amount, reason: str, actor, kind: str = EntryKind.WAIVER
) -> LedgerEntry:
    """Waive (or discount) part of what a charge still owes; a manager's decision, with reason."""
    policy.require_perm(actor, "billing.approve", charge.community_id)
    if kind not in (EntryKind.WAIVER, EntryKind.DISCOUNT):
        raise ValidationError({"kind": [_("Choose a waiver or a discount.")]})
    amount = checked_money(amount, "amount")
    reason = checked_reason(reason)
    unit = lock_unit(charge.unit)
    owed = outstanding_charges(unit.pk).filter(pk=charge.pk).first()
    if owed is None or amount > calc.cents(owed.outstanding):
        raise ValidationError({"amount": [_("This is more than the charge still owes.")]})
    entry = LedgerEntry.objects.create(
        community_id=charge.community_id,
        unit=unit,
        account=Account.RECEIVABLE,
        kind=kind,
        amount=-amount,
        charge=charge,
        reason=reason,
        actor=acting_user(actor),
    )
    audit.record(actor=actor, action=f"charge.{kind}", obj=charge, changes={"amount": str(amount)})
    return entry


def late_fees_assess(*, community: Community, on: date | None = None) -> int:
    """Bring the late fees of overdue charges up to date; only where the community has them on.

    The fee on a charge is recomputed from its unpaid principal and days late, and only the
    difference to what was charged before is added, so running it twice adds nothing.
    Returns how many entries were added.
    """
    rules = BillingSettings.objects.filter(community=community, late_fee_enabled=True).first()
    if rules is None:
        return 0
    on = on or timezone.localdate()
    overdue = (
        Charge.objects.filter(community=community, due_date__lt=on)
        .annotate(
            principal=Sum(
                "entries__amount",
                filter=Q(entries__account=Account.RECEIVABLE)
                & ~Q(entries__kind=EntryKind.LATE_FEE),
            ),
            charged=Sum("entries__amount", filter=Q(entries__kind=EntryKind.LATE_FEE)),
        )
        .filter(principal__gte=calc.HALF_CENT)
        .values_list("pk", "unit_id", "due_date", "principal", "charged")
    )
    entries = []
    for pk, unit_id, due, principal, charged in overdue:
        fee = calc.late_fee(
            calc.cents(principal),
            (on - due).days,
            daily_rate=rules.late_fee_daily_rate,
            grace_days=rules.late_fee_grace_days,
            cap_percent=rules.late_fee_cap_percent,
        )
        extra = fee - calc.cents(charged)
        if extra > 0:
            entries.append(
                LedgerEntry(
                    community=community,
                    unit_id=unit_id,
                    account=Account.RECEIVABLE,
                    kind=EntryKind.LATE_FEE,
                    amount=extra,
                    charge_id=pk,
                )
            )
    with transaction.atomic():
        LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)
