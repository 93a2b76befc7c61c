"""Money taken and given back: payments, voids, waivers, late fees, refunds, deposits.

Each function is one transaction that locks the home it changes, checks the policy, writes
ledger entries (never edits them) and the audit trail. Bill runs live in `runs`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text
from wuye.estates.models import Relation, Residency, Unit

from . import calc, providers
from .models import (
    Account,
    Allocation,
    BillingSettings,
    Charge,
    Deposit,
    EntryKind,
    LedgerEntry,
    Payment,
    PaymentMethod,
    ReceiptCounter,
    Refund,
)
from .pricing import monthly_fees

MAX_PREPAID_MONTHS = 12
MAX_AMOUNT = Decimal("99999999.99")
PAYER_LENGTH = Payment._meta.get_field("payer_name").max_length


class IdempotencyConflict(Exception):
    """The idempotency key was used before for a different request."""


# ---- balances --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Balances:
    owed: Decimal  # receivable: what the home still owes
    prepaid: Decimal  # 预存: credit waiting for new charges
    deposits: Decimal  # held apart, returned when refunded


def balances(unit_id: int) -> Balances:
    """A home's balances: each is the sum of its ledger entries on that account."""
    sums = LedgerEntry.objects.filter(unit_id=unit_id).aggregate(
        owed=Sum("amount", filter=Q(account=Account.RECEIVABLE)),
        prepaid=Sum("amount", filter=Q(account=Account.PREPAID)),
        deposits=Sum("amount", filter=Q(account=Account.DEPOSIT)),
    )
    return Balances(
        owed=calc.cents(sums["owed"]),
        prepaid=-calc.cents(sums["prepaid"]),
        deposits=-calc.cents(sums["deposits"]),
    )


def outstanding_charges(unit_id: int):
    """The home's charges that still owe something, oldest due first, with `outstanding`."""
    return (
        Charge.objects.filter(unit_id=unit_id)
        .annotate(outstanding=Sum("entries__amount", filter=Q(entries__account=Account.RECEIVABLE)))
        .filter(outstanding__gte=calc.HALF_CENT)  # SQLite sums floats: 1e-15 is nothing owed
        .order_by("due_date", "period", "pk")
    )


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter an amount such as 98.50.")]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [_("Enter an amount in yuan with at most two decimals.")]})
    if amount <= 0:
        raise ValidationError({field: [_("Enter an amount greater than zero.")]})
    # Checked before rounding: an amount too large for the cents' precision cannot round.
    if amount > MAX_AMOUNT:
        raise ValidationError({field: [_("This amount is too large.")]})
    if amount != amount.quantize(calc.CENT):
        raise ValidationError({field: [_("Enter an amount in yuan with at most two decimals.")]})
    return amount.quantize(calc.CENT)


def _reason(reason: str) -> str:
    text = clean_text(reason or "")
    if not text:
        raise ValidationError({"reason": [_("Give a reason.")]})
    return text[:300]


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def owners_named(unit: Unit, on: date) -> str:
    """The home's owners on a day, as a receipt names them: 张三、李四."""
    names = (
        Residency.objects.current(on)
        .filter(unit=unit, relation=Relation.OWNER)
        .order_by("resident__name")
        .values_list("resident__name", flat=True)
    )
    return "、".join(names)[:PAYER_LENGTH]


def _lock_unit(unit: Unit) -> Unit:
    # Every change to a home's money takes this lock first, so balances are read and written
    # by one cashier at a time.
    return Unit.objects.select_for_update().get(pk=unit.pk)


# ---- receipts --------------------------------------------------------------------------------


def receipt_number_next(community: Community, year: int) -> str:
    """The next receipt number of the community and year (e.g. BDX-2026-000123).

    Gap-free and never reused: the counter row is locked until the caller's transaction
    ends, and a rolled-back payment rolls its number back with it.
    """
    table = connection.ops.quote_name(ReceiptCounter._meta.db_table)
    with connection.cursor() as cursor:
        # one statement takes the number and keeps the counter's row locked until the end
        cursor.execute(
            f"INSERT INTO {table} (community_id, year, last) VALUES (%s, %s, 1)"
            f" ON CONFLICT (community_id, year) DO UPDATE SET last = {table}.last + 1"
            " RETURNING last",
            [community.pk, year],
        )
        (last,) = cursor.fetchone()
    return f"{community.code}-{year}-{last:06d}"


# ---- payments --------------------------------------------------------------------------------


