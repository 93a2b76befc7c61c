"""Deposits (押金): taken with a receipt, held apart from the fees, given back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text
from wuye.estates.models import Unit

from ..models import (
    Account,
    Deposit,
    EntryKind,
    LedgerEntry,
    PaymentMethod,
)
from .common import acting_user, checked_money, lock_unit
from .payments import receipt_number_next


@transaction.atomic
def deposit_take(*, unit: Unit, purpose: str, amount, method: str, actor) -> Deposit:
    """Take a deposit (e.g. for a renovation), held apart from the home's fees, with a receipt."""
    policy.require_perm(actor, "billing.collect", unit.community_id)
    amount = checked_money(amount, "amount")
    purpose = clean_text(purpose or "")
    if not purpose:
        raise ValidationError({"purpose": [_("Say what the deposit is for.")]})
    if method not in PaymentMethod.values:
        raise ValidationError({"method": [_("Choose a payment method.")]})
    unit = lock_unit(unit)
    community = Community.objects.get(pk=unit.community_id)
    deposit = Deposit.objects.create(
        community=community,
        unit=unit,
        purpose=purpose[:200],
        amount=amount,
        method=method,
        receipt_number=receipt_number_next(community, timezone.localdate().year),
        taken_by=acting_user(actor),
    )
    LedgerEntry.objects.create(
        community=community,
        unit=unit,
        account=Account.DEPOSIT,
        kind=EntryKind.DEPOSIT_IN,
        amount=-amount,
        reason=purpose[:300],
        actor=acting_user(actor),
    )
    audit.record(actor=actor, action="deposit.take", obj=deposit, changes={"amount": str(amount)})
    return deposit


@transaction.atomic
def deposit_refund(*, deposit: Deposit, actor) -> Deposit:
    """Give a held deposit back (a manager's decision)."""
    policy.require_perm(actor, "billing.approve", deposit.community_id)
    unit = lock_unit(deposit.unit)
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
        actor=acting_user(actor),
    )
    deposit.status = Deposit.Status.REFUNDED
    deposit.refunded_at, deposit.refunded_by = timezone.now(), acting_user(actor)
    deposit.save(update_fields=["status", "refunded_at", "refunded_by"])
    audit.record(actor=actor, action="deposit.refund", obj=deposit)
    return deposit
