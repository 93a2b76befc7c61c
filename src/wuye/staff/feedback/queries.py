"""Reading staff suggestions and complaints: one's own, and the manager's register."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When

from wuye.core import policy

from .models import FeedbackStatus, StaffFeedback


def own(community_id: int, user):
    return StaffFeedback.objects.filter(community_id=community_id, author=user).order_by(
        "-created_at", "-pk"
    )


def register(community_id: int, *, status: str = "", kind: str = ""):
    """Every item of the community, those awaiting an answer first, oldest of them first."""
    rows = StaffFeedback.objects.filter(community_id=community_id)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return (
        rows.select_related("author")
        .annotate(
            waiting=Case(
                When(status=FeedbackStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-created_at", "-pk")
    )


def visible(user, community_id: int):
    """The items `user` may open: all for the manager, else their own."""
    if policy.has_perm(user, "staff_feedback.answer", community_id):
        return StaffFeedback.objects.filter(community_id=community_id)
    return own(community_id, user)


def author_shown(feedback: StaffFeedback, user) -> bool:
    """Whether `user` may see who wrote it: always their own; others only when not anonymous."""
    return feedback.author_id == user.pk or not feedback.anonymous
