"""The customer center (客户服务中心): work orders, their timeline and what configures them.

Every request — repair, complaint, enquiry, suggestion, praise, concierge — is one
`WorkOrder`. Its state changes only through `services` (see `workflow` for which action is
allowed from which state); each change appends a `WorkOrderEvent`, and rows of the timeline
are never edited or deleted.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import AppendOnly, Community

MONEY = {"max_digits": 12, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class Category(models.TextChoices):
    REPAIR_HOME = "repair_home", _("Repair in a home")
    REPAIR_COMMON = "repair_common", _("Repair of a common area")
    COMPLAINT = "complaint", _("Complaint")
    ENQUIRY = "enquiry", _("Enquiry")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")
    CONCIERGE = "concierge", _("Concierge request")


REPAIRS = frozenset({Category.REPAIR_HOME, Category.REPAIR_COMMON})


class Subcategory(models.TextChoices):
    PLUMBING = "plumbing", _("Plumbing")
    ELECTRICAL = "electrical", _("Electrical")
    LIFT = "lift", _("Lift")
    DOORS_WINDOWS = "doors_windows", _("Doors and windows")
    LEAK = "leak", _("Leak")
    HEATING = "heating", _("Heating")
    NOISE = "noise", _("Noise")
    PARKING = "parking", pgettext_lazy("work-order subcategory", "Parking")
    PETS = "pets", _("Pets")
    HYGIENE = "hygiene", _("Cleaning and hygiene")
    GREENERY = "greenery", _("Greenery")
    SECURITY = "security", _("Security")
    FEES = "fees", _("Fees")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Service hotline")
    FRONT_DESK = "front_desk", _("Front desk")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Owner portal")
    APP = "app", _("App")
    WALK_IN = "walk_in", _("Walk-in")
    PATROL = "patrol", _("Patrol")
    RECEPTION_DAY = "reception_day", _("Manager's reception day")
    VISIT = "visit", _("Owner visit")


RESIDENT_CHANNELS = frozenset({Channel.PORTAL, Channel.APP})


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    RESOLVED = "resolved", _("Resolved")
    VISITED = "visited", _("Called back")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# States in which the order still waits for work (its deadlines run, the sweep watches it).
OPEN_STATES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS, Status.ON_HOLD}
)
FINAL_STATES = frozenset({Status.CLOSED, Status.CANCELLED})
# An order that is not cancelled with a deadline still unmet: whether it is late depends on
# the moment the indicators are read, so they read these orders live (see `tally`).
UNMET = ~Q(status=Status.CANCELLED) & (
    Q(response_due_at__isnull=False, responded_at__isnull=True)
    | Q(arrival_due_at__isnull=False, arrived_at__isnull=True)
    | Q(resolution_due_at__isnull=False, resolved_at__isnull=True)
)


class ComplainantType(models.TextChoices):
    """The four kinds of complainant of the training report (§10), each with its handling."""

    AGGRESSIVE = "aggressive", _("Aggressive")
    CONSTRUCTIVE = "constructive", _("Constructive")
    SHOUTING = "shouting", _("Shouting")
    IRRATIONAL = "irrational", _("Irrational")


COMPLAINANT_HINTS = {
    ComplainantType.AGGRESSIVE: _(
        "Calm the emotions first; talk apart from others if needed; act fast."
    ),
    ComplainantType.CONSTRUCTIVE: _("Show respect, keep to the facts, do not over-promise."),
    ComplainantType.SHOUTING: _("Acknowledge the feeling, pause briefly, then clarify."),
    ComplainantType.IRRATIONAL: _(
        "Keep a firm, positive stance; let them choose among solutions; state the "
        "consequences; guarantee it will not happen again."
    ),
}

# The ten steps of handling a complaint (投诉处理十步), ticked on the order.
COMPLAINT_STEPS = (
    _("Listen fully"),
    _("Confirm the content"),
    _("Show sympathy and respect"),
    _("Apologise for what happened"),
    _("Propose a solution good for both sides"),
    _("Say what action you will take"),
    _("Follow up and reply to the owner"),
    _("Ask about other needs"),
    _("Give your own name for further contact"),
    _("Thank the owner"),
)


class Visibility(models.TextChoices):
    """Who reads a line of an order's timeline. The owner reads replies and the progress of
    their request, never what staff write for each other (dispatch and transfer notes,
    holds, supervisors' notes, the complaint checklist)."""

    INTERNAL = "internal", _("Staff only")
    # The owner sees that it happened and when, not the note written with it.
    PROGRESS = "progress", _("Progress shown to the owner, note kept internal")
    OWNER = "owner", _("Reply to the owner")


class ReplyChannel(models.TextChoices):
    """How a reply reached the owner (答复方式)."""

    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    SMS = "sms", _("Text message")
    PORTAL = "portal", _("Written reply in the owner portal")
    EMAIL = "email", _("E-mail")


class TargetClock(models.TextChoices):
    """How an SLA target is counted (the first two are the service calendar's clocks)."""

    ROUND_THE_CLOCK = "24x7", _("Minutes, around the clock")
    SERVICE = "service", _("Minutes of service time")
    WORKING_DAYS = "working_days", _("Working days (by the end of the day)")


class CallbackScope(models.TextChoices):
    ALL = "all", _("Every resolved repair and complaint")
    UNRATED = "unrated", _("Only those the owner did not rate")


class RepairChargesPosted(models.TextChoices):
    """When a paid repair's price goes on the home's bill; until then it shows as pending."""

    ON_ACCEPTANCE = "acceptance", _("When the owner accepts the work")
    ON_RESOLUTION = "resolution", _("As soon as the work is resolved")


class DeskSettings(models.Model):
    """A community's settings of the customer center (defaults apply while none is saved)."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="desk_settings"
    )
    chase_interval_minutes = models.PositiveIntegerField(
        _("an owner may chase once every (minutes)"), default=30
    )
    reopen_days = models.PositiveIntegerField(
        _("an owner may reopen within (days) of resolution"), default=7
    )
    callback_scope = models.CharField(
        _("call-back queue"), max_length=10, choices=CallbackScope.choices, default="all"
    )
    warn_percent = models.PositiveSmallIntegerField(
        _("warn the assignee at (percent of the time)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    manager_escalation_minutes = models.PositiveIntegerField(
        _("escalate to the manager after (minutes) overdue"), default=120
    )
    max_open_orders = models.PositiveSmallIntegerField(
        _("most open orders a person is suggested for"), default=8
    )
    repair_charges_posted = models.CharField(
        _("post paid repairs to the home's bill"),
        max_length=10,
        choices=RepairChargesPosted.choices,
        default=RepairChargesPosted.ON_ACCEPTANCE,
        help_text=_(
            "The owner accepts the work by rating it or at a satisfied call-back; closing the "
            "order posts it in any case."
        ),
    )
    off_list_items_allowed = models.BooleanField(
        _("items off the price list may be charged"),
        default=False,
        help_text=_(
            "A technician may then charge an item with its own price; a supervisor approves it "
            "before it goes on the bill."
        ),
    )

    class Meta:
        verbose_name = _("customer-center settings")
        verbose_name_plural = _("customer-center settings")

    def __str__(self) -> str:
        return str(self.community)

    @classmethod
    def for_community(cls, community_id: int) -> DeskSettings:
        """The saved settings, or the defaults (unsaved) when the community has none."""
        found = cls.objects.filter(community_id=community_id).first()
        return found or cls(community_id=community_id)


class Team(models.Model):
    """A team that takes work orders of some categories (engineering, security, cleaning …)."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="teams", verbose_name=_("community")
    )
    name = models.CharField(pgettext_lazy("team", "name"), max_length=100)
    categories = models.JSONField(
        _("categories"), default=list, blank=True, help_text=_("Work-order categories it takes.")
    )
    subcategories = models.JSONField(
        _("subcategories"),
        default=list,
        blank=True,
        help_text=_("Empty: every subcategory of its categories."),
    )
    supervisor = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def takes(self, category: str, subcategory: str) -> bool:
        return category in self.categories and (
            not self.subcategories or subcategory in self.subcategories
        )


