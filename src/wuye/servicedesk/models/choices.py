"""The fixed vocabularies of the customer center — categories, priorities, channels, states
and the like — and the field shapes its models share. The workflow knows these values; the
words shown to people are translatable labels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class CallbackMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    MESSAGE = "message", _("Message")