def _request_digest(unit_id: int, amount: Decimal, method: str, charge_ids) -> str:
    body = {
        "unit_id": unit_id,
        "amount": str(amount),
        "method": method,
        "charge_ids": sorted(charge_ids) if charge_ids is not None else None,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _same_request(payment: Payment, digest: str) -> Payment:
    if payment.request_digest != digest:
        raise IdempotencyConflict(
            _("This idempotency key was already used for a different payment.")
        )
    return payment


@transaction.atomic
def payment_record(
    *,
    unit: Unit,
    amount,
    method: str,
    actor,
    idempotency_key: str | None = None,
    charge_ids: Sequence[int] | None = None,
    provider: str = "offline",
    provider_reference: str = "",
    payer: str = "",
) -> tuple[Payment, bool]:
    """Take a payment for a home and put it on its charges; returns (payment, created).

    Charges are paid oldest first, or only those chosen (still oldest first); what is left
    goes to the prepaid balance, which may not exceed twelve months of the home's fees. A
    repeated request with the same idempotency key returns the first payment; the same key
    with a different request raises IdempotencyConflict. The receipt names `payer` (交款人),
    or the home's owners when no one is named.
    """
    policy.require_perm(actor, "billing.collect", unit.community_id)
    amount = _money(amount, "amount")
    if method not in PaymentMethod.values:
        raise ValidationError({"method": [_("Choose a payment method.")]})
    payer = clean_text(payer or "")
    if len(payer) > PAYER_LENGTH:
        raise ValidationError(
            {
                "payer": [
                    _("Write the payer's name in at most %(n)s characters.") % {"n": PAYER_LENGTH}
                ]
            }
        )
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 64:
        raise ValidationError(
            {"idempotency_key": [_("Send an idempotency key of 1 to 64 characters.")]}
        )
    providers.confirm(provider, reference=provider_reference, amount=amount)
    digest = _request_digest(unit.pk, amount, method, charge_ids)
    community = Community.objects.get(pk=unit.community_id)
    if idempotency_key:
        earlier = Payment.objects.filter(
            community=community, idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return _same_request(earlier, digest), False
    unit = _lock_unit(unit)
    if idempotency_key:
        # Asked again now that this home is ours: a twin request may have just committed.
        earlier = Payment.objects.filter(
            community=community, idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return _same_request(earlier, digest), False

    due = list(outstanding_charges(unit.pk))
    if charge_ids is not None:
        chosen = set(charge_ids)
        unknown = chosen - {c.pk for c in due}
        if unknown or not chosen:
            raise ValidationError(
                {"charge_ids": [_("Choose charges of this home that are still owed.")]}
            )
        due = [c for c in due if c.pk in chosen]
    parts, excess = calc.allocate(amount, [(c, calc.cents(c.outstanding)) for c in due])
    discount, discount_reason = calc.ZERO, ""
    if excess > 0:
        monthly = monthly_fees(unit, timezone.localdate())
        limit = monthly * MAX_PREPAID_MONTHS
        discount, discount_reason = _prepayment_discount(community, monthly, excess)
        if balances(unit.pk).prepaid + excess + discount > limit:
            raise ValidationError(
                {
                    "amount": [
                        _(
                            "This would prepay more than %(months)s months of this home's fees "
                            "(at most ¥%(limit)s in advance)."
                        )
                        % {"months": MAX_PREPAID_MONTHS, "limit": calc.to_cents(limit)}
                    ]
                }
            )
    now = timezone.now()
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                community=community,
                unit=unit,
                amount=amount,
                method=method,
                provider=provider,
                provider_reference=provider_reference,
                idempotency_key=idempotency_key or None,
                request_digest=digest,
                receipt_number=receipt_number_next(community, timezone.localdate(now).year),
                received_at=now,
                cashier=_actor(actor),
                payer_name=payer or owners_named(unit, timezone.localdate(now)),
            )
    except IntegrityError:
        # The same key, sent at the same moment for another home of the community.
        earlier = Payment.objects.filter(community=community, idempotency_key=idempotency_key)
        if idempotency_key and earlier.exists():
            return _same_request(earlier.get(), digest), False
        raise
    common = {"community": community, "unit": unit, "payment": payment, "actor": _actor(actor)}
    Allocation.objects.bulk_create(
        [Allocation(payment=payment, charge=p.charge, amount=p.amount) for p in parts]
    )
    entries = [
        LedgerEntry(
            **common,
            account=Account.RECEIVABLE,
            kind=EntryKind.ALLOCATION,
            amount=-p.amount,
            charge=p.charge,
            at=now,
        )
        for p in parts
    ]
    if excess > 0:
        entries.append(
            LedgerEntry(
                **common, account=Account.PREPAID, kind=EntryKind.PREPAID_IN, amount=-excess, at=now
            )
        )
    if discount > 0:
        entries.append(
            LedgerEntry(
                **common,
                account=Account.PREPAID,
                kind=EntryKind.DISCOUNT,
                amount=-discount,
                reason=discount_reason,
                at=now,
            )
        )
    LedgerEntry.objects.bulk_create(entries)
    changes = {"amount": str(amount), "method": method, "prepaid": str(excess)}
    if discount > 0:
        changes["discount"] = str(discount)
    audit.record(actor=actor, action="payment.record", obj=payment, changes=changes)
    return payment, True


def _prepayment_discount(
    community: Community, monthly: Decimal, prepaid: Decimal
) -> tuple[Decimal, str]:
    """The community's prepayment discount (e.g. twelve months ahead, 5 per cent off) earned by
    putting `prepaid` on the balance, with its reason; nothing unless it pays for the months
    at the discounted price."""
    rules = BillingSettings.objects.filter(community=community).first()
    if rules is None or rules.prepay_discount_percent <= 0 or monthly <= 0:
        return calc.ZERO, ""
    months = rules.prepay_discount_months
    full = monthly * months
    discount = calc.prepayment_discount(
        full, months, min_months=months, percent=rules.prepay_discount_percent
    )
    if discount <= 0 or prepaid < full - discount:
        return calc.ZERO, ""
    reason = _("Prepayment discount: %(months)s months paid ahead, %(percent)s per cent off.") % {
        "months": months,
        "percent": f"{rules.prepay_discount_percent:f}".rstrip("0").rstrip("."),
    }
    return discount, reason


def prepaid_added(payment: Payment) -> Decimal:
    """What the payment put on the prepaid balance."""
    total = payment.entries.filter(kind=EntryKind.PREPAID_IN).aggregate(s=Sum("amount"))["s"]
    return -calc.cents(total)


@transaction.atomic
def payment_void(*, payment: Payment, reason: str, actor) -> Payment:
    """Void a payment: every allocation and prepaid credit it made is reversed by a new entry.

    The receipt number stays with the voided payment and is never given again.
    """
    policy.require_perm(actor, "billing.void", payment.community_id)
    reason = _reason(reason)
    unit = _lock_unit(payment.unit)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status == Payment.Status.VOID:
        raise ValidationError({"payment": [_("This payment is already void.")]})
    originals = list(payment.entries.exclude(kind=EntryKind.VOID))
    credit = -sum((e.amount for e in originals if e.account == Account.PREPAID), calc.ZERO)
    if credit > balances(unit.pk).prepaid:
        raise ValidationError(
            {
                "payment": [
                    _(
                        "Part of this payment's prepaid credit has paid later charges; "
                        "refund or settle those first."
                    )
                ]
            }
        )
    now = timezone.now()
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                community_id=payment.community_id,
                unit=unit,
                account=e.account,
                kind=EntryKind.VOID,
                amount=-e.amount,
                charge_id=e.charge_id,
                payment=payment,
                reverses=e,
                reason=reason,
                actor=_actor(actor),
                at=now,
            )
            for e in originals
        ]
    )
    payment.status = Payment.Status.VOID
    payment.void_reason, payment.voided_at, payment.voided_by = reason, now, _actor(actor)
    payment.save(update_fields=["status", "void_reason", "voided_at", "voided_by"])
    audit.record(actor=actor, action="payment.void", obj=payment, changes={"reason": reason})
    return payment


