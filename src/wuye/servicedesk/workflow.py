"""The work-order workflow in one place: which action goes from which state to which, and who.

`TRANSITIONS` is the only table of allowed states; `may` is the only answer to "may this
person do this action to this order" (roles come from the core policy's PERMISSIONS, the
relation to the order — assignee, reporter — from the order itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import policy

from .models import (
    OPEN_STATES,
    REPAIRS,
    CallbackScope,
    Category,
    DeskSettings,
    Status,
    Visibility,
    WorkOrder,
)

S = Status


class InvalidTransition(Exception):
    """The action is not allowed from the order's current state (the API answers 409)."""


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    # The state the action leads to; None: the order stays where it is.
    target: str | None


ALL_STATES = frozenset(Status.values)
WORKING = frozenset({S.DISPATCHED, S.IN_PROGRESS})

TRANSITIONS: dict[str, Rule] = {
    "accept": Rule(frozenset({S.SUBMITTED}), S.ACCEPTED),
    "dispatch": Rule(frozenset({S.SUBMITTED, S.ACCEPTED}), S.DISPATCHED),
    # The assignee says when they reached the place (and where they were); the order waits
    # for them to start the work.
    "arrive": Rule(frozenset({S.DISPATCHED}), None),
    "start": Rule(frozenset({S.DISPATCHED}), S.IN_PROGRESS),
    "hold": Rule(WORKING, S.ON_HOLD),
    # Back to the state the order was in when it was put on hold.
    "resume": Rule(frozenset({S.ON_HOLD}), None),
    "transfer": Rule(WORKING, S.DISPATCHED),
    "send_back": Rule(WORKING, S.ACCEPTED),
    "resolve": Rule(WORKING, S.RESOLVED),
    "rate": Rule(frozenset({S.RESOLVED, S.VISITED, S.CLOSED}), None),
    # A satisfied call-back leads to `visited`; an unsatisfied one back to `dispatched`.
    "visit": Rule(frozenset({S.RESOLVED}), S.VISITED),
    "close": Rule(frozenset({S.RESOLVED, S.VISITED}), S.CLOSED),
    "reopen": Rule(frozenset({S.RESOLVED, S.VISITED, S.CLOSED}), S.DISPATCHED),
    "cancel": Rule(OPEN_STATES, S.CANCELLED),
    "chase": Rule(OPEN_STATES, None),
    "comment": Rule(ALL_STATES, None),
    # A supervisor approves the items charged off the price list; the order stays put.
    "approve_items": Rule(ALL_STATES - {S.CANCELLED}, None),
    # A reply to the complainant (答复), recorded by the office; it may follow the work too.
    "reply": Rule(ALL_STATES - {S.CANCELLED}, None),
}
ACTIONS = tuple(TRANSITIONS)

ACTION_LABELS = {
    "submit": gettext_lazy("Submitted"),
    "accept": gettext_lazy("Accepted"),
    "dispatch": gettext_lazy("Dispatched"),
    "arrive": gettext_lazy("Arrived on site"),
    "start": gettext_lazy("Started"),
    "hold": gettext_lazy("Put on hold"),
    "resume": gettext_lazy("Resumed"),
    "transfer": gettext_lazy("Transferred"),
    "send_back": gettext_lazy("Sent back"),
    "resolve": gettext_lazy("Resolved"),
    "rate": gettext_lazy("Rated"),
    "visit": gettext_lazy("Called back"),
    "close": gettext_lazy("Closed"),
    "reopen": gettext_lazy("Reopened"),
    "cancel": gettext_lazy("Cancelled"),
    "chase": gettext_lazy("Chased"),
    "comment": gettext_lazy("Comment"),
    "approve_items": gettext_lazy("Priced items approved"),
    "warn": gettext_lazy("Deadline near"),
    "escalate": gettext_lazy("Escalated"),
    "complaint_step": gettext_lazy("Complaint step done"),
    "photo": gettext_lazy("Photo added"),
    "spot_check": gettext_lazy("Spot-checked"),
    "reply": gettext_lazy("Reply to the owner"),
}

V = Visibility
# What the owner reads of each action on the timeline, unless staff write the note as a
# reply to the owner (then the owner reads it with its note): the milestones of their
# request without the note, the result of the work and replies with it, and nothing of
# what staff write for each other. What the owner writes is always theirs to read.
VISIBILITY: dict[str, str] = {
    "submit": V.PROGRESS,
    "accept": V.PROGRESS,
    "dispatch": V.PROGRESS,
    "arrive": V.PROGRESS,
    "start": V.PROGRESS,
    "hold": V.INTERNAL,
    "resume": V.INTERNAL,
    "transfer": V.INTERNAL,
    "send_back": V.INTERNAL,
    "resolve": V.OWNER,
    "rate": V.OWNER,
    "visit": V.PROGRESS,
    "close": V.PROGRESS,
    "reopen": V.PROGRESS,
    "cancel": V.PROGRESS,
    "chase": V.OWNER,
    "comment": V.INTERNAL,
    "warn": V.INTERNAL,
    "escalate": V.INTERNAL,
    "complaint_step": V.INTERNAL,
    "photo": V.PROGRESS,
    "spot_check": V.INTERNAL,
    "reply": V.OWNER,
    "approve_items": V.INTERNAL,
}
# The staff actions whose note may be written as a reply to the owner.
SHAREABLE = frozenset(
    {"accept", "dispatch", "start", "hold", "resume", "close", "reopen", "cancel", "comment"}
)


