"""Vehicles at the gate: the gates and their cameras' events, parking sessions built from
them, the temporary-parking tariffs that price them and the payments taken at the exit."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.billing.models import ParkingContract, PaymentMethod
from wuye.core.models import Community
from wuye.estates.plates import PlateColour

MONEY = {"max_digits": 10, "decimal_places": 2}


class VehicleType(models.TextChoices):
    CAR = "car", _("Small car")
    LARGE = "large", _("Large vehicle")
    MOTORCYCLE = "motorcycle", _("Motorcycle")


class Direction(models.TextChoices):
    IN = "in", pgettext_lazy("gate direction", "In")
    OUT = "out", pgettext_lazy("gate direction", "Out")


class Gate(models.Model):
    """A barrier lane with its camera: where cars come in, go out, or both."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("As the camera names it."))
    name = models.CharField(_("name"), max_length=100)
    directions = models.CharField(
        _("directions"),
        max_length=6,
        default="in,out",
        help_text=_("“in”, “out” or both, as the lane allows."),
    )
    online = models.BooleanField(_("online"), default=True)

    class Meta:
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="gate_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CapScope(models.TextChoices):
    ROLLING_24H = "rolling_24h", _("Per 24 hours from entry")
    CALENDAR_DAY = "calendar_day", _("Per calendar day")


