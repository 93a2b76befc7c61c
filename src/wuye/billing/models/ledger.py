"""The append-only ledger: every movement on a home's accounts (owed, prepaid, deposits)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import AppendOnly, Community
from wuye.estates.models import Unit

from .charges import Charge
from .fields import MONEY
from .payments import Payment


class Account(models.TextChoices):
    RECEIVABLE = "receivable", _("Owed")
    PREPAID = "prepaid", _("Prepaid")
    DEPOSIT = "deposit", _("Deposit")


class EntryKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    ALLOCATION = "allocation", _("Payment allocated")
    DISCOUNT = "discount", _("Discount")
    LATE_FEE = "late_fee", _("Late fee")
    WAIVER = "waiver", _("Waiver")
    PREPAID_IN = "prepaid_in", _("Paid into the prepaid balance")
    PREPAID_OUT = "prepaid_out", _("Paid from the prepaid balance")
    REFUND = "refund", _("Refund")
    VOID = "void", _("Void")
    CREDIT = "credit", _("Credit note")
    DEPOSIT_IN = "deposit_in", _("Deposit taken")
    DEPOSIT_OUT = "deposit_out", _("Deposit refunded")


class LedgerEntry(AppendOnly):
    """One movement on a home's accounts. Signed: positive is owed by the home.

    Owed (receivable) = charges + late fees − allocations − discounts − waivers; the prepaid
    balance is the negated sum of the prepaid account; deposits are held on their own account.
    A void adds the negation of each entry it reverses.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("home")
    )
    account = models.CharField(_("account"), max_length=10, choices=Account.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    charge = models.ForeignKey(
        Charge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("charge"),
    )
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("payment"),
    )
    reverses = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reverses"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]
        indexes = [
            models.Index(fields=["community", "unit", "account"]),
            models.Index(fields=["community", "kind", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
