"""Payments (实收) and their receipts: taken, voided, printed.

A payment is one transaction that locks the home, checks the policy, puts the money on the
oldest charges (the rest on the prepaid balance) and writes ledger entries and the audit trail;
a void adds reversing entries, never edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Relation, Residency, Unit

from .. import calc, providers
from ..models import (
    Account,
    Allocation,
    BillingSettings,
    EntryKind,
    LedgerEntry,
    Payment,
    PaymentMethod,
    ReceiptCounter,
)
from ..pricing import monthly_fees
from .common import acting_user, checked_money, checked_reason, lock_unit
from .ledger import balances, outstanding_charges

MAX_PREPAID_MONTHS = 12
PAYER_LENGTH = Payment._meta.get_field("payer_name").max_length


class IdempotencyConflict(Exception):
    """The idempotency key was used before for a different request."""


def owners_named(unit: Unit, on: date) -> str:
    """The home's owners on a day, as a receipt names them: 张三、李四."""
    names = (
        Residency.objects.current(on)
        .filter(unit=unit, relation=Relation.OWNER)
        .order_by("resident__name")
        .values_list("resident__name", flat=True)
    )
    return "、".join(names)[:PAYER_LENGTH]


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
    amount = checked_money(amount, "amount")
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
    unit = lock_unit(unit)
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
                {"charge_ids": [not_found(_("Choose charges of this home that are still owed."))]}
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
                        conflict(
                            _(
                                "This would prepay more than %(months)s months of this home's "
                                "fees (at most ¥%(limit)s in advance)."
                            )
                            % {"months": MAX_PREPAID_MONTHS, "limit": calc.to_cents(limit)}
                        )
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
                cashier=acting_user(actor),
                payer_name=payer or owners_named(unit, timezone.localdate(now)),
            )
    except IntegrityError:
        # The same key, sent at the same moment for another home of the community.
        earlier = Payment.objects.filter(community=community, idempotency_key=idempotency_key)
        if idempotency_key and earlier.exists():
            return _same_request(earlier.get(), digest), False
        raise
    common = {"community": community, "unit": unit, "payment": payment, "actor": acting_user(actor)}
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
    reason = checked_reason(reason)
    unit = lock_unit(payment.unit)
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
                actor=acting_user(actor),
                at=now,
            )
            for e in originals
        ]
    )
    payment.status = Payment.Status.VOID
    payment.void_reason, payment.voided_at, payment.voided_by = reason, now, acting_user(actor)
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
