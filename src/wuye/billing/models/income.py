"""Common-area income (公共收益): money the common parts earn, such as temporary parking on
common land, which belongs to the owners jointly (民法典 第二百八十二条) and is kept apart
from the homes' fees. Rows are only added; a void is a negative row naming the one it voids."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import AppendOnly, Community

from .fields import MONEY
from .payments import PaymentMethod


class IncomeSource(models.TextChoices):
    PARKING = "parking", _("Temporary parking")
    ADVERTISING = "advertising", _("Advertising")
    VENUE = "venue", _("Venue rental")
    OTHER = "other", _("Other common income")


class CommonIncome(AppendOnly):
    """Money received for the common parts, once; voided by a negative row."""

    Source = IncomeSource

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    source = models.CharField(_("source"), max_length=20, choices=IncomeSource.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    voids = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voided_by",
        verbose_name=_("voids"),
    )

    class Meta:
        verbose_name = _("common income")
        verbose_name_plural = _("common income")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="common_income_not_zero"),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(voids__isnull=False),
                name="common_income_negative_only_as_void",
            ),
        ]
        indexes = [models.Index(fields=["community", "source", "at"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.amount}"
