"""Changes to the training register: the course catalogue, and each session held with its
trainer, its attendees and their scores.

Every change checks the permission, validates all of its input before it writes anything,
and writes the rows and their audit entry in one transaction; a refused change changes
nothing (and leaves no attached file behind).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wuye.core import audit, params, policy, uploads
from wuye.core.models import Community, Membership
from wuye.core.validators import clean_text, conflict

from .models import Course, Topic, TrainingRecord, TrainingSession

SCORE = re.compile(r"[0-9]{1,3}")
MIN_HOURS, MAX_HOURS = Decimal("0.5"), Decimal("99")
# A sign-in sheet (签到表) or the handout: a PDF, or a photo of the sheet.
ATTACHMENT_TYPES = {
    b"%PDF-": ".pdf",
    b"\x89PNG\r\n\x1a\n": ".png",
    b"\xff\xd8\xff": ".jpg",
}
ATTACHMENT_IMAGES = {"PNG", "JPEG"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}


# ---- checks -----------------------------------------------------------------------------


def _hours(value, field: str = "hours") -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        hours = None
    if hours is None or not hours.is_finite() or not MIN_HOURS <= hours <= MAX_HOURS:
        raise ValidationError({field: _("Enter the hours: from 0.5 to 99.")})
    return hours


def _text(value, field: str, limit: int, *, required: bool = False, message: str = "") -> str:
    text = clean_text(value or "")
    if required and not text:
        raise ValidationError({field: message or _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Write at most %(limit)s characters.") % {"limit": limit}})
    return text


def staff_ids(community_id: int) -> set[int]:
    """The people who work in the community today: an active membership of it."""
    return set(
        Membership.objects.filter(
            community_id=community_id, active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _attendees(community: Community, attendees) -> list:
    people = list(dict.fromkeys(attendees or []))
    if not people:
        raise ValidationError({"attendees": _("Choose at least one attendee.")})
    working = staff_ids(community.pk)
    if any(person.pk not in working for person in people):
        raise ValidationError({"attendees": _("Attendees must be staff of this community.")})
    return people


def _scores(scores, people) -> dict[int, int | None]:
    """Scores by person: whole numbers from 0 to 100, or none (not examined)."""
    ids = {person.pk for person in people}
    found: dict[int, int | None] = {}
    for person, score in (scores or {}).items():
        pk = getattr(person, "pk", person)
        if pk not in ids:
            raise ValidationError({"scores": _("A score is given for someone who did not attend.")})
        if score is None or score == "":
            found[pk] = None
            continue
        if isinstance(score, bool) or not isinstance(score, int | str):
            raise ValidationError({"scores": _("A score is a whole number from 0 to 100.")})
        if isinstance(score, str) and not SCORE.fullmatch(score.strip()):
            raise ValidationError({"scores": _("A score is a whole number from 0 to 100.")})
        number = int(score)
        if not 0 <= number <= 100:
            raise ValidationError({"scores": _("A score is a whole number from 0 to 100.")})
        found[pk] = number
    return found


def _trainer(community: Community, trainer, trainer_name: str):
    name = _text(trainer_name, "trainer_name", 100)
    if trainer is None and not name:
        raise ValidationError(
            {"trainer": _("Choose the trainer, or write the name of an outside trainer.")}
        )
    if trainer is not None and trainer.pk not in staff_ids(community.pk):
        raise ValidationError({"trainer": _("The trainer must be staff of this community.")})
    return trainer, "" if trainer is not None else name


def _day(value) -> date:
    if not isinstance(value, date):
        raise ValidationError({"date": _("Enter the day the session was held.")})
    try:
        params.validate_day(value)
    except ValidationError as refused:
        raise ValidationError({"date": refused.messages}) from None
    return value


def check_attachment(upload) -> str:
    """The extension of an acceptable attachment (PDF, PNG or JPEG, at most 10 MB, an image
    judged by the size its header declares before anything decodes it)."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachment": _("Attach a file of at most 10 MB.")})
    head = upload.read(8)
    upload.seek(0)
    extension = next((ext for magic, ext in ATTACHMENT_TYPES.items() if head.startswith(magic)), "")
    if not extension:
        raise ValidationError({"attachment": _("Attach a PDF, PNG or JPEG file.")})
    if extension != ".pdf":
        try:
            found = uploads.image_format(upload.read(), ATTACHMENT_IMAGES)
        except ValidationError as refused:
            raise ValidationError({"attachment": refused.messages}) from None
        finally:
            upload.seek(0)
        if found is None:
            raise ValidationError({"attachment": _("Attach a PDF, PNG or JPEG file.")})
    return extension


# ---- courses ----------------------------------------------------------------------------

COURSE_FIELDS = ("title", "topic", "hours", "description", "order", "active")


