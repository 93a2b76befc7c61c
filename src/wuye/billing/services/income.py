"""Common-area income (公共收益) received: recorded once, voided by a negative row."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit

from ..models import CommonIncome, IncomeSource, PaymentMethod


@transaction.atomic
def common_income_record(
    *,
    community_id: int,
    source: str,
    amount: Decimal,
    method: str,
    actor=None,
    at: datetime | None = None,
    reference: str = "",
    note: str = "",
) -> CommonIncome:
    """Record money received for the common parts; the same `reference` of a source is
    recorded once (a repeat returns the first row)."""
    if source not in IncomeSource.values:
        raise ValidationError(_("Unknown source of common income."), code="source")
    if method not in PaymentMethod.values:
        raise ValidationError(_("Unknown payment method."), code="method")
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("The amount must be more than zero."), code="amount")
    if reference:
        found = CommonIncome.objects.filter(
            community_id=community_id, source=source, reference=reference, voids__isnull=True
        ).first()
        if found:
            return found
    income = CommonIncome.objects.create(
        community_id=community_id,
        source=source,
        amount=amount,
        method=method,
        at=at or timezone.now(),
        reference=reference,
        actor=actor,
        note=note,
    )
    audit.record(
        actor=actor,
        action="common_income.record",
        obj=income,
        changes={"source": source, "amount": str(amount), "method": method},
    )
    return income


@transaction.atomic
def common_income_void(*, actor, income: CommonIncome, reason: str) -> CommonIncome:
    """Cancel a row of income with a negative row naming it; voiding twice is refused."""
    if not reason.strip():
        raise ValidationError(_("Give the reason."), code="reason")
    income = CommonIncome.objects.select_for_update().get(pk=income.pk)
    if income.voids_id or CommonIncome.objects.filter(voids=income).exists():
        raise ValidationError(_("This income is already voided."), code="voided")
    void = CommonIncome.objects.create(
        community_id=income.community_id,
        source=income.source,
        amount=-income.amount,
        method=income.method,
        reference=income.reference,
        actor=actor,
        note=reason.strip()[:200],
        voids=income,
    )
    audit.record(actor=actor, action="common_income.void", obj=income, changes={"reason": reason})
    return void
