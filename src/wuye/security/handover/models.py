"""The shift handover of a security post (交接班): the outgoing guard counts the keys and the
equipment, writes the CCTV and fire-panel status and what is still open; the incoming guard
counts again and confirms. A count that differs is a discrepancy for the supervisor."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community
from wuye.staff.organisation.models import Post
from wuye.staff.rosters.models import ShiftTemplate

MAX_COUNT = 999


class HandoverItem(models.Model):
    """A thing the community's guards count at every handover (keys, radios, torches…) and
    how many of it the post should hold. Retired items stay for the handovers that name them."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="handover_items",
        verbose_name=_("community"),
    )
    name = models.CharField(_("item"), max_length=50)
    expected = models.PositiveSmallIntegerField(
        _("expected count"), validators=[MaxValueValidator(MAX_COUNT)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("counted"), default=True)

    class Meta:
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")
        ordering = ["community_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="handover_item_once"),
        ]

    def __str__(self) -> str:
        return self.name


class CctvStatus(models.TextChoices):
    OK = "ok", _("Working")
    FAULT = "fault", _("Fault")


class FirePanelStatus(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("fire panel", "Normal")
    ALARM = "alarm", _("Alarm")
    FAULT = "fault", _("Fault")


class HandoverStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    AWAITING_INCOMING = "awaiting_incoming", _("Awaiting the incoming guard")
    CONFIRMED = "confirmed", pgettext_lazy("handover", "Confirmed")


class Handover(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("community")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("post")
    )
    ends_at = models.DateTimeField(_("shift ends at"))
    shift = models.ForeignKey(
        ShiftTemplate,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("shift"),
    )
    outgoing = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outgoing guard"),
    )
    incoming = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("incoming guard"),
    )
    cctv_status = models.CharField(
        _("CCTV"), max_length=8, choices=CctvStatus.choices, default=CctvStatus.OK
    )
    fire_panel_status = models.CharField(
        _("fire panel"),
        max_length=8,
        choices=FirePanelStatus.choices,
        default=FirePanelStatus.NORMAL,
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    open_incidents_note = models.TextField(
        _("open incidents"),
        max_length=2000,
        blank=True,
        help_text=_("What the next shift must follow up: incidents still open, visitors inside."),
    )
    incidents = models.ManyToManyField(
        "security.Incident",
        related_name="+",
        blank=True,
        verbose_name=_("incidents open at the handover"),
        help_text=_("The community's incidents still open when the outgoing guard handed over."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    discrepancy = models.BooleanField(_("discrepancy"), default=False)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-ends_at", "-pk"]
        constraints = [
            # One handover a post at the end of each shift.
            models.UniqueConstraint(fields=["post", "ends_at"], name="handover_once_a_shift"),
        ]
        indexes = [models.Index(fields=["community", "status"], name="handover_status")]

    def __str__(self) -> str:
        return f"{self.post} {self.ends_at:%Y-%m-%d %H:%M}"


class HandoverCount(models.Model):
    """One item counted at a handover: what the post should hold (as the community's list said
    then), what the outgoing guard counted and what the incoming guard found."""

    handover = models.ForeignKey(
        Handover, on_delete=models.CASCADE, related_name="counts", verbose_name=_("handover")
    )
    item = models.ForeignKey(
        HandoverItem,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("item"),
    )
    name = models.CharField(_("item"), max_length=50)
    expected = models.PositiveSmallIntegerField(_("expected count"))
    outgoing_count = models.PositiveSmallIntegerField(
        _("counted by the outgoing guard"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    incoming_count = models.PositiveSmallIntegerField(
        _("counted by the incoming guard"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("handover count")
        verbose_name_plural = _("handover counts")
        ordering = ["handover_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "name"], name="handover_count_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def differs(self) -> bool:
        counted = [c for c in (self.outgoing_count, self.incoming_count) if c is not None]
        return any(c != self.expected for c in counted) or len(set(counted)) > 1
