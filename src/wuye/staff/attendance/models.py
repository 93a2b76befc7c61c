"""Attendance (考勤): each clock-in and clock-out, as the staff phone page or the office
recorded it, with where the phone said it was."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import AppendOnly, Community


class ClockKind(models.TextChoices):
    IN = "in", _("Clock in")
    OUT = "out", _("Clock out")


class ClockSource(models.TextChoices):
    PHONE = "phone", _("Staff phone")
    API = "api", _("App")
    OFFICE = "office", _("Recorded by the office")


class ClockEvent(AppendOnly):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clock_events",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=3, choices=ClockKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=ClockSource.choices, default=ClockSource.PHONE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["community", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
