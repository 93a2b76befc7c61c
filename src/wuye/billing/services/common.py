"""What every change to a home's money starts with: the amount and reason checked, the acting
user, the home locked.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wuye.core.validators import clean_text
from wuye.estates.models import Unit

from .. import calc

MAX_AMOUNT = Decimal("99999999.99")


def checked_money(value, field: str) -> Decimal:
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


def checked_reason(reason: str) -> str:
    text = clean_text(reason or "")
    if not text:
        raise ValidationError({"reason": [_("Give a reason.")]})
    return text[:300]


def acting_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def lock_unit(unit: Unit) -> Unit:
    # Every change to a home's money takes this lock first, so balances are read and written
    # by one cashier at a time.
    return Unit.objects.select_for_update().get(pk=unit.pk)
