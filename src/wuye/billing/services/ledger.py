"""A home's balances and what it still owes, read from its ledger entries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from .. import calc
from ..models import (
    Account,
    Charge,
    LedgerEntry,
)


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
