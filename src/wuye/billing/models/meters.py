"""Meters, their readings and the apportionment of common meters (抄表, 公摊)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.estates.models import Unit

from .fees import FeeItem
from .fields import MONEY, PRICE


class MeterKind(models.TextChoices):
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    HEAT = "heat", _("Heat")


class Meter(models.Model):
    """A home's meter, or a common meter (no home) whose usage is apportioned (公摊)."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
        verbose_name=_("home"),
        help_text=_("Empty for a common meter (stairwells, lifts, pumps)."),
    )
    number = models.CharField(_("meter number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=MeterKind.choices)
    fee_item = models.ForeignKey(
        FeeItem,
        on_delete=models.PROTECT,
        related_name="meters",
        verbose_name=_("fee item"),
        help_text=_("Metered for a home's meter, apportioned for a common meter."),
    )
    multiplier = models.DecimalField(
        _("multiplier"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        ordering = ["community_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="meter_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class MeterReading(models.Model):
    """A meter's reading for a period and the usage since the reading before it."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="readings", verbose_name=_("meter")
    )
    period = models.CharField(_("period"), max_length=7)
    reading = models.DecimalField(_("reading"), max_digits=12, decimal_places=2)
    previous = models.DecimalField(
        _("previous reading"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    usage = models.DecimalField(_("usage"), max_digits=12, decimal_places=2)
    replaced = models.BooleanField(
        _("meter replaced"),
        default=False,
        help_text=_("A new meter: the reading counts from zero, not from the old meter's."),
    )
    flagged = models.BooleanField(_("unusual jump"), default=False)
    read_on = models.DateField(_("read on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["meter_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "period"], name="meter_reading_once"),
            models.CheckConstraint(condition=Q(usage__gte=0), name="meter_usage_not_negative"),
        ]
        indexes = [models.Index(fields=["community", "period"])]

    def __str__(self) -> str:
        return f"{self.meter_id} {self.period}: {self.reading}"


class Apportionment(models.Model):
    """A common meter's usage of a period split over the homes (公摊), published with its
    breakdown: the usage, unit price and total here, each home's part as its charge."""

    class Basis(models.TextChoices):
        AREA = "area", _("By share of building area")
        CONSUMPTION = "consumption", _("By share of consumption")

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="apportionments", verbose_name=_("meter")
    )
    period = models.CharField(_("period"), max_length=7)
    basis = models.CharField(_("split"), max_length=12, choices=Basis.choices)
    usage = models.DecimalField(_("usage"), max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    total_amount = models.DecimalField(_("total"), **MONEY)
    homes = models.PositiveIntegerField(_("homes"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("apportionment")
        verbose_name_plural = _("apportionments")
        ordering = ["-period", "meter_id"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "period"], name="apportionment_once")
        ]

    def __str__(self) -> str:
        return f"{self.meter} {self.period}"
