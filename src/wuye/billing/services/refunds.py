"""Refunds of a home's prepaid balance: requested by the cashier, decided by a manager."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.estates.models import Unit

from ..models import (
    Account,
    EntryKind,
    LedgerEntry,
    Refund,
)
from .common import acting_user, checked_money, checked_reason, lock_unit
from .ledger import balances


@transaction.atomic
def refund_request(*, unit: Unit, amount, reason: str, actor) -> Refund:
    """Ask to pay back part of a home's prepaid balance; a manager approves it."""
    policy.require_perm(actor, "billing.collect", unit.community_id)
    amount = checked_money(amount, "amount")
    reason = checked_reason(reason)
    unit = lock_unit(unit)
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
    unit = lock_unit(refund.unit)
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
            actor=acting_user(actor),
        )
    refund.status = Refund.Status.APPROVED if approve else Refund.Status.REJECTED
    refund.decided_by, refund.decided_at = actor, timezone.now()
    refund.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor=actor, action=f"refund.{refund.status}", obj=refund)
    return refund
