"""ID-card numbers (身份证号): changing one, and the supervisor's check of a number that
another resident of the community already has.

Uniqueness must not be observable to someone who may not read full numbers: their change
is answered alike whether the number is taken or not, audited, and limited per hour; a
number already on file waits in a queue for a supervisor who may read full numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, crypto, policy
from wuye.core.models import AuditEntry
from wuye.core.validators import CONFLICT, clean_text

from .models import IdNumberReview, Resident, ReviewOutcome

# Someone who may not read full numbers changes at most this many an hour: enough for a
# desk registering residents, too few to guess a number digit by digit.
ID_NUMBER_CHANGES_PER_HOUR = 30


@dataclass
class _IdNumberChange:
    """A new ID-card number set on a resident, and what to write once the resident is saved."""

    actor: Any
    previous_cipher: str
    previous_masked: str
    holder: Resident | None

    def record(self, resident: Resident) -> None:
        """Audit the change (every one) and put a clash in the supervisors' queue."""
        audit.record(
            actor=self.actor,
            action="resident.id_number_change",
            obj=resident,
            changes={"id_number": [self.previous_masked, resident.id_number_masked]},
        )
        earlier = IdNumberReview.objects.filter(resident=resident, outcome=ReviewOutcome.OPEN)
        earlier = earlier.select_for_update().first()
        previous_cipher, previous_masked = self.previous_cipher, self.previous_masked
        if earlier is not None:
            # The number on file before is the one before the first unchecked change.
            previous_cipher, previous_masked = earlier.previous_cipher, earlier.previous_masked
            _review_close(earlier, actor=self.actor, outcome=ReviewOutcome.SUPERSEDED)
        if self.holder is None:
            return
        review = IdNumberReview.objects.create(
            community_id=resident.community_id,
            resident=resident,
            holder=self.holder,
            number_digest=crypto.digest(resident.reveal_id_number()),
            number_masked=resident.id_number_masked,
            previous_cipher=previous_cipher,
            previous_masked=previous_masked,
            raised_by=self.actor if getattr(self.actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=self.actor,
            action="resident.id_number_review_open",
            obj=resident,
            changes={"review": review.pk, "holder": self.holder.pk},
        )


def id_number_change(*, actor, resident: Resident, number: str) -> _IdNumberChange:
    """Set `number` on `resident` (not yet saved).

    Whoever may read full numbers is told plainly when another resident of the community
    has it. Anyone else is answered as for any number, so uniqueness reveals nothing: the
    resident keeps the number without its look-up digest and a supervisor checks it.
    Those changes are limited per hour, as a guessing aid would need many.
    """
    may_read = policy.has_perm(actor, "resident.view_id_number", resident.community_id)
    if not may_read:
        _id_number_changes_allowed(actor)
    change = _IdNumberChange(
        actor=actor,
        previous_cipher=resident.id_number_cipher,
        previous_masked=resident.id_number_masked,
        holder=None,
    )
    resident.set_id_number(number)
    if number:
        change.holder = (
            Resident.objects.filter(
                community_id=resident.community_id, id_number_digest=resident.id_number_digest
            )
            .exclude(pk=resident.pk)
            .first()
        )
    if change.holder is not None:
        if may_read:
            raise ValidationError(
                {
                    "id_number": [
                        ValidationError(
                            _("Another resident already has this ID-card number."),
                            code=CONFLICT,
                        )
                    ]
                }
            )
        resident.id_number_digest = ""
    return change


def _id_number_changes_allowed(actor) -> None:
    """Refuse a change beyond the hourly allowance of the actor (their changes serialised)."""
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - timedelta(hours=1)
    made = AuditEntry.objects.filter(
        actor=actor, action="resident.id_number_change", at__gte=since
    ).count()
    if made >= ID_NUMBER_CHANGES_PER_HOUR:
        raise ValidationError(
            {
                "id_number": [
                    _(
                        "You have changed as many ID-card numbers in the last hour as one "
                        "person may; ask a supervisor, or try again later."
                    )
                ]
            }
        )


def _review_close(review: IdNumberReview, *, actor, outcome: str, note: str = "") -> None:
    review.outcome, review.note = outcome, note
    review.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    review.resolved_at = timezone.now()
    review.save(update_fields=["outcome", "note", "resolved_by", "resolved_at"])


@transaction.atomic
def id_number_review_resolve(
    *, actor, review: IdNumberReview, outcome: str, note: str = ""
) -> IdNumberReview:
    """A supervisor decides whose an ID-card number typed twice is.

    `kept`: the resident keeps it and the resident who had it loses it (their number is to
    be entered again); `dismissed`: the number on file before is put back. Both audited.
    """
    review = IdNumberReview.objects.select_for_update().get(pk=review.pk)
    resident = Resident.objects.select_for_update().get(pk=review.resident_id)
    policy.require(actor, "view_id_number", resident)
    if review.outcome != ReviewOutcome.OPEN:
        raise ValidationError(_("This check has already been decided."))
    if outcome not in (ReviewOutcome.KEPT, ReviewOutcome.DISMISSED):
        raise ValidationError({"outcome": [_("Keep the number or dismiss it.")]})
    note = clean_text(note)
    if outcome == ReviewOutcome.KEPT:
        holders = Resident.objects.select_for_update().filter(
            community_id=resident.community_id, id_number_digest=review.number_digest
        )
        for holder in holders.exclude(pk=resident.pk):
            masked = holder.id_number_masked
            holder.set_id_number("")
            holder.save(update_fields=["id_number_cipher", "id_number_digest", "id_number_masked"])
            audit.record(
                actor=actor,
                action="resident.id_number_remove",
                obj=holder,
                changes={"id_number": [masked, ""], "review": review.pk},
            )
        resident.id_number_digest = review.number_digest
        number = [resident.id_number_masked] * 2
    else:
        number = [resident.id_number_masked, review.previous_masked]
        previous = crypto.decrypt(review.previous_cipher) if review.previous_cipher else ""
        resident.set_id_number(previous)
        if (
            previous
            and Resident.objects.filter(
                community_id=resident.community_id, id_number_digest=resident.id_number_digest
            )
            .exclude(pk=resident.pk)
            .exists()
        ):
            raise ValidationError(
                _(
                    "The number on file before is now another resident's too; keep the new "
                    "number, or correct the other resident first."
                )
            )
    try:
        with transaction.atomic():
            resident.save(
                update_fields=["id_number_cipher", "id_number_digest", "id_number_masked"]
            )
    except IntegrityError:
        raise ValidationError(
            _("Someone else has just saved the same record; please check and try again.")
        ) from None
    _review_close(review, actor=actor, outcome=outcome, note=note)
    audit.record(
        actor=actor,
        action="resident.id_number_review_resolve",
        obj=resident,
        changes={"review": review.pk, "outcome": outcome, "id_number": number, "note": note},
    )
    return review