@transaction.atomic
def receipt_print(*, payment: Payment, actor) -> bool:
    """Count a printing of the receipt; returns True when it is a reprint (a copy, 副本)."""
    policy.require_perm(actor, "billing.view", payment.community_id)
    Payment.objects.filter(pk=payment.pk).update(receipt_prints=F("receipt_prints") + 1)
    prints = Payment.objects.values_list("receipt_prints", flat=True).get(pk=payment.pk)
    return prints > 1


# ---- waivers, discounts, late fees -------------------------------------------------------------


@transaction.atomic
def charge_waive(
    *, charge: Charge, amount, reason: str, actor, kind: str = EntryKind.WAIVER
) -> LedgerEntry:
    """Waive (or discount) part of what a charge still owes; a manager's decision, with reason."""
    policy.require_perm(actor, "billing.approve", charge.community_id)
    if kind not in (EntryKind.WAIVER, EntryKind.DISCOUNT):
        raise ValidationError({"kind": [_("Choose a waiver or a discount.")]})
    amount = _money(amount, "amount")
    reason = _reason(reason)
    unit = _lock_unit(charge.unit)
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
        actor=_actor(actor),
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


# ---- refunds and deposits --------------------------------------------------------------------


@transaction.atomic
def refund_request(*, unit: Unit, amount, reason: str, actor) -> Refund:
    """Ask to pay back part of a home's prepaid balance; a manager approves it."""
    policy.require_perm(actor, "billing.collect", unit.community_id)
    amount = _money(amount, "amount")
    reason = _reason(reason)
    unit = _lock_unit(unit)
    if amount > balances(unit.pk).prepaid:
        raise ValidationError({"amount": [_("This is more than the home's prepaid balance.")]})
    refund = Refund.objects.create(
        community_id=unit.community_id,
        unit=unit,
        amount=amount,
        reason=reason,
        requested_by=actor,
    )
    audit.record(actor=actor, action="refund.request", obj=refund, changes={"amount": str(amount)})
    return refund


