"""Changes to the incident log: report, follow up, close, raise a work order.

Every action checks the permission, locks the incident, checks its state, writes the change
and its audit entry in one transaction; a refusal changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy, uploads
from wuye.core.models import Community
from wuye.core.validators import conflict, not_found
from wuye.estates.models import Building
from wuye.servicedesk.models import Category, Channel, Priority, WorkOrder
from wuye.servicedesk.services import work_order_submit
from wuye.servicedesk.services.records import atomic_with_photos

from .models import Incident, IncidentKind, IncidentPhoto, IncidentStatus, Severity

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PHOTOS = 6
# The priority of the work order raised for an incident of each severity.
PRIORITY = {
    Severity.LOW: Priority.NORMAL,
    Severity.MEDIUM: Priority.NORMAL,
    Severity.HIGH: Priority.URGENT,
    Severity.CRITICAL: Priority.EMERGENCY,
}


def _text(value: str | None, field: str, limit: int, *, required: bool, message: str) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: [message]})
    if len(text) > limit:
        raise ValidationError({field: [_("Keep it within %(n)s characters.") % {"n": limit}]})
    return text


def _photo(incident: Incident, data: bytes, actor, at: datetime) -> IncidentPhoto:
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError({"photos": [_("A photo may be at most 8 MB.")]})
    try:
        image_format = uploads.image_format(data, PHOTO_FORMATS)
    except ValidationError as refused:
        raise ValidationError({"photos": refused.messages}) from None
    if image_format is None:
        raise ValidationError({"photos": [_("Send a JPEG, PNG or WebP photo.")]})
    photo = IncidentPhoto(
        incident=incident,
        image_format=image_format,
        size=len(data),
        uploaded_by=actor,
        uploaded_at=at,
    )
    photo.file.save(uuid.uuid4().hex, ContentFile(data), save=False)
    photo.save()
    return photo


def incident_report(
    *,
    actor,
    community: Community,
    kind: str,
    occurred_at: datetime,
    place: str,
    description: str,
    severity: str = Severity.LOW,
    building: Building | None = None,
    people_involved: str = "",
    police_report_number: str = "",
    photos: list[bytes] = (),
    at: datetime | None = None,
) -> Incident:
    """Log an incident, with photos of the scene. Refused when the time is in the future or
    more than a year ago, or the building is of another community; nothing is kept then (no
    photo file either)."""
    with atomic_with_photos():
        return _report(
            actor=actor,
            community=community,
            kind=kind,
            occurred_at=occurred_at,
            place=place,
            description=description,
            severity=severity,
            building=building,
            people_involved=people_involved,
            police_report_number=police_report_number,
            photos=list(photos),
            at=at or timezone.now(),
        )


def _report(*, actor, community, photos, at, **data) -> Incident:
    policy.require_perm(actor, "incident.report", community.pk)
    errors: dict[str, list[str]] = {}
    if data["kind"] not in IncidentKind.values:
        errors["kind"] = [_("Choose a kind of incident from the list.")]
    if data["severity"] not in Severity.values:
        errors["severity"] = [_("Choose a severity from the list.")]
    occurred_at = data["occurred_at"]
    if occurred_at is None:
        errors["occurred_at"] = [_("Give the time it happened.")]
    elif occurred_at > at + timezone.timedelta(minutes=5):
        errors["occurred_at"] = [conflict(_("The time it happened cannot be in the future."))]
    elif occurred_at < at - timezone.timedelta(days=366):
        errors["occurred_at"] = [conflict(_("Log incidents of the past year only."))]
    building = data["building"]
    if building is not None and building.community_id != community.pk:
        errors["building"] = [not_found(_("Choose a building of this community."))]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("Send at most %(n)s photos.") % {"n": MAX_PHOTOS}]
    try:
        place = _text(data["place"], "place", 200, required=True, message=_("Give the place."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        description = _text(
            data["description"],
            "description",
            4000,
            required=True,
            message=_("Describe what happened."),
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        people = _text(data["people_involved"], "people_involved", 2000, required=False, message="")
        police = _text(
            data["police_report_number"], "police_report_number", 40, required=False, message=""
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    incident = Incident.objects.create(
        community=community,
        kind=data["kind"],
        severity=data["severity"],
        occurred_at=occurred_at,
        place=place,
        building=building,
        people_involved=people,
        police_report_number=police,
        description=description,
        reported_by=actor,
        reported_at=at,
    )
    for data_bytes in photos:
        _photo(incident, data_bytes, actor, at)
    audit.record(
        actor=actor,
        action="incident.report",
        obj=incident,
        changes={
            "kind": incident.kind,
            "severity": incident.severity,
            "occurred_at": incident.occurred_at.isoformat(),
            "photos": len(photos),
        },
    )
    return incident


def _locked(incident: Incident, actor, perm: str) -> Incident:
    policy.require_perm(actor, perm, incident.community_id)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status == IncidentStatus.CLOSED:
        raise conflict(_("This incident is closed."))
    return incident


def _note(at: datetime, actor, text: str) -> str:
    name = actor.get_full_name() or actor.get_username()
    return f"[{timezone.localtime(at):%Y-%m-%d %H:%M} {name}] {text}"


@transaction.atomic
def incident_update(
    *,
    actor,
    incident: Incident,
    note: str,
    police_report_number: str | None = None,
    at: datetime | None = None,
) -> Incident:
    """Add a follow-up note (跟进), and the police report number once there is one; an open
    incident is then being followed up."""
    at = at or timezone.now()
    incident = _locked(incident, actor, "incident.report")
    note = _text(note, "note", 2000, required=True, message=_("Write the follow-up note."))
    changes = {"note": note}
    if police_report_number is not None:
        number = _text(police_report_number, "police_report_number", 40, required=False, message="")
        if number != incident.police_report_number:
            changes["police_report_number"] = number
            incident.police_report_number = number
    line = _note(at, actor, note)
    incident.follow_up = f"{incident.follow_up}\n{line}" if incident.follow_up else line
    incident.status = IncidentStatus.FOLLOWING_UP
    incident.save(update_fields=["follow_up", "status", "police_report_number"])
    audit.record(actor=actor, action="incident.update", obj=incident, changes=changes)
    return incident


@transaction.atomic
def incident_close(
    *, actor, incident: Incident, outcome: str, at: datetime | None = None
) -> Incident:
    """Close the incident with its outcome (the supervisor or the manager)."""
    at = at or timezone.now()
    incident = _locked(incident, actor, "incident.close")
    outcome = _text(outcome, "outcome", 2000, required=True, message=_("Give the outcome."))
    incident.status = IncidentStatus.CLOSED
    incident.outcome = outcome
    incident.closed_at = at
    incident.closed_by = actor
    incident.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    audit.record(actor=actor, action="incident.close", obj=incident, changes={"outcome": outcome})
    return incident


@transaction.atomic
def incident_raise_work_order(
    *, actor, incident: Incident, description: str = "", at: datetime | None = None
) -> WorkOrder:
    """Raise a work order for a common-area repair the incident calls for (a broken door, a
    flooded stairwell), linked to the incident; its priority follows the severity."""
    incident = _locked(incident, actor, "incident.report")
    description = _text(description, "description", 2000, required=False, message="")
    text = description or f"{incident.get_kind_display()}: {incident.description}"
    order = work_order_submit(
        actor=actor,
        community=incident.community,
        category=Category.REPAIR_COMMON,
        channel=Channel.PATROL,
        description=text[:2000],
        priority=PRIORITY[incident.severity],
        location=(incident.place or "")[:200],
        at=at,
    )
    incident.work_orders.add(order)
    audit.record(
        actor=actor,
        action="incident.raise_work_order",
        obj=incident,
        changes={"work_order": order.pk},
    )
    return order