class TeamMember(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="desk_teams", verbose_name=_("user")
    )
    skills = models.JSONField(
        _("skills"), default=list, blank=True, help_text=_("Subcategories this person handles.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team}"

    @property
    def community_id(self) -> int:
        return self.team.community_id


class Shift(models.TextChoices):
    DAY = "day", pgettext_lazy("shift", "Day")
    NIGHT = "night", _("Night")


class DutyRoster(models.Model):
    """Who is on duty (值班), day or night; night duty takes emergencies after service hours."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="duty_roster", verbose_name=_("community")
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="duties", verbose_name=_("user")
    )
    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=5, choices=Shift.choices)

    class Meta:
        verbose_name = _("duty roster entry")
        verbose_name_plural = _("duty roster")
        ordering = ["community_id", "-date", "shift"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "date", "shift", "user"], name="duty_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()} · {self.user}"


class SlaPolicy(models.Model):
    """Targets for one category and priority: first response, on site, resolved.

    A target is minutes (around the clock or of service time) or working days; empty means
    the target does not apply.
    """

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="sla_policies",
        verbose_name=_("community"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    response_target = models.PositiveIntegerField(_("first response"), null=True, blank=True)
    response_clock = models.CharField(
        _("first response counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )
    arrival_target = models.PositiveIntegerField(_("on site"), null=True, blank=True)
    arrival_clock = models.CharField(
        _("on site counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )
    resolution_target = models.PositiveIntegerField(_("resolved"), null=True, blank=True)
    resolution_clock = models.CharField(
        _("resolved counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["community_id", "category", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "category", "priority"], name="sla_policy_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.get_priority_display()}"


class PriceListItem(models.Model):
    """A published repair price (收费公示): what an owner pays for a paid repair."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="price_list", verbose_name=_("community")
    )
    name = models.CharField(_("item"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    price = models.DecimalField(
        _("price (CNY)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    active = models.BooleanField(_("published"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("price-list item")
        verbose_name_plural = _("price list")
        ordering = ["community_id", "sort", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="price_item_unique"),
            models.CheckConstraint(condition=Q(price__gte=0), name="price_item_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.price}/{self.unit})"


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


class CallbackMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    MESSAGE = "message", _("Message")


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


class Message(models.Model):
    """A notification as recorded by the default channel (visible in the admin)."""

    recipient = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="desk_messages", verbose_name=_("recipient")
    )
    order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("work order"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


# ---- the daily summary of the indicators (see `tally`) ----------------------------------------


class DailyTally(models.Model):
    """The counts of the indicators for the orders of one community received on one day, of
    one category and team, that do not depend on when they are read."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    category = models.CharField(max_length=20, choices=Category.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, related_name="+")
    orders = models.PositiveIntegerField(default=0)
    complaints = models.PositiveIntegerField(default=0)
    # Deadlines that apply and were met (on time or late), and those met on time.
    response_settled = models.PositiveIntegerField(default=0)
    response_met = models.PositiveIntegerField(default=0)
    arrival_settled = models.PositiveIntegerField(default=0)
    arrival_met = models.PositiveIntegerField(default=0)
    resolution_settled = models.PositiveIntegerField(default=0)
    resolution_met = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    home_repairs = models.PositiveIntegerField(default=0)
    repeats = models.PositiveIntegerField(default=0)
    escalated = models.PositiveIntegerField(default=0)
    callbacks = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    called_back = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day} {self.category} {self.team_id}"


class TallyMark(models.Model):
    """A day of a community whose summary must be recomputed (an order of it changed)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day}"


class TallyState(models.Model):
    """The one row saying up to which day the summary is complete (locked while refreshing)."""

    ONLY = 1

    through = models.DateField(null=True)

    def __str__(self) -> str:
        return str(self.through)


class NotificationLanguage(models.Model):
    """The language a person reads their notifications in: the one they last signed in with."""

    user = models.OneToOneField(
        USER, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification language")
        verbose_name_plural = _("notification languages")

    def __str__(self) -> str:
        return f"{self.user_id} {self.language}"
