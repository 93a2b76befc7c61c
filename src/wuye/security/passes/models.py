"""Visitors' passes: an invitation (who, for whom, when, where, how many entries) that the
gate checks, and the access events of each check-in and check-out.

Guards never keep a visitor's identity document (保安服务管理条例 第三十条): an ID number is
asked only where the community's settings require one, typed, stored encrypted and shown
masked.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core import crypto
from wuye.core.models import Community
from wuye.core.people import display_name
from wuye.core.validators import mask_id_number, mask_mobile
from wuye.estates.models import Unit


class Zone(models.TextChoices):
    """Where a pass lets its visitor go. A lobby-only pass opens the lobby (the service
    centre, the parcel room); a whole-estate pass opens every checkpoint."""

    LOBBY = "lobby", _("Lobby only")
    ESTATE = "estate", _("Whole estate")


class Purpose(models.TextChoices):
    GUEST = "guest", _("Family or friends")
    DELIVERY = "delivery", _("Delivery or courier")
    HOME_SERVICE = "home_service", _("Home service")
    CONTRACTOR = "contractor", _("Contractor or renovation")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


class PassStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the host")
    ACTIVE = "active", pgettext_lazy("pass", "Active")
    REVOKED = "revoked", _("Revoked")
    USED_UP = "used_up", _("Used up")
    EXPIRED = "expired", _("Expired")
    NO_SHOW = "no_show", _("No-show")


# The states in which a pass may still let someone in once its window opens.
OPEN_STATES = (PassStatus.PENDING, PassStatus.ACTIVE)


class Confirmation(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    PHONE = "phone", _("By phone")


class PassSettings(models.Model):
    """A community's rules for visitors' passes (设置)."""

    community = models.OneToOneField(
        Community,
        on_delete=models.CASCADE,
        related_name="pass_settings",
        verbose_name=_("community"),
    )
    invites_per_home_per_day = models.PositiveSmallIntegerField(
        _("invitations per home per day"),
        default=10,
        validators=[MaxValueValidator(500)],
        help_text=_("How many visitors a home may invite in one day (0: no limit)."),
    )
    id_number_required = models.BooleanField(
        _("ID number required for walk-ins"),
        default=False,
        help_text=_(
            "Walk-in visitors give their ID number, typed and stored encrypted. The guard "
            "never keeps the document itself."
        ),
    )
    default_window_hours = models.PositiveSmallIntegerField(
        _("default window (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_("How long a pass lasts when its end is not given."),
    )

    class Meta:
        verbose_name = _("pass settings")
        verbose_name_plural = _("pass settings")

    def __str__(self) -> str:
        return str(_("Pass settings"))


class Invitation(models.Model):
    """A visitor expected at the gate, and the pass that lets them in."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("host home"),
    )
    host_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host (staff)"),
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=100)
    visitor_mobile = models.CharField(_("visitor's mobile"), max_length=11, blank=True)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.GUEST
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    entries_allowed = models.PositiveSmallIntegerField(
        _("entries allowed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    entries_used = models.PositiveSmallIntegerField(_("entries used"), default=0)
    zone = models.CharField(_("zone"), max_length=10, choices=Zone.choices, default=Zone.ESTATE)
    plate = models.CharField(_("vehicle plate"), max_length=8, blank=True)
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PassStatus.choices, default=PassStatus.ACTIVE
    )
    # What a visitor types at the gate: 8 characters of an alphabet without 0/O, 1/I/L.
    code = models.CharField(_("code"), max_length=8, unique=True, editable=False)
    # Part of the signed token: a token of a row that no longer exists never matches again.
    nonce = models.BigIntegerField(editable=False)
    inside = models.BooleanField(_("inside now"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    confirmed_via = models.CharField(
        _("confirmed"), max_length=10, choices=Confirmation.choices, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="invitation_window"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(host_staff__isnull=False),
                name="invitation_has_host",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "valid_from"]),
            models.Index(fields=["community", "valid_until"]),
            models.Index(fields=["unit", "created_at"]),
            models.Index(fields=["community", "plate"]),
            models.Index(
                fields=["valid_until"], condition=Q(status__in=OPEN_STATES), name="pass_open_until"
            ),
        ]

    def __str__(self) -> str:
        # Not the visitor's name: the audit trail keeps this text longer than the visitor's
        # record is kept (个人信息保护法 第四十七条).
        return str(_("Pass %(code)s") % {"code": self.code})

    def set_id_number(self, number: str) -> None:
        """Keep a normalised ID number encrypted, and its masked form for display."""
        self.id_number_cipher = crypto.encrypt(number) if number else ""
        self.id_number_masked = mask_id_number(number)

    def reveal_id_number(self) -> str:
        return crypto.decrypt(self.id_number_cipher) if self.id_number_cipher else ""

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.visitor_mobile)

    @property
    def entries_left(self) -> int:
        return max(self.entries_allowed - self.entries_used, 0)

    @property
    def host_label(self) -> str:
        if self.unit_id:
            return self.unit.label
        return display_name(self.host_staff) if self.host_staff_id else ""


class AccessKind(models.TextChoices):
    CHECK_IN = "in", _("Check-in")
    CHECK_OUT = "out", _("Check-out")


class AccessEvent(models.Model):
    """A visitor passing a gate on their pass: in or out, where, who let them, when."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="events", verbose_name=_("invitation")
    )
    kind = models.CharField(_("kind"), max_length=3, choices=AccessKind.choices)
    gate = models.CharField(pgettext_lazy("pass", "gate"), max_length=100, blank=True)
    guard = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("guard"),
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["community", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