class ParkingTariff(models.Model):
    """One version of a temporary-parking tariff. A change is a new version from a given
    moment; the old version keeps pricing the stays it priced. `rule` holds the declarative
    parameters read by `tariffs.Rule`."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    vehicle_types = models.JSONField(
        _("vehicle types"), default=list, blank=True, help_text=_("Empty: every type.")
    )
    plate_colours = models.JSONField(
        _("plate colours"), default=list, blank=True, help_text=_("Empty: every colour.")
    )
    rule = models.JSONField(_("rule"))
    effective_from = models.DateTimeField(_("in effect from"), default=timezone.now)
    effective_until = models.DateTimeField(_("in effect until"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("parking tariff")
        verbose_name_plural = _("parking tariffs")
        ordering = ["community_id", "name", "-effective_from"]
        indexes = [models.Index(fields=["community", "effective_from"])]

    def __str__(self) -> str:
        return self.name


class SessionKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    TEMPORARY = "temporary", _("Temporary")
    VISITOR = "visitor", _("Visitor")


class SessionStatus(models.TextChoices):
    INSIDE = "inside", _("Inside")
    PAID = "paid", _("Paid, leaving")
    LEFT = "left", _("Left")
    EXCEPTION = "exception", _("Needs a guard")


class ExceptionKind(models.TextChoices):
    NO_ENTRY = "no_entry", _("Exit with no entry")
    UNREADABLE = "unreadable", _("Plate unreadable")
    LOST_TICKET = "lost_ticket", _("Lost ticket")


class ParkingSession(models.Model):
    """A car's stay: from its entry to its exit, with what it paid."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    plate = models.CharField(_("plate"), max_length=10)
    plate_colour = models.CharField(
        _("plate colour"), max_length=6, choices=PlateColour.choices, default=PlateColour.BLUE
    )
    vehicle_type = models.CharField(
        _("vehicle type"), max_length=10, choices=VehicleType.choices, default=VehicleType.CAR
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    contract = models.ForeignKey(
        ParkingContract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parking contract"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.INSIDE
    )
    exception = models.CharField(
        _("exception"), max_length=12, choices=ExceptionKind.choices, blank=True
    )
    entered_at = models.DateTimeField(_("entered"), null=True, blank=True)
    exited_at = models.DateTimeField(_("left"), null=True, blank=True)
    entry_gate = models.ForeignKey(
        Gate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry gate"),
    )
    exit_gate = models.ForeignKey(
        Gate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exit gate"),
    )
    tariff = models.ForeignKey(
        ParkingTariff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tariff"),
    )
    fee = models.DecimalField(_("fee"), **MONEY, default=0)
    paid = models.DecimalField(_("paid"), **MONEY, default=0)
    paid_until = models.DateTimeField(
        _("paid until"),
        null=True,
        blank=True,
        help_text=_("The car may leave without paying again until this moment."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("parking session")
        verbose_name_plural = _("parking sessions")
        ordering = ["-entered_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="parking_fee_not_negative"),
            models.CheckConstraint(condition=Q(paid__gte=0), name="parking_paid_not_negative"),
        ]
        indexes = [
            models.Index(fields=["community", "plate", "status"]),
            models.Index(fields=["community", "entered_at"]),
            models.Index(fields=["community", "exited_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.plate} · {self.entered_at:%Y-%m-%d %H:%M}" if self.entered_at else self.plate


class GateEvent(models.Model):
    """What a camera saw at a lane, once: idempotent by the device's own event id."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    gate = models.ForeignKey(
        Gate, on_delete=models.PROTECT, related_name="events", verbose_name=_("gate")
    )
    event_id = models.CharField(_("event id"), max_length=64)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    at = models.DateTimeField(_("at"))
    plate = models.CharField(_("plate"), max_length=10, blank=True)
    plate_read = models.CharField(
        _("plate as read"), max_length=20, blank=True, help_text=_("What the camera read.")
    )
    plate_colour = models.CharField(
        _("plate colour"), max_length=6, choices=PlateColour.choices, blank=True
    )
    camera = models.CharField(_("camera"), max_length=64, blank=True)
    photo_ref = models.CharField(_("photo"), max_length=200, blank=True)
    opened = models.BooleanField(_("barrier opened"), default=False)
    fee_due = models.DecimalField(_("fee due"), **MONEY, default=0)
    display = models.CharField(_("display text"), max_length=120, blank=True)
    voice = models.CharField(_("voice text"), max_length=120, blank=True)
    session = models.ForeignKey(
        ParkingSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("session"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("gate event")
        verbose_name_plural = _("gate events")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "event_id"], name="gate_event_once_per_community"
            ),
        ]
        indexes = [models.Index(fields=["community", "at"])]

    def __str__(self) -> str:
        return f"{self.gate} {self.direction} {self.plate or '?'} {self.at:%H:%M}"


class ParkingPayment(models.Model):
    """Money taken for a stay, at the exit or before it (cash or a method billing knows)."""

    session = models.ForeignKey(
        ParkingSession,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("session"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )

    class Meta:
        verbose_name = _("parking payment")
        verbose_name_plural = _("parking payments")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="parking_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} · {self.session}"


class ParkingSettings(models.Model):
    """How a community's gate treats cars: the grace after a monthly contract ends, the time
    to leave after paying, the fee of a lost ticket and where the income is shown."""

    community = models.OneToOneField(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    contract_grace_days = models.PositiveSmallIntegerField(
        _("grace days after a parking contract ends"),
        default=4,
        help_text=_("After these days a car of an ended contract parks as a temporary car."),
    )
    exit_grace_minutes = models.PositiveSmallIntegerField(
        _("minutes to leave after paying"), default=15
    )
    lost_ticket_fee = models.DecimalField(
        _("lost-ticket fee"),
        **MONEY,
        default=50,
        validators=[MinValueValidator(0)],
        help_text=_("Charged when a car's entry cannot be found, with a reason."),
    )
    income_is_common = models.BooleanField(
        _("parking income is the owners' common income"),
        default=True,
        help_text=_(
            "Temporary parking on common land earns the owners' common income "
            "(民法典 第二百八十二条): each payment is posted to billing and shown in the "
            "fund-usage publicity."
        ),
    )

    class Meta:
        verbose_name = _("parking settings")
        verbose_name_plural = _("parking settings")

    def __str__(self) -> str:
        return str(_("Parking settings"))

    @classmethod
    def for_community(cls, community_id: int) -> ParkingSettings:
        """The community's settings, or the defaults (unsaved) when none were saved."""
        found = cls.objects.filter(community_id=community_id).first()
        return found or cls(community_id=community_id)