def _course_values(community: Community, data: dict, course: Course | None) -> dict:
    values = {
        "title": _text(
            data.get("title"),
            "title",
            120,
            required=True,
            message=_("Enter the course's title."),
        ),
        "topic": data.get("topic") or Topic.OTHER,
        "hours": _hours(data.get("hours", "1")),
        "description": _text(data.get("description"), "description", 2000),
        "order": data.get("order") or 0,
        "active": bool(data.get("active", True)),
    }
    if values["topic"] not in Topic.values:
        raise ValidationError({"topic": _("Choose a topic from the list.")})
    if not isinstance(values["order"], int) or not 0 <= values["order"] <= 999:
        raise ValidationError({"order": _("Enter an order from 0 to 999.")})
    same = Course.objects.filter(community=community, title=values["title"])
    if course is not None:
        same = same.exclude(pk=course.pk)
    if same.exists():
        raise ValidationError({"title": conflict(_("A course of this title is already listed."))})
    return values


@transaction.atomic
def course_create(*, actor, community: Community, **data) -> Course:
    """Add a course to the community's catalogue (title, topic, usual hours, description)."""
    policy.require_perm(actor, "training.manage", community.pk)
    values = _course_values(community, data, None)
    course = Course(community=community, **values)
    try:
        with transaction.atomic():
            course.save()
    except IntegrityError as error:
        raise ValidationError(
            {"title": conflict(_("A course of this title is already listed."))}
        ) from error
    audit.record(
        actor=actor,
        action="training.course_create",
        obj=course,
        changes={key: str(value) for key, value in values.items()},
    )
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **data) -> Course:
    """Change a course of the catalogue; sessions already held keep their hours."""
    policy.require_perm(actor, "training.manage", course.community_id)
    course = Course.objects.select_for_update().select_related("community").get(pk=course.pk)
    merged = {name: getattr(course, name) for name in COURSE_FIELDS} | data
    values = _course_values(course.community, merged, course)
    before = {name: getattr(course, name) for name in COURSE_FIELDS}
    for name, value in values.items():
        setattr(course, name, value)
    try:
        with transaction.atomic():
            course.save()
    except IntegrityError as error:
        raise ValidationError(
            {"title": conflict(_("A course of this title is already listed."))}
        ) from error
    audit.record(
        actor=actor, action="training.course_update", obj=course, changes=audit.diff(before, values)
    )
    return course


# ---- sessions ---------------------------------------------------------------------------


@transaction.atomic
def session_record(
    *,
    actor,
    course: Course,
    date: date,
    hours,
    attendees,
    trainer=None,
    trainer_name: str = "",
    place: str = "",
    note: str = "",
    scores: dict | None = None,
    attachment=None,
) -> TrainingSession:
    """Record a session held: the course, the day, its trainer (one of the staff, or the
    name of an outside one), its hours, where, and who attended with their scores (0–100,
    or none). Each attendee is credited the session's hours."""
    community = course.community
    policy.require_perm(actor, "training.manage", community.pk)
    if not course.active:
        raise ValidationError({"course": _("This course is no longer given.")})
    day = _day(date)
    hours = _hours(hours)
    trainer, trainer_name = _trainer(community, trainer, trainer_name)
    place = _text(place, "place", 100)
    note = _text(note, "note", 2000)
    people = _attendees(community, attendees)
    marks = _scores(scores, people)
    extension = check_attachment(attachment) if attachment else ""
    session = TrainingSession(
        community=community,
        course=course,
        date=day,
        trainer=trainer,
        trainer_name=trainer_name,
        hours=hours,
        place=place,
        note=note,
    )
    if attachment:
        session.attachment.save(f"{uuid.uuid4().hex}{extension}", attachment, save=False)
    try:
        session.save()
        TrainingRecord.objects.bulk_create(
            TrainingRecord(session=session, user=person, hours=hours, score=marks.get(person.pk))
            for person in people
        )
        audit.record(
            actor=actor,
            action="training.session_record",
            obj=session,
            changes={
                "course": course.title,
                "date": day.isoformat(),
                "hours": str(hours),
                "attendees": len(people),
                "attachment": bool(attachment),
            },
        )
    except BaseException:
        if session.attachment:
            session.attachment.storage.delete(session.attachment.name)
        raise
    return session


@transaction.atomic
def session_update_scores(*, actor, session: TrainingSession, scores: dict) -> TrainingSession:
    """Give or correct the scores of a session's attendees (0–100, or none)."""
    policy.require_perm(actor, "training.manage", session.community_id)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    records = {r.user_id: r for r in session.records.select_related("user")}
    people = [r.user for r in records.values()]
    marks = _scores(scores, people)
    changed = []
    for pk, score in marks.items():
        record = records[pk]
        if record.score != score:
            record.score = score
            changed.append(record)
    TrainingRecord.objects.bulk_update(changed, ["score"])
    audit.record(
        actor=actor,
        action="training.session_scores",
        obj=session,
        changes={"scores": len(changed)},
    )
    return session


def attendee_choices(community: Community):
    """The people who may attend: the community's staff today, by name."""
    return (
        get_user_model()
        .objects.filter(pk__in=staff_ids(community.pk))
        .order_by("last_name", "first_name", "username")
    )
