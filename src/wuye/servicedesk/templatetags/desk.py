"""Small display helpers of the customer-center pages."""

from django import template

from wuye.core.people import display_name

from ..models import Priority, ReplyChannel, Status
from ..workflow import ACTION_LABELS

register = template.Library()

STATUS_CLASSES = {
    Status.SUBMITTED: "text-bg-warning",
    Status.ACCEPTED: "text-bg-info",
    Status.DISPATCHED: "text-bg-primary",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.ON_HOLD: "text-bg-secondary",
    Status.RESOLVED: "text-bg-success",
    Status.VISITED: "text-bg-success",
    Status.CLOSED: "text-bg-dark",
    Status.CANCELLED: "text-bg-light border",
}
PRIORITY_CLASSES = {
    Priority.EMERGENCY: "text-bg-danger",
    Priority.URGENT: "text-bg-warning",
    Priority.NORMAL: "text-bg-light border",
    Priority.LOW: "text-bg-light border",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-light")


@register.filter
def priority_class(priority: str) -> str:
    return PRIORITY_CLASSES.get(priority, "text-bg-light")


@register.filter
def event_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.filter
def reply_channel(channel: str) -> str:
    """How a reply reached the owner, in words (phone, in person …)."""
    labels = dict(ReplyChannel.choices)
    return str(labels[channel]) if channel in labels else ""


@register.filter
def person(user) -> str:
    return display_name(user)
