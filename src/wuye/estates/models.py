"""The register (房屋档案): buildings, homes, residents, residencies, vehicles, parking."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core import crypto
from wuye.core.models import Community
from wuye.core.validators import mask_id_number, mask_mobile

AREA = {"max_digits": 10, "decimal_places": 2}


class BuildingKind(models.TextChoices):
    MULTI_STOREY = "multi_storey", _("Multi-storey")
    SMALL_HIGH_RISE = "small_high_rise", _("Small high-rise")
    SHOP_ROW = "shop_row", _("Shop row")
    CLUBHOUSE = "clubhouse", _("Clubhouse")


class Building(models.Model):
    """A building (楼栋)."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("community")
    )
    number = models.CharField(_("building number"), max_length=20)
    name = models.CharField(_("name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BuildingKind.choices)
    floors = models.PositiveSmallIntegerField(_("floors"), validators=[MinValueValidator(1)])
    lifts = models.PositiveSmallIntegerField(_("lifts"), default=0)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["community_id", Length("number"), "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="building_number_unique"),
            models.CheckConstraint(condition=Q(floors__gte=1), name="building_floors_positive"),
        ]

    def __str__(self) -> str:
        return self.name or _("Building %(number)s") % {"number": self.number}


class UnitUse(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential")
    SHOP = "shop", _("Shop")
    CLUBHOUSE = "clubhouse", _("Clubhouse")
    OFFICE = "office", _("Office")


class Occupancy(models.TextChoices):
    UNSOLD = "unsold", _("Unsold")
    VACANT = "vacant", _("Vacant")
    OCCUPIED = "occupied", _("Occupied")
    RENTED = "rented", _("Rented")
    RENOVATING = "renovating", _("Renovating")


class Unit(models.Model):
    """A home, shop or other unit (房屋); its building area is the basis of the property fee."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="units", verbose_name=_("community")
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name=_("building")
    )
    entrance = models.CharField(_("entrance"), max_length=10, blank=True)
    floor = models.SmallIntegerField(_("floor"))
    number = models.CharField(_("room number"), max_length=20)
    building_area = models.DecimalField(
        _("building area (m²)"), **AREA, validators=[MinValueValidator(Decimal("0.01"))]
    )
    inner_area = models.DecimalField(
        _("inner area (m²)"),
        **AREA,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    use = models.CharField(
        _("use"), max_length=20, choices=UnitUse.choices, default=UnitUse.RESIDENTIAL
    )
    occupancy = models.CharField(
        _("occupancy"), max_length=20, choices=Occupancy.choices, default=Occupancy.VACANT
    )

    class Meta:
        verbose_name = _("home")
        verbose_name_plural = _("homes")
        ordering = [
            Length("building__number"),
            "building__number",
            "entrance",
            Length("number"),
            "number",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "entrance", "number"], name="unit_room_unique"
            ),
            models.CheckConstraint(condition=Q(building_area__gt=0), name="unit_area_positive"),
            models.CheckConstraint(
                condition=Q(inner_area__isnull=True)
                | (Q(inner_area__gt=0) & Q(inner_area__lte=models.F("building_area"))),
                name="unit_inner_area_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "number"]),
            models.Index(fields=["community", "occupancy"]),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Building-entrance-room, as staff say it: 3-2-502."""
        parts = [self.building.number if self.building_id else "?"]
        if self.entrance:
            parts.append(self.entrance)
        parts.append(self.number)
        return "-".join(parts)


class Resident(models.Model):
    """A person living in or owning a home (住户). The ID number is encrypted at rest."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="residents", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("portal login"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_digest = models.CharField(max_length=64, blank=True, editable=False)
    id_number_masked = models.CharField(
        _("ID-card number"), max_length=18, blank=True, editable=False
    )
    emergency_contact = models.CharField(_("emergency contact"), max_length=100, blank=True)
    emergency_phone = models.CharField(_("emergency phone"), max_length=20, blank=True)
    needs_attention = models.BooleanField(
        _("needs attention"),
        default=False,
        help_text=_("For example an elderly person living alone: staff check in on them."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Set when the person was anonymised at their request; the record stays for the history.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "id_number_digest"],
                condition=~Q(id_number_digest=""),
                name="resident_id_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "mobile"]),
            models.Index(fields=["community", "name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def set_id_number(self, number: str) -> None:
        """Store a normalised ID number: encrypted, digested for look-up, masked for display."""
        if number:
            self.id_number_cipher = crypto.encrypt(number)
            self.id_number_digest = crypto.digest(number)
        else:
            self.id_number_cipher = self.id_number_digest = ""
        self.id_number_masked = mask_id_number(number)

    def reveal_id_number(self) -> str:
        """The full number. Callers go through services.resident_reveal_id_number (audited)."""
        return crypto.decrypt(self.id_number_cipher) if self.id_number_cipher else ""

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)


class ReviewOutcome(models.TextChoices):
    OPEN = "open", _("Waiting for a supervisor")
    KEPT = "kept", _("Kept for this resident, removed from the other")
    DISMISSED = "dismissed", _("Dismissed, the number on file before put back")
    SUPERSEDED = "superseded", _("Replaced by a later change")


class IdNumberReview(models.Model):
    """An ID-card number typed for a resident that another resident of the community has
    already (身份证号重复待核), waiting for someone who may read full numbers.

    Whoever typed it may not learn that the number is taken: the resident keeps it, shown
    masked like any other, but without its look-up digest until a supervisor decides.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="id_number_reviews",
        verbose_name=_("resident"),
    )
    holder = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("resident who had the number"),
    )
    number_digest = models.CharField(max_length=64, editable=False)
    number_masked = models.CharField(_("ID-card number typed"), max_length=18, editable=False)
    previous_cipher = models.TextField(blank=True, editable=False)
    previous_masked = models.CharField(
        _("ID-card number on file before"), max_length=18, blank=True, editable=False
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("typed by"),
    )
    raised_at = models.DateTimeField(_("typed at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=ReviewOutcome.choices, default=ReviewOutcome.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ID-card number check")
        verbose_name_plural = _("ID-card number checks")
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(outcome="open"),
                name="id_number_review_one_open_per_resident",
            ),
        ]
        indexes = [models.Index(fields=["community", "outcome", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.resident} · {self.number_masked}"


class Relation(models.TextChoices):
    OWNER = "owner", _("Owner")
    FAMILY = "family", _("Family member")
    TENANT = "tenant", _("Tenant")


class ResidencyQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=on), start_date__lte=on)


