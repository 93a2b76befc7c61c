"""Parcels at the gate (快递): each one received for a home, waiting on a shelf, handed over
with its pick-up code or to a named person, or returned to its carrier."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.estates.models import Unit


class Carrier(models.TextChoices):
    """The carriers that bring most parcels to a Chinese community."""

    SF = "sf", _("SF Express")  # 顺丰
    ZTO = "zto", _("ZTO Express")  # 中通
    YTO = "yto", _("YTO Express")  # 圆通
    YUNDA = "yunda", _("Yunda Express")  # 韵达
    STO = "sto", _("STO Express")  # 申通
    JD = "jd", _("JD Logistics")  # 京东
    EMS = "ems", _("EMS / China Post")  # EMS/邮政
    JT = "jt", _("J&T Express")  # 极兔
    OTHER = "other", _("Other carrier")


class ParcelStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    NOTIFIED = "notified", _("Resident notified")
    PICKED_UP = "picked_up", _("Picked up")
    RETURNED = "returned", _("Returned to carrier")


# A parcel on the shelf: received, whether or not anyone could be told of it yet.
WAITING = (ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED)


class Handover(models.TextChoices):
    """Who took the parcel away: the resident showing the pick-up code, or a person the desk
    named (a family member, a neighbour asked to fetch it)."""

    CODE = "code", _("Pick-up code")
    NAMED = "named", _("Named person")


class Parcel(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="parcels", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="parcels", verbose_name=_("home")
    )
    addressee = models.CharField(
        _("addressee"),
        max_length=100,
        blank=True,
        help_text=_("The name as written on the label."),
    )
    carrier = models.CharField(_("carrier"), max_length=16, choices=Carrier.choices)
    tracking_number = models.CharField(_("tracking number"), max_length=40)
    shelf = models.CharField(_("shelf"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ParcelStatus.choices, default=ParcelStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    pickup_code = models.CharField(_("pick-up code"), max_length=8)
    picked_up_at = models.DateTimeField(_("picked up at"), null=True, blank=True)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("handed over by"),
    )
    handover = models.CharField(
        _("handed over on"), max_length=8, choices=Handover.choices, blank=True
    )
    collected_by = models.CharField(
        _("collected by"),
        max_length=100,
        blank=True,
        help_text=_("The person who took the parcel, when not by the pick-up code."),
    )
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("returned by"),
    )
    return_reason = models.CharField(_("reason for return"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        ordering = ["-received_at", "-pk"]
        constraints = [
            # A parcel is received once; a returned one may come back with the same number.
            models.UniqueConstraint(
                fields=["community", "carrier", "tracking_number"],
                condition=~Q(status="returned"),
                name="parcel_tracking_once",
            ),
            # The desk finds a waiting parcel by its code alone.
            models.UniqueConstraint(
                fields=["community", "pickup_code"],
                condition=Q(status__in=["received", "notified"]),
                name="parcel_code_once_waiting",
            ),
        ]
        indexes = [
            models.Index(
                fields=["community", "received_at"],
                condition=Q(status__in=["received", "notified"]),
                name="parcel_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_carrier_display()} {self.tracking_number}"

    @property
    def waiting(self) -> bool:
        return self.status in WAITING


class ParcelSettings(models.Model):
    """How long a parcel may wait before its home is reminded, and before the desk is told to
    send it back to the carrier."""

    community = models.OneToOneField(
        Community,
        on_delete=models.CASCADE,
        related_name="parcel_settings",
        verbose_name=_("community"),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("days before a reminder"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("A parcel still waiting after this many days is reminded once a day."),
    )
    return_days = models.PositiveSmallIntegerField(
        _("days before return to carrier"),
        default=7,
        validators=[MinValueValidator(2), MaxValueValidator(60)],
        help_text=_("After this many days the desk is told to send the parcel back."),
    )

    class Meta:
        verbose_name = _("parcel settings")
        verbose_name_plural = _("parcel settings")

    def __str__(self) -> str:
        return str(_("Parcel settings"))

    def clean(self):
        if self.reminder_days and self.return_days and self.return_days <= self.reminder_days:
            raise ValidationError(
                {"return_days": _("Return parcels later than the first reminder.")}
            )
