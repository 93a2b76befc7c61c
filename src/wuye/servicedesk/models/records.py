"""What the office records after the work: call-backs and spot checks."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community

from .choices import USER, CallbackMethod
from .orders import WorkOrder


class CallBack(models.Model):
    """A call-back (回访): the office asks the owner whether the need was met."""

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="callbacks", verbose_name=_("work order")
    )
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    satisfied = models.BooleanField(_("satisfied"))
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    method = models.CharField(_("method"), max_length=10, choices=CallbackMethod.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("call-back")
        verbose_name_plural = _("call-backs")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["community", "at"])]

    def __str__(self) -> str:
        return f"{self.order} · {self.at:%Y-%m-%d}"


class SpotCheck(models.Model):
    """A supervisor's or manager's spot check (抽查) of a closed order, and what it found."""

    order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        related_name="spot_checks",
        verbose_name=_("work order"),
    )
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    passed = models.BooleanField(_("up to standard"))
    finding = models.TextField(_("finding"), blank=True)

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["community", "at"])]

    def __str__(self) -> str:
        return f"{self.order} · {self.at:%Y-%m-%d}"
