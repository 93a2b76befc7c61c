"""Bill runs (批量出账): one generation of a period's charges and how far it got."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community

from .fields import MONEY


class BillRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class BillRun(models.Model):
    """One generation of a period's charges (批量出账) and how far it got."""

    Status = BillRunStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    units_total = models.PositiveIntegerField(_("homes"), default=0)
    units_done = models.PositiveIntegerField(_("homes done"), default=0)
    charges_created = models.PositiveIntegerField(_("charges created"), default=0)
    total_amount = models.DecimalField(_("total"), **MONEY, default=Decimal("0"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("bill run")
        verbose_name_plural = _("bill runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "period"])]

    def __str__(self) -> str:
        return f"{self.period} #{self.pk}"
