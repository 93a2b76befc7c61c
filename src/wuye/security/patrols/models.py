"""Guard patrols (巡更): checkpoints proven on the spot, routes through them, plans that give a
post a route on a shift, and the day's tasks whose points each have a window to be scanned in.

A plan names a post and a shift, never a person: whoever the published roster puts on that
post when a task starts walks it, so a guard leaving the post changes nothing in the plans."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.staff.organisation.models import Post
from wuye.staff.rosters.models import ShiftTemplate


def new_secret() -> str:
    """A checkpoint's secret: 32 random bytes, hex, kept on the server only."""
    return secrets.token_hex(32)


class Verification(models.TextChoices):
    NFC = "nfc", _("NFC tag")
    QR = "qr", _("Printed QR code")
    ROTATING_QR = "rotating_qr", _("Rotating QR code")
    GPS = "gps", _("GPS position")


class Checkpoint(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    place = models.CharField(_("place"), max_length=200, blank=True)
    verification = models.CharField(_("verified by"), max_length=12, choices=Verification.choices)
    tag_uid = models.CharField(
        _("NFC tag UID"),
        max_length=32,
        blank=True,
        help_text=_("The tag's UID in hexadecimal, as the phone reads it."),
    )
    secret = models.CharField(_("secret"), max_length=64, default=new_secret, editable=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    radius_m = models.PositiveSmallIntegerField(
        _("radius (m)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["community_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Route(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    ordered = models.BooleanField(
        _("in order"), default=True, help_text=_("The points are walked in their order.")
    )
    checkpoints = models.ManyToManyField(
        Checkpoint, through="RoutePoint", related_name="routes", verbose_name=_("checkpoints")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("patrol route")
        verbose_name_plural = _("patrol routes")
        ordering = ["community_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class RoutePoint(models.Model):
    route = models.ForeignKey(
        Route, on_delete=models.CASCADE, related_name="points", verbose_name=_("route")
    )
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.PROTECT, related_name="+", verbose_name=_("checkpoint")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    offset_minutes = models.PositiveSmallIntegerField(
        _("minutes after the start"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    tolerance_minutes = models.PositiveSmallIntegerField(
        _("tolerance (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )

    class Meta:
        verbose_name = _("route point")
        verbose_name_plural = _("route points")
        ordering = ["route_id", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.route} #{self.order} {self.checkpoint}"


class PatrolPlan(models.Model):
    """A route walked by whoever is on a post during a shift, at given minutes after the
    shift starts (one task for each)."""

    route = models.ForeignKey(
        Route, on_delete=models.PROTECT, related_name="plans", verbose_name=_("route")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="+", verbose_name=_("post")
    )
    shift = models.ForeignKey(
        ShiftTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("shift")
    )
    start_offsets = models.CharField(
        _("starts (minutes after the shift starts)"),
        max_length=200,
        default="0",
        help_text=_("Comma-separated, e.g. 0,120,240."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("patrol plan")
        verbose_name_plural = _("patrol plans")
        ordering = ["route_id", "pk"]

    def __str__(self) -> str:
        return f"{self.route} · {self.post} · {self.shift}"

    @property
    def offsets(self) -> list[int]:
        found = set()
        for part in self.start_offsets.split(","):
            part = part.strip()
            if part.isdigit() and int(part) < 24 * 60:
                found.add(int(part))
        return sorted(found)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    MISSED_SOME = "missed_some", _("Points missed")


class PatrolTask(models.Model):
    plan = models.ForeignKey(
        PatrolPlan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("plan")
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts at"))
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="+", verbose_name=_("post")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )

    class Meta:
        verbose_name = _("patrol task")
        verbose_name_plural = _("patrol tasks")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "starts_at"], name="patrol_task_once"),
        ]
        indexes = [models.Index(fields=["community", "date"], name="patrol_task_day")]

    def __str__(self) -> str:
        return f"{self.plan.route} {self.starts_at:%Y-%m-%d %H:%M}"


class PointStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ON_TIME = "on_time", _("On time")
    EARLY = "early", _("Early")
    LATE = "late", _("Late")
    MISSED = "missed", _("Missed")
    REJECTED = "rejected", _("Rejected")


class TaskPoint(models.Model):
    task = models.ForeignKey(
        PatrolTask, on_delete=models.CASCADE, related_name="points", verbose_name=_("task")
    )
    route_point = models.ForeignKey(
        RoutePoint, on_delete=models.PROTECT, related_name="+", verbose_name=_("route point")
    )
    window_opens_at = models.DateTimeField(_("window opens"))
    window_closes_at = models.DateTimeField(_("window closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=PointStatus.choices, default=PointStatus.PENDING
    )
    scanned_at = models.DateTimeField(_("scanned at"), null=True, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("scanned by"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    notified_at = models.DateTimeField(_("supervisor told at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task point")
        verbose_name_plural = _("task points")
        ordering = ["task_id", "window_opens_at", "pk"]
        indexes = [
            models.Index(
                fields=["window_closes_at"],
                condition=models.Q(status="pending"),
                name="patrol_point_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.route_point.checkpoint}"