def visibility(user, action: str, order: WorkOrder, *, to_owner: bool = False) -> str:
    """Who reads the timeline line `user` writes for `action` (see `VISIBILITY`); a line
    the system writes (`user` None) follows the table."""
    by_owner = getattr(user, "is_authenticated", False) and reads_as_owner(user, order)
    if by_owner or (to_owner and action in SHAREABLE):
        return V.OWNER
    return VISIBILITY[action]


def require_state(order: WorkOrder, action: str) -> Rule:
    """The action's rule, or InvalidTransition when the order's state does not allow it."""
    rule = TRANSITIONS[action]
    if order.status not in rule.sources:
        raise InvalidTransition(
            _("This order is %(status)s: it cannot be %(action)s now.")
            % {"status": order.get_status_display(), "action": str(ACTION_LABELS[action]).lower()}
        )
    return rule


def callback_needed(order: WorkOrder) -> bool:
    """Whether a resolved order waits in the call-back queue (回访) before it may be closed:
    repairs and complaints, all of them or only those the owner did not rate."""
    if order.category not in REPAIRS | {Category.COMPLAINT}:
        return False
    scope = DeskSettings.for_community(order.community_id).callback_scope
    return scope == CallbackScope.ALL or order.owner_score is None


def refusal(user, action: str, order: WorkOrder, at: datetime) -> str | None:
    """Why an action the table allows cannot be taken now by this person, or None."""
    office = action in ("cancel", "reopen") and _perm(user, f"workorder.{action}", order)
    if action == "close" and order.status == S.RESOLVED and callback_needed(order):
        return _("Call the owner back before closing this order.")
    if action == "cancel" and not office and order.status != S.SUBMITTED:
        return _("This order is already being handled: ask the front desk to cancel it.")
    if action == "approve_items" and not any(i.awaiting_approval for i in order.items.all()):
        return _("No priced item waits for approval.")
    if action == "reply" and order.category != Category.COMPLAINT:
        return _("Replies are recorded on complaints; add a comment for the owner instead.")
    if action == "arrive" and order.arrived_at is not None:
        return _("The arrival on site was recorded at %(time)s.") % {
            "time": timezone.localtime(order.arrived_at).strftime("%Y-%m-%d %H:%M")
        }
    if action == "rate" and order.rated_at is not None:
        return _("This order has already been rated.")
    if action == "chase" and order.last_chased_at is not None:
        interval = timedelta(
            minutes=DeskSettings.for_community(order.community_id).chase_interval_minutes
        )
        if at < order.last_chased_at + interval:
            again = timezone.localtime(order.last_chased_at + interval)
            return _("You have just chased this order; you can chase again after %(time)s.") % {
                "time": again.strftime("%H:%M")
            }
    if action == "reopen" and not office and order.resolved_at is not None:
        days = DeskSettings.for_community(order.community_id).reopen_days
        if at > order.resolved_at + timedelta(days=days):
            return _(
                "This order was resolved more than %(days)s days ago: call the front desk."
            ) % {"days": days}
    return None


def allowed_actions(user, order: WorkOrder, at: datetime | None = None) -> list[str]:
    """The actions this person may take on the order now (for buttons)."""
    at = at or timezone.now()
    return [
        action
        for action, rule in TRANSITIONS.items()
        if order.status in rule.sources
        and may(user, action, order)
        and refusal(user, action, order, at) is None
    ]


# ---- who ------------------------------------------------------------------------------


def is_reporter(user, order: WorkOrder) -> bool:
    """The person who reported the order, or the resident it was reported for."""
    if not getattr(user, "is_authenticated", False):
        return False
    if order.reporter_user_id == user.pk:
        return True
    resident_id = order.reporter_resident_id
    return resident_id is not None and resident_id in policy.resident_ids(user)


def reads_as_owner(user, order: WorkOrder) -> bool:
    """Whether the user reads the order as its owner does (a resident, not its staff): only
    replies, the progress of the request and what the owner wrote themselves."""
    return not _perm(user, "workorder.view", order)


def is_assignee(user, order: WorkOrder) -> bool:
    return getattr(user, "is_authenticated", False) and order.assignee_id == user.pk


def _perm(user, perm: str, order: WorkOrder) -> bool:
    return policy.has_perm(user, perm, order.community_id)


def may_dispatch(user, order: WorkOrder) -> bool:
    """The office dispatches everything; the engineering supervisor dispatches repairs."""
    return _perm(user, "workorder.dispatch", order) or (
        order.is_repair and _perm(user, "workorder.dispatch_repairs", order)
    )


def may(user, action: str, order: WorkOrder) -> bool:
    """May `user` take `action` on `order` (whatever its state)?"""
    if not policy.can(user, "view", order):
        return False
    if action == "accept":
        return _perm(user, "workorder.accept", order)
    if action == "dispatch":
        return may_dispatch(user, order)
    if action == "transfer":
        return is_assignee(user, order) or may_dispatch(user, order)
    if action in ("arrive", "start", "hold", "resume", "send_back", "resolve"):
        return is_assignee(user, order)
    if action in ("rate", "chase"):
        return is_reporter(user, order)
    if action in ("visit", "close", "reply"):
        return _perm(user, f"workorder.{action}", order)
    if action in ("reopen", "cancel"):
        return is_reporter(user, order) or _perm(user, f"workorder.{action}", order)
    if action == "approve_items":
        return _perm(user, "workorder.approve_items", order)
    if action == "comment":
        return (
            is_reporter(user, order)
            or is_assignee(user, order)
            or _perm(user, "workorder.view", order)
        )
    return False