class Residency(models.Model):
    """A resident's relation to a home over time. Moving out sets the end date; rows stay."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="residencies", verbose_name=_("home")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="residencies", verbose_name=_("resident")
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    start_date = models.DateField(_("moved in"), default=timezone.localdate)
    end_date = models.DateField(_("moved out"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ResidencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        ordering = ["unit_id", "relation", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "resident"],
                condition=Q(end_date__isnull=True),
                name="residency_one_open_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="residency_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["resident", "end_date"])]

    def __str__(self) -> str:
        return f"{self.resident} · {self.get_relation_display()} · {self.unit}"

    @property
    def community_id(self) -> int:
        return self.unit.community_id


class Vehicle(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("community")
    )
    plate = models.CharField(_("plate"), max_length=10)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vehicles",
        verbose_name=_("resident"),
    )
    description = models.CharField(_("make and colour"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["plate"]
        constraints = [
            models.UniqueConstraint(fields=["community", "plate"], name="vehicle_plate_unique"),
        ]

    def __str__(self) -> str:
        return self.plate


class ParkingKind(models.TextChoices):
    OWNED = "owned", _("Owned")
    RENTED = "rented", pgettext_lazy("parking space", "Rented")
    PUBLIC = "public", _("Public")
    VISITOR = "visitor", _("Visitor")


class ParkingSpace(models.Model):
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="parking_spaces",
        verbose_name=_("community"),
    )
    number = models.CharField(_("space number"), max_length=20)
    zone = models.CharField(_("zone"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ParkingKind.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parking_spaces",
        verbose_name=_("home"),
    )
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parking_spaces",
        verbose_name=_("vehicle"),
    )

    class Meta:
        verbose_name = _("parking space")
        verbose_name_plural = _("parking spaces")
        ordering = ["zone", "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="parking_number_unique"),
        ]
        indexes = [models.Index(fields=["community", "kind"])]

    def __str__(self) -> str:
        return self.number


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting a manager")
    CARRIED_OUT = "carried_out", _("Carried out")
    REJECTED = "rejected", _("Rejected")


class ErasureRequest(models.Model):
    """A person's request to be deleted from the register (个人信息保护法 §47).

    The office records who asked, when and why; a manager carries it out, which anonymises
    the person everywhere while money and work-order history stay, or rejects it with a
    reason. Requests are never deleted: they are the record that the request was handled.
    """

    Status = ErasureStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("resident"),
    )
    asked_by = models.CharField(
        _("asked by"),
        max_length=100,
        help_text=_("Who made the request and how they were identified, e.g. the owner in person."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    changed = models.JSONField(_("rows anonymised"), default=dict, blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(status="requested"),
                name="erasure_request_one_open",
                violation_error_message=_("This person already has a request awaiting a manager."),
            ),
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.resident_id} · {self.get_status_display()}"
