"""Work orders and what hangs off them: the timeline (never edited or deleted), photos and
the priced items of a paid repair."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import AppendOnly, Community

from .choices import (
    MONEY,
    OPEN_STATES,
    REPAIRS,
    USER,
    Category,
    Channel,
    ComplainantType,
    Priority,
    Status,
    Subcategory,
    Visibility,
)
from .settings import PriceListItem
from .teams import Team

# An order that is not cancelled with a deadline still unmet: whether it is late depends on
# the moment the indicators are read, so they read these orders live (see `tally`).
UNMET = ~Q(status=Status.CANCELLED) & (
    Q(response_due_at__isnull=False, responded_at__isnull=True)
    | Q(arrival_due_at__isnull=False, arrived_at__isnull=True)
    | Q(resolution_due_at__isnull=False, resolved_at__isnull=True)
)


class WorkOrderCounter(models.Model):
    """The last number given out per community and day; locked to keep numbers gap-free."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "day"], name="work_order_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day} {self.last}"


class WorkOrder(models.Model):
    """One request to the customer center, from receipt to call-back and close."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("community")
    )
    number = models.CharField(_("number"), max_length=32, editable=False)
    unit = models.ForeignKey(
        "estates.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("home"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    reporter_user = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_work_orders",
        verbose_name=_("reported by"),
    )
    reporter_resident = models.ForeignKey(
        "estates.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("reporting resident"),
    )
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subcategory = models.CharField(
        _("subcategory"), max_length=20, choices=Subcategory.choices, default=Subcategory.OTHER
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    description = models.TextField(_("description"))
    preferred_from = models.DateTimeField(_("preferred from"), null=True, blank=True)
    preferred_to = models.DateTimeField(_("preferred until"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    status_before_hold = models.CharField(max_length=12, choices=Status.choices, blank=True)
    hold_started_at = models.DateTimeField(null=True, blank=True)
    on_hold_seconds = models.PositiveIntegerField(_("time on hold (seconds)"), default=0)
    assignee = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_work_orders",
        verbose_name=_("assignee"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("team"),
    )

    # SLA: deadlines (stored so the board and the sweep read them from an index) and when
    # each was met. `next_due_at` is the earliest unmet deadline while the order is open.
    response_due_at = models.DateTimeField(_("respond by"), null=True, blank=True)
    arrival_due_at = models.DateTimeField(_("on site by"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolve by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("on site at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    next_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    warn_at = models.DateTimeField(null=True, blank=True, editable=False)
    warned_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the current round of deadlines started (submission, or the last rework), moved on
    # by time on hold like the deadlines: the sweep warns at a share of the time from here.
    sla_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    sla_clocks = models.JSONField(default=dict, blank=True, editable=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)

    result = models.TextField(_("result"), blank=True)
    rework_count = models.PositiveSmallIntegerField(_("rework count"), default=0)
    amount_owed = models.DecimalField(_("amount owed (CNY)"), **MONEY, default=Decimal("0"))
    owner_score = models.PositiveSmallIntegerField(
        _("owner's score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    owner_comment = models.TextField(_("owner's comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    last_chased_at = models.DateTimeField(_("last chased at"), null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(_("times chased"), default=0)

    # Complaints: who the complainant is, and when and by whom they will be answered.
    complainant_type = models.CharField(
        _("complainant type"), max_length=12, choices=ComplainantType.choices, blank=True
    )
    reply_promised_at = models.DateTimeField(_("reply promised by"), null=True, blank=True)
    responder = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named responder"),
    )
    complaint_steps = models.JSONField(
        _("complaint steps done"), default=list, blank=True, help_text=_("Step numbers 1–10.")
    )

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="work_order_number"),
            models.CheckConstraint(
                condition=Q(owner_score__isnull=True) | Q(owner_score__gte=1, owner_score__lte=5),
                name="work_order_score_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_owed__gte=0), name="work_order_amount_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "status", "-created_at"]),
            models.Index(fields=["community", "category", "-created_at"]),
            models.Index(fields=["community", "assignee", "status"]),
            models.Index(fields=["community", "unit", "subcategory", "created_at"]),
            # The indicators of a community over a period (dashboard).
            models.Index(fields=["community", "created_at"], name="work_order_period"),
            models.Index(
                fields=["community", "next_due_at"],
                condition=Q(status__in=sorted(OPEN_STATES)),
                name="work_order_open_due",
            ),
            models.Index(
                fields=["warn_at"],
                condition=Q(status__in=sorted(OPEN_STATES)),
                name="work_order_open_warn",
            ),
            models.Index(
                fields=["community", "created_at"], condition=UNMET, name="work_order_unmet"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_repair(self) -> bool:
        return self.category in REPAIRS

    @property
    def where(self) -> str:
        return self.unit.label if self.unit_id else self.location

    def breached(self, now=None) -> bool:
        """Whether a deadline was missed, or has passed while still unmet."""
        now = now or timezone.now()
        for due, met in (
            (self.response_due_at, self.responded_at),
            (self.arrival_due_at, self.arrived_at),
            (self.resolution_due_at, self.resolved_at),
        ):
            if due is None:
                continue
            if met is not None:
                if met > due:
                    return True
            elif self.status in OPEN_STATES and self.status != Status.ON_HOLD and now > due:
                return True
        return False


class WorkOrderEvent(AppendOnly):
    """One line of an order's timeline: who did what, when, and the state it left it in."""

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="events", verbose_name=_("work order")
    )
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(pgettext_lazy("status", "from"), max_length=12, blank=True)
    to_status = models.CharField(pgettext_lazy("status", "to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")
        ordering = ["order_id", "at", "id"]
        indexes = [
            models.Index(fields=["order", "at"]),
            models.Index(fields=["community", "action", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


def photo_path(instance: WorkOrderPhoto, filename: str) -> str:
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[instance.image_format]
    day = timezone.localdate()
    name = f"{instance.order_id}-{filename}.{extension}"
    return f"work-orders/{instance.order.community_id}/{day:%Y/%m}/{name}"


class WorkOrderPhoto(models.Model):
    """A photo of the problem or of the finished work (checked to be a real JPEG/PNG/WebP)."""

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="photos", verbose_name=_("work order")
    )
    file = models.FileField(_("file"), upload_to=photo_path, max_length=200)
    image_format = models.CharField(max_length=4, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.file.name

    @property
    def community_id(self) -> int:
        return self.order.community_id


class WorkOrderItem(models.Model):
    """A priced item of a paid repair (有偿维修), added when the work is resolved."""

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="items", verbose_name=_("work order")
    )
    price_item = models.ForeignKey(
        PriceListItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("price-list item"),
    )
    name = models.CharField(_("item"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    quantity = models.DecimalField(
        _("quantity"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit_price = models.DecimalField(_("unit price (CNY)"), **MONEY)
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    # An item off the price list is charged only once a supervisor has approved it.
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # Rework that takes an item back withdraws it; the row stays.
    removed_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("priced item")
        verbose_name_plural = _("priced items")
        ordering = ["order_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="work_item_quantity_positive"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="work_item_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} × {self.quantity}"

    @property
    def off_list(self) -> bool:
        return self.price_item_id is None

    @property
    def awaiting_approval(self) -> bool:
        return self.off_list and self.approved_at is None and self.removed_at is None