@transaction.atomic
def refund_decide(*, refund: Refund, approve: bool, actor) -> Refund:
    """A manager approves (the money leaves the prepaid balance) or rejects a refund."""
    policy.require_perm(actor, "billing.approve", refund.community_id)
    unit = _lock_unit(refund.unit)
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != Refund.Status.REQUESTED:
        raise ValidationError({"refund": [_("This refund has already been decided.")]})
    if approve:
        if refund.amount > balances(unit.pk).prepaid:
            raise ValidationError({"amount": [_("This is more than the home's prepaid balance.")]})
        LedgerEntry.objects.create(
            community_id=refund.community_id,
            unit=unit,
            account=Account.PREPAID,
            kind=EntryKind.REFUND,
            amount=refund.amount,
            reason=refund.reason,
            actor=_actor(actor),
        )
    refund.status = Refund.Status.APPROVED if approve else Refund.Status.REJECTED
    refund.decided_by, refund.decided_at = actor, timezone.now()
    refund.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor=actor, action=f"refund.{refund.status}", obj=refund)
    return refund


@transaction.atomic
def deposit_take(*, unit: Unit, purpose: str, amount, method: str, actor) -> Deposit:
    """Take a deposit (e.g. for a renovation), held apart from the home's fees, with a receipt."""
    policy.require_perm(actor, "billing.collect", unit.community_id)
    amount = _money(amount, "amount")
    purpose = clean_text(purpose or "")
    if not purpose:
        raise ValidationError({"purpose": [_("Say what the deposit is for.")]})
    if method not in PaymentMethod.values:
        raise ValidationError({"method": [_("Choose a payment method.")]})
    unit = _lock_unit(unit)
    community = Community.objects.get(pk=unit.community_id)
    deposit = Deposit.objects.create(
        community=community,
        unit=unit,
        purpose=purpose[:200],
        amount=amount,
        method=method,
        receipt_number=receipt_number_next(community, timezone.localdate().year),
        taken_by=_actor(actor),
    )
    LedgerEntry.objects.create(
        community=community,
        unit=unit,
        account=Account.DEPOSIT,
        kind=EntryKind.DEPOSIT_IN,
        amount=-amount,
        reason=purpose[:300],
        actor=_actor(actor),
    )
    audit.record(actor=actor, action="deposit.take", obj=deposit, changes={"amount": str(amount)})
    return deposit


@transaction.atomic
def deposit_refund(*, deposit: Deposit, actor) -> Deposit:
    """Give a held deposit back (a manager's decision)."""
    policy.require_perm(actor, "billing.approve", deposit.community_id)
    unit = _lock_unit(deposit.unit)
    deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
    if deposit.status != Deposit.Status.HELD:
        raise ValidationError({"deposit": [_("This deposit has already been refunded.")]})
    LedgerEntry.objects.create(
        community_id=deposit.community_id,
        unit=unit,
        account=Account.DEPOSIT,
        kind=EntryKind.DEPOSIT_OUT,
        amount=deposit.amount,
        reason=deposit.purpose,
        actor=_actor(actor),
    )
    deposit.status = Deposit.Status.REFUNDED
    deposit.refunded_at, deposit.refunded_by = timezone.now(), _actor(actor)
    deposit.save(update_fields=["status", "refunded_at", "refunded_by"])
    audit.record(actor=actor, action="deposit.refund", obj=deposit)
    return deposit
