"""Paid repairs (有偿维修) as billed: a bill per work order and its postings to the ledger."""

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


class RepairWait(models.TextChoices):
    """Why part of a paid repair's price is not posted yet (shown as pending, 待确认)."""

    ACCEPTANCE = "acceptance", _("Pending acceptance")
    APPROVAL = "approval", _("Pending approval")


class RepairBill(models.Model):
    """What a paid repair (有偿维修) comes to for a home, kept by the service desk.

    `amount` is the sum of the work order's current priced items, set whenever the work is
    resolved. What of it is posted to the ledger is the sum of the bill's postings (further
    charges and credit notes, never edits); the rest is pending while `waiting_for` says why.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="repair_bills", verbose_name=_("home")
    )
    # The order in the service desk (the layer above billing, so no foreign key).
    work_order_id = models.PositiveBigIntegerField(_("work order id"))
    number = models.CharField(_("work-order number"), max_length=32)
    amount = models.DecimalField(_("amount"), **MONEY)
    waiting_for = models.CharField(
        _("waiting for"), max_length=10, choices=RepairWait.choices, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("repair bill")
        verbose_name_plural = _("repair bills")
        ordering = ["community_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="repair_bill_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="repair_bill_not_negative"),
        ]
        indexes = [
            models.Index(
                fields=["community", "unit"],
                condition=~Q(waiting_for=""),
                name="repair_bill_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class RepairPosting(AppendOnly):
    """One posting of a repair bill to the ledger: the first charge, a further charge
    (positive, with its charge) or a credit note (negative). Numbered per bill, once each."""

    bill = models.ForeignKey(
        RepairBill, on_delete=models.PROTECT, related_name="postings", verbose_name=_("bill")
    )
    seq = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount"), **MONEY)
    charge = models.OneToOneField(
        Charge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_posting",
        verbose_name=_("charge"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("repair posting")
        verbose_name_plural = _("repair postings")
        ordering = ["bill_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "seq"], name="repair_posting_once"),
            models.CheckConstraint(condition=~Q(amount=0), name="repair_posting_not_zero"),
            models.CheckConstraint(
                condition=Q(amount__lt=0) | Q(charge__isnull=False),
                name="repair_posting_charge_has_charge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id}/{self.seq} · {self.amount}"
