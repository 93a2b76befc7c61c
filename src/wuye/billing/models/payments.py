"""Payments (实收) with their receipts, and the part of each put on a charge."""

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


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    WECHAT_PAY = "wechat_pay", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")


class PaymentStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    VOID = "void", _("Void")


class Payment(models.Model):
    """Money received for a home (实收), with its receipt. Voided, never deleted."""

    Status = PaymentStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="payments", verbose_name=_("home")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    # 交款人: who handed the money over, printed on the receipt
    payer_name = models.CharField(_("payer"), max_length=100, blank=True)
    provider = models.CharField(_("provider"), max_length=20, default="offline")
    provider_reference = models.CharField(_("provider reference"), max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    request_digest = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.POSTED
    )
    receipt_number = models.CharField(_("receipt number"), max_length=32)
    receipt_prints = models.PositiveIntegerField(_("receipts printed"), default=0)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("cashier"),
    )
    void_reason = models.CharField(_("reason for the void"), max_length=300, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "idempotency_key"], name="payment_idempotency_key_unique"
            ),
            models.UniqueConstraint(
                fields=["community", "receipt_number"], name="payment_receipt_number_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["community", "received_at"]),
            models.Index(fields=["unit", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt_number


class Allocation(AppendOnly):
    """The part of a payment put on a charge (from the prepaid balance when `payment` is empty)."""

    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("payment"),
    )
    charge = models.ForeignKey(
        Charge, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("charge")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.charge_id} ← {self.amount}"


class ReceiptCounter(models.Model):
    """The last receipt number given in a community and year; locked while a number is taken."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community_id} {self.year}: {self.last}"
