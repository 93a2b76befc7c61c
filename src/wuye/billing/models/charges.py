"""Charges (应收): what a home owes for a fee item and period, or for a one-off event."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import AppendOnly, Community
from wuye.estates.models import Unit

from .fees import FeeItem
from .fields import MONEY
from .runs import BillRun


class Charge(AppendOnly):
    """A receivable (应收): what a home owes for one fee item and period."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="charges", verbose_name=_("home")
    )
    fee_item = models.ForeignKey(
        FeeItem, on_delete=models.PROTECT, related_name="charges", verbose_name=_("fee item")
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    amount = models.DecimalField(_("amount"), **MONEY)
    due_date = models.DateField(_("due"))
    bill_run = models.ForeignKey(
        BillRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        verbose_name=_("bill run"),
    )
    source_ref = models.CharField(
        _("source"),
        max_length=64,
        blank=True,
        help_text=_("What a one-off charge comes from, e.g. a paid repair's work order."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["due_date", "period", "id"]
        constraints = [
            # Re-running a bill run adds nothing: one charge per home, fee item and period.
            models.UniqueConstraint(
                fields=["unit", "fee_item", "period"],
                condition=Q(source_ref=""),
                name="charge_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["community", "source_ref"],
                condition=~Q(source_ref=""),
                name="charge_once_per_source",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="charge_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["community", "period", "fee_item"]),
            models.Index(fields=["community", "due_date"]),
            models.Index(fields=["unit", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.amount}"
