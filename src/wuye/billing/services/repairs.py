"""Paid repairs (有偿维修) on a home's bill: pending from resolution, posted once accepted.

The service desk tells billing what a work order's priced items come to (`repair_bill_set`)
each time the work is resolved, and asks for the difference to be posted (`repair_bill_post`)
when the owner has accepted the work, a supervisor has approved items off the price list,
or at once where the community posts at resolution. A posting is a further charge or a
credit note, numbered per bill: posting again with nothing changed adds nothing, and the
bill's row lock and unique numbers keep two requests from posting the same difference.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit
from wuye.core.validators import clean_text
from wuye.estates.models import Unit

from .. import calc
from ..models import (
    Account,
    AppliesTo,
    Charge,
    EntryKind,
    FeeItem,
    FeeKind,
    FeeMethod,
    LedgerEntry,
    RepairBill,
    RepairPosting,
    RepairWait,
)
from .common import acting_user, checked_money, lock_unit
from .ledger import outstanding_charges

REPAIR_FEE_CODE = "REPAIR"


def repair_fee_item(community_id: int, on) -> FeeItem:
    """The community's repair fee item, made on first use. It has no name of its own: bills
    show its kind, 维修费 in Chinese and "Repair charges" in English."""
    item, _created = FeeItem.objects.get_or_create(
        community_id=community_id,
        code=REPAIR_FEE_CODE,
        defaults={
            "name": "",
            "kind": FeeKind.REPAIR,
            "method": FeeMethod.ONE_OFF,
            "unit_price": Decimal(0),
            "start_date": on,
            "applies_to": AppliesTo.UNITS,
            "auto_pay_from_prepaid": False,
        },
    )
    return item


@transaction.atomic
def repair_charge_post(
    *,
    unit: Unit,
    amount,
    source_ref: str,
    description: str = "",
    actor=None,
    at: datetime | None = None,
) -> Charge:
    """Put a paid repair's price on the home as a 维修费 charge, exactly once per `source_ref`.

    Calling it again with the same reference returns the first charge.
    """
    amount = checked_money(amount, "amount")
    if not source_ref or len(source_ref) > 64:
        raise ValidationError({"source_ref": [_("Name the repair this charge comes from.")]})
    existing = Charge.objects.filter(community_id=unit.community_id, source_ref=source_ref).first()
    if existing is not None:
        return existing
    at = at or timezone.now()
    day = timezone.localdate(at)
    item = repair_fee_item(unit.community_id, day)
    try:
        with transaction.atomic():
            charge = Charge.objects.create(
                community_id=unit.community_id,
                unit=unit,
                fee_item=item,
                period=f"{day:%Y-%m}",
                period_start=day,
                period_end=day,
                amount=amount,
                due_date=day,
                source_ref=source_ref,
                description=clean_text(description or "")[:200],
                created_at=at,
            )
    except IntegrityError:
        return Charge.objects.get(community_id=unit.community_id, source_ref=source_ref)
    LedgerEntry.objects.create(
        community_id=unit.community_id,
        unit=unit,
        account=Account.RECEIVABLE,
        kind=EntryKind.CHARGE,
        amount=amount,
        charge=charge,
        actor=acting_user(actor),
        at=at,
    )
    audit.record(actor=actor, action="charge.repair", obj=charge, changes={"source": source_ref})
    return charge


def posted(bill: RepairBill) -> Decimal:
    """What of the bill is on the ledger: its charges less its credit notes."""
    return calc.cents(bill.postings.aggregate(total=Sum("amount"))["total"])


@transaction.atomic
def repair_bill_set(
    *,
    unit: Unit,
    work_order_id: int,
    number: str,
    amount,
    waiting_for: str,
    actor=None,
    at: datetime | None = None,
) -> RepairBill:
    """Record what the work order's priced items come to now (the service desk calls this
    when the work is resolved and when its items are approved), and why the difference to
    what is posted waits (`RepairWait`, or "" when it is to be posted now)."""
    amount = Decimal(amount).quantize(calc.CENT)
    if amount < 0:
        raise ValidationError({"amount": [_("Enter an amount of zero or more.")]})
    if waiting_for not in ("", *RepairWait.values):
        raise ValidationError({"waiting_for": [_("Say what the charge waits for.")]})
    at = at or timezone.now()
    bill, created = RepairBill.objects.select_for_update().get_or_create(
        community_id=unit.community_id,
        number=number,
        defaults={
            "unit": unit,
            "work_order_id": work_order_id,
            "amount": amount,
            "waiting_for": waiting_for,
            "updated_at": at,
        },
    )
    if not created:
        if (bill.amount, bill.waiting_for) == (amount, waiting_for):
            return bill
        bill.amount, bill.waiting_for, bill.updated_at = amount, waiting_for, at
        bill.save(update_fields=["amount", "waiting_for", "updated_at"])
    audit.record(
        actor=actor,
        action="repair_bill.set",
        obj=bill,
        changes={"amount": str(amount), "waiting_for": waiting_for},
    )
    return bill


def _source_ref(bill: RepairBill, seq: int) -> str:
    # The first charge keeps the reference paid repairs have always had.
    return f"work-order:{bill.number}" if seq == 1 else f"work-order:{bill.number}/{seq}"


@transaction.atomic
def repair_bill_post(
    *, bill: RepairBill, actor=None, at: datetime | None = None
) -> RepairPosting | None:
    """Post what the bill comes to beyond what is posted: a further charge, or a credit
    note for what rework took off (against the bill's charges still owed; what was already
    paid goes to the home's prepaid balance). None when nothing differs."""
    at = at or timezone.now()
    unit = lock_unit(bill.unit)
    bill = RepairBill.objects.select_for_update().get(pk=bill.pk)
    difference = bill.amount - posted(bill)
    if bill.waiting_for:
        bill.waiting_for = ""
        bill.save(update_fields=["waiting_for"])
    if difference == 0:
        return None
    seq = bill.postings.count() + 1
    charge = None
    if difference > 0:
        charge = repair_charge_post(
            unit=unit,
            amount=difference,
            source_ref=_source_ref(bill, seq),
            description=bill.number,
            actor=actor,
            at=at,
        )
    else:
        _credit_note(bill, unit, -difference, actor=actor, at=at)
    posting = RepairPosting.objects.create(
        bill=bill, seq=seq, amount=difference, charge=charge, at=at, actor=acting_user(actor)
    )
    audit.record(
        actor=actor, action="repair_bill.post", obj=bill, changes={"amount": str(difference)}
    )
    return posting


def _credit_note(bill: RepairBill, unit: Unit, credit: Decimal, *, actor, at) -> None:
    """Take `credit` off the bill's charges still owed, newest first; the rest was paid
    already and goes to the prepaid balance."""
    owed = outstanding_charges(unit.pk).filter(
        Q(source_ref=f"work-order:{bill.number}")
        | Q(source_ref__startswith=f"work-order:{bill.number}/")
    )
    owing = [(c, calc.cents(c.outstanding)) for c in reversed(list(owed))]
    parts, rest = calc.allocate(credit, owing)
    common = {
        "community_id": bill.community_id,
        "unit": unit,
        "kind": EntryKind.CREDIT,
        "reason": bill.number,
        "actor": acting_user(actor),
        "at": at,
    }
    entries = [
        LedgerEntry(**common, account=Account.RECEIVABLE, amount=-p.amount, charge=p.charge)
        for p in parts
    ]
    if rest > 0:
        entries.append(LedgerEntry(**common, account=Account.PREPAID, amount=-rest))
    LedgerEntry.objects.bulk_create(entries)
