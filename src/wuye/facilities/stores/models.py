"""Spare parts (备品备件): the stock items a community keeps for its equipment, and the
append-only ledger of what came in, went out to a work order or a maintenance task, was
counted or came back. The quantity on hand is kept by the services from the ledger; it is
never edited by hand and never goes below zero."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community

QUANTITY = {"max_digits": 12, "decimal_places": 2}
MONEY = {"max_digits": 12, "decimal_places": 2}


class StockItem(models.Model):
    """A part kept in the community's store, with its quantity on hand and its weighted
    average unit cost (see `services.stock_receive`)."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    category = models.CharField(_("category"), max_length=50, blank=True)
    unit_cost = models.DecimalField(_("unit cost"), default=Decimal("0.00"), **MONEY)
    reorder_point = models.DecimalField(_("reorder point"), default=Decimal("0.00"), **QUANTITY)
    on_hand = models.DecimalField(_("on hand"), default=Decimal("0.00"), editable=False, **QUANTITY)
    fits = models.ManyToManyField(
        "facilities.Equipment", blank=True, related_name="spare_parts", verbose_name=_("fits")
    )
    # Set when the low-stock notice went out; cleared when the stock is back above the
    # reorder point, so each crossing is told once.
    low_noticed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("spare part")
        verbose_name_plural = _("spare parts")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="stockitem_code_unique"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stockitem_on_hand_gte_0"),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="stockitem_unit_cost_gte_0"),
            models.CheckConstraint(
                condition=Q(reorder_point__gte=0), name="stockitem_reorder_point_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_low(self) -> bool:
        return self.on_hand <= self.reorder_point

    @property
    def value(self) -> Decimal:
        return (self.on_hand * self.unit_cost).quantize(Decimal("0.01"))


class MovementKind(models.TextChoices):
    RECEIVED = "received", _("Goods received")
    ISSUED = "issued", _("Issued out")
    COUNTED = "counted", _("Stock-take")
    RETURNED = "returned", _("Returned to store")


class StockMovement(models.Model):
    """One line of the ledger: `quantity` is the signed change to the stock (an issue is
    negative), `unit_cost` the cost per unit at the time. Never changed or deleted: a
    correction is a new movement."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    item = models.ForeignKey(
        StockItem, on_delete=models.PROTECT, related_name="movements", verbose_name=_("part")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=MovementKind.choices)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    on_hand_after = models.DecimalField(_("on hand after"), **QUANTITY)
    unit_cost = models.DecimalField(_("unit cost"), **MONEY)
    supplier = models.CharField(_("supplier"), max_length=100, blank=True)
    work_order = models.ForeignKey(
        "servicedesk.WorkOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_movements",
        verbose_name=_("work order"),
    )
    maintenance_task = models.ForeignKey(
        "facilities.MaintenanceTask",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_movements",
        verbose_name=_("maintenance task"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    key = models.CharField(_("idempotency key"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "key"],
                condition=~Q(key=""),
                name="stockmovement_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(on_hand_after__gte=0), name="stockmovement_on_hand_after_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0), name="stockmovement_unit_cost_gte_0"
            ),
            models.CheckConstraint(
                condition=~Q(kind="issued")
                | (
                    Q(quantity__lt=0)
                    & (
                        Q(work_order__isnull=False, maintenance_task__isnull=True)
                        | Q(work_order__isnull=True, maintenance_task__isnull=False)
                    )
                ),
                name="stockmovement_issue_has_one_target",
            ),
        ]
        indexes = [models.Index(fields=["item", "at"], name="stockmovement_item_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity} {self.item_id}"

    @property
    def units(self) -> Decimal:
        """How many units moved, in or out."""
        return abs(self.quantity)

    @property
    def value(self) -> Decimal:
        """What the units moved are worth at the movement's cost, as a positive amount."""
        return (abs(self.quantity) * self.unit_cost).quantize(Decimal("0.01"))
