"""Community life (社区文化, 经理接待日, 走访): events and their sign-ups, interest groups and
their notice boards, the manager's reception days with bookable slots, and visits to homes.

A finding of a reception booking or of a visit can become a work order of the service desk;
the record keeps the order it became, so converting twice gives the same order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.estates.models import Resident, Unit

USER = settings.AUTH_USER_MODEL


class Event(models.Model):
    """A community event (社区文化活动) for the residents of a community or chosen buildings.

    Households sign up with a number of people; when the event is full they join its waiting
    list, which moves up when someone cancels. A cancelled event stays, with its reason.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="events", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    signup_deadline = models.DateTimeField(_("sign-up deadline"))
    buildings = models.ManyToManyField(
        "estates.Building",
        blank=True,
        related_name="events",
        verbose_name=_("buildings"),
        help_text=_("Leave empty to invite the whole community."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["community", "-starts_at"])]

    def __str__(self) -> str:
        return self.title


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Signed up")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventSignup(models.Model):
    """A household's sign-up for an event: how many people come from which home."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="signups", verbose_name=_("event")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="event_signups", verbose_name=_("home")
    )
    people = models.PositiveSmallIntegerField(_("people"))
    status = models.CharField(_("status"), max_length=10, choices=SignupStatus.choices)
    signed_up_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed up by")
    )
    signed_up_at = models.DateTimeField(_("signed up at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    attended = models.PositiveSmallIntegerField(_("people who came"), default=0)

    class Meta:
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        ordering = ["event_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "unit"],
                condition=~Q(status="cancelled"),
                name="event_signup_once_per_home",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.event} · {self.unit_id}"

    @property
    def community_id(self) -> int:
        return self.event.community_id


class InterestGroup(models.Model):
    """An owners' interest group (兴趣小组): calligraphy, square dance, chess, reading."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="interest_groups",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest group")
        verbose_name_plural = _("interest groups")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="interest_group_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A resident's membership of a group; leaving ends it (joining again starts a new one)."""

    group = models.ForeignKey(InterestGroup, on_delete=models.CASCADE, related_name="memberships")
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="group_memberships"
    )
    joined_at = models.DateTimeField(_("joined at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group_id", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "resident"],
                condition=Q(left_at__isnull=True),
                name="group_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.resident_id}"


class GroupPost(models.Model):
    """A post on a group's notice board, by a member, the organiser or staff."""

    group = models.ForeignKey(InterestGroup, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("text"))
    posted_at = models.DateTimeField(_("posted at"))

    class Meta:
        verbose_name = _("group post")
        verbose_name_plural = _("group posts")
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["group", "-posted_at"])]

    def __str__(self) -> str:
        return self.body[:50]


class ReceptionSlot(models.Model):
    """One bookable slot of the manager's reception day (经理接待日)."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="reception_slots",
        verbose_name=_("community"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    host = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("received by")
    )

    class Meta:
        verbose_name = _("reception slot")
        verbose_name_plural = _("reception slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "starts_at"], name="reception_slot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class ReceptionBooking(models.Model):
    """An owner's booking of a slot, the topic they bring, and what came of it."""

    slot = models.ForeignKey(
        ReceptionSlot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_bookings", verbose_name=_("home")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    topic = models.TextField(_("topic"))
    booked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up = models.BooleanField(_("follow-up needed"), default=False)
    outcome_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    work_order = models.OneToOneField(
        "servicedesk.WorkOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_booking",
        verbose_name=_("work order"),
    )

    class Meta:
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(cancelled_at__isnull=True),
                name="reception_booking_once_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot} · {self.unit_id}"

    @property
    def community_id(self) -> int:
        return self.unit.community_id


class Visit(models.Model):
    """A visit to a home (走访): who went, whom they met, what they found."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="visits", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="visits", verbose_name=_("home")
    )
    visited_on = models.DateField(_("visited on"))
    visitor = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("visitor")
    )
    people_met = models.CharField(_("people met"), max_length=200)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident met"),
    )
    findings = models.TextField(_("findings"))
    follow_up = models.BooleanField(_("follow-up needed"), default=False)
    work_order = models.OneToOneField(
        "servicedesk.WorkOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit",
        verbose_name=_("work order"),
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("owner visit")
        verbose_name_plural = _("owner visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [
            models.Index(fields=["community", "-visited_on"]),
            models.Index(fields=["unit", "-visited_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.visited_on} · {self.unit_id}"
