"""Staff suggestions and complaints: anyone on the staff writes one, the manager answers it
once, and the author is told.

An anonymous one never names its author to anyone but the author: the audit entry of its
submission has no actor and its changes say nothing of who wrote it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict

from . import notifications
from .models import FeedbackKind, FeedbackStatus, StaffFeedback

SUBJECT_MAX, BODY_MAX = 120, 4000


def _text(value, field: str, limit: int, message: str) -> str:
    text = clean_text(value or "")
    if not text:
        raise ValidationError({field: message})
    if len(text) > limit:
        raise ValidationError({field: _("Write at most %(limit)s characters.") % {"limit": limit}})
    return text


@transaction.atomic
def feedback_submit(
    *, actor, community: Community, kind: str, subject: str, body: str, anonymous: bool = False
) -> StaffFeedback:
    """A suggestion or complaint from a member of staff to the manager."""
    policy.require_perm(actor, "staff_feedback.submit", community.pk)
    if kind not in FeedbackKind.values:
        raise ValidationError({"kind": _("Choose suggestion or complaint.")})
    subject = _text(subject, "subject", SUBJECT_MAX, _("Write what it is about."))
    body = _text(body, "body", BODY_MAX, _("Write the details."))
    feedback = StaffFeedback.objects.create(
        community=community,
        author=actor,
        anonymous=bool(anonymous),
        kind=kind,
        subject=subject,
        body=body,
    )
    audit.record(
        actor=None if feedback.anonymous else actor,
        action="staff_feedback.submit",
        obj=feedback,
        changes={"kind": kind, "anonymous": feedback.anonymous},
    )
    return feedback


@transaction.atomic
def feedback_answer(*, actor, feedback: StaffFeedback, answer: str) -> StaffFeedback:
    """The manager's answer; it closes the item and the author is told."""
    policy.require_perm(actor, "staff_feedback.answer", feedback.community_id)
    feedback = (
        StaffFeedback.objects.select_for_update()
        .select_related("community", "author")
        .get(pk=feedback.pk)
    )
    if feedback.status == FeedbackStatus.ANSWERED:
        raise conflict(_("This has already been answered."))
    feedback.answer = _text(answer, "answer", BODY_MAX, _("Write the answer."))
    feedback.status = FeedbackStatus.ANSWERED
    feedback.answered_by = actor
    feedback.answered_at = timezone.now()
    feedback.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    audit.record(
        actor=actor, action="staff_feedback.answer", obj=feedback, changes={"status": "answered"}
    )

    def compose() -> tuple[str, str]:
        text = str(notifications.ANSWERED.text)
        return text, "\n".join([text, feedback.subject, "", feedback.answer])

    transaction.on_commit(
        lambda: notify.deliver(
            [feedback.author],
            compose,
            kind=notifications.ANSWERED,
            about=feedback,
            community=feedback.community,
        )
    )
    return feedback
