"""Changes to the equipment register (设备台账) and its statutory profiles: add, change,
retire (an item is never deleted), put back in service; and the compliance rules a community
starts with.

Every action checks the permission, locks the row, checks its state, writes the change and its
audit entry in one transaction; a refusal changes nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy, uploads
from wuye.core.models import Community
from wuye.core.validators import clean_code, clean_text, conflict, not_found
from wuye.servicedesk.models import Category, Channel, Priority, WorkOrder
from wuye.servicedesk.services import work_order_submit

from .models import (
    ComplianceRule,
    DocumentKind,
    Equipment,
    EquipmentDocument,
    EquipmentFault,
    EquipmentKind,
    EquipmentStatus,
    Importance,
    InspectionResult,
    StatutoryProfile,
)
from .queries import blocking_lapses

TEXT_FIELDS = {
    "name": 100,
    "floor": 20,
    "place": 200,
    "make": 100,
    "model": 100,
    "serial_number": 100,
    "notes": 2000,
}
DATE_FIELDS = ("installed_on", "warranty_until")
PROFILE_TEXT = {
    "registration_code": 30,
    "use_certificate_number": 40,
    "inspection_body": 100,
    "last_report_number": 40,
    "maintenance_company": 100,
    "maintenance_contract_number": 40,
    "maintenance_licence_number": 40,
}
PROFILE_DATES = (
    "use_certificate_date",
    "last_inspected_on",
    "next_inspection_due",
    "last_tested_on",
    "last_maintained_on",
)


def _text(data: dict, field: str, limit: int, errors: dict) -> str:
    text = (data.get(field) or "").replace("\x00", "").strip()
    if len(text) > limit:
        errors[field] = [_("Keep it within %(n)s characters.") % {"n": limit}]
    return text


def _cleaned(community: Community, data: dict, *, equipment: Equipment | None) -> dict:
    """The item's fields from `data`, or a ValidationError naming every field refused."""
    errors: dict[str, list] = {}
    values: dict[str, Any] = {f: _text(data, f, n, errors) for f, n in TEXT_FIELDS.items()}
    if not values["name"] and "name" not in errors:
        errors["name"] = [_("Give the item a name.")]
    code = clean_code(data.get("code"))
    if not code:
        errors["code"] = [_("Give the item a code, e.g. LIFT-2-1.")]
    elif len(code) > 30:
        errors["code"] = [_("Keep it within %(n)s characters.") % {"n": 30}]
    elif (
        Equipment.objects.filter(community=community, code=code)
        .exclude(pk=equipment.pk if equipment else None)
        .exists()
    ):
        errors["code"] = [conflict(_("Another item of this community has this code."))]
    values["code"] = code
    values["kind"] = data.get("kind") or ""
    if values["kind"] not in EquipmentKind.values:
        errors["kind"] = [_("Choose a kind of equipment from the list.")]
    values["importance"] = data.get("importance") or Importance.B
    if values["importance"] not in Importance.values:
        errors["importance"] = [_("Choose an importance from the list.")]
    building = data.get("building")
    if building is not None and building.community_id != community.pk:
        errors["building"] = [not_found(_("Choose a building of this community."))]
    values["building"] = building
    for field in DATE_FIELDS:
        values[field] = data.get(field)
    installed, warranty = values["installed_on"], values["warranty_until"]
    if installed and warranty and warranty < installed:
        errors["warranty_until"] = [_("The warranty cannot end before the item was installed.")]
    if errors:
        raise ValidationError(errors)
    return values


def _snapshot(obj, fields) -> dict[str, Any]:
    return {f: getattr(obj, f"{f}_id" if f == "building" else f) for f in fields}


@transaction.atomic
def equipment_add(*, actor, community: Community, data: dict) -> Equipment:
    """Register an item of equipment; its code is unique in the community."""
    policy.require_perm(actor, "equipment.manage", community.pk)
    values = _cleaned(community, data, equipment=None)
    try:
        with transaction.atomic():
            equipment = Equipment.objects.create(community=community, **values)
    except IntegrityError:
        raise ValidationError(
            {"code": [conflict(_("Another item of this community has this code."))]}
        ) from None
    audit.record(
        actor=actor,
        action="equipment.add",
        obj=equipment,
        changes={k: str(v) for k, v in _snapshot(equipment, values).items()},
    )
    return equipment


def _locked(equipment: Equipment) -> Equipment:
    return Equipment.objects.select_for_update().get(pk=equipment.pk)


@transaction.atomic
def equipment_change(*, actor, equipment: Equipment, data: dict) -> Equipment:
    """Change an item's particulars; a retired item is kept as it was."""
    policy.require_perm(actor, "equipment.manage", equipment.community_id)
    equipment = _locked(equipment)
    if equipment.status == EquipmentStatus.RETIRED:
        raise ValidationError(conflict(_("A retired item cannot be changed.")))
    values = _cleaned(equipment.community, data, equipment=equipment)
    before = _snapshot(equipment, values)
    for field, value in values.items():
        setattr(equipment, field, value)
    try:
        with transaction.atomic():
            equipment.save()
    except IntegrityError:
        raise ValidationError(
            {"code": [conflict(_("Another item of this community has this code."))]}
        ) from None
    audit.record(
        actor=actor,
        action="equipment.change",
        obj=equipment,
        changes=audit.diff(before, _snapshot(equipment, values)),
    )
    return equipment


@transaction.atomic
def equipment_retire(*, actor, equipment: Equipment, reason: str) -> Equipment:
    """Take an item off the register's working list for good (scrapped, removed); it stays
    in the register with its history."""
    policy.require_perm(actor, "equipment.manage", equipment.community_id)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Say why the item is retired.")]})
    if len(reason) > 200:
        raise ValidationError({"reason": [_("Keep it within %(n)s characters.") % {"n": 200}]})
    equipment = _locked(equipment)
    if equipment.status == EquipmentStatus.RETIRED:
        raise ValidationError(conflict(_("The item is already retired.")))
    before = equipment.status
    equipment.status = EquipmentStatus.RETIRED
    equipment.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="equipment.retire",
        obj=equipment,
        changes={"status": [before, equipment.status], "reason": reason},
    )
    return equipment


@transaction.atomic
def equipment_return_to_service(*, actor, equipment: Equipment, today: date) -> Equipment:
    """Put a stopped item back in service: refused while an inspection it needs has lapsed
    or failed (特种设备安全法 第四十条: not inspected or failed, it may not be used)."""
    policy.require_perm(actor, "equipment.manage", equipment.community_id)
    equipment = _locked(equipment)
    if equipment.status != EquipmentStatus.OUT_OF_SERVICE:
        raise ValidationError(conflict(_("Only an item out of service can be put back.")))
    if blocking_lapses(equipment, today):
        raise ValidationError(
            conflict(_("Its inspection has lapsed or failed: record a passed inspection first."))
        )
    equipment.status = EquipmentStatus.IN_SERVICE
    equipment.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="equipment.return_to_service",
        obj=equipment,
        changes={"status": [EquipmentStatus.OUT_OF_SERVICE, EquipmentStatus.IN_SERVICE]},
    )
    return equipment


@transaction.atomic
def statutory_profile_save(*, actor, equipment: Equipment, data: dict) -> StatutoryProfile:
    """Keep the item's statutory particulars: registration, the last periodic inspection
    and its result, the next due, the maintenance company."""
    policy.require_perm(actor, "equipment.manage", equipment.community_id)
    equipment = _locked(equipment)
    if equipment.status == EquipmentStatus.RETIRED:
        raise ValidationError(conflict(_("A retired item cannot be changed.")))
    errors: dict[str, list] = {}
    values: dict[str, Any] = {f: _text(data, f, n, errors) for f, n in PROFILE_TEXT.items()}
    values["registration_code"] = clean_code(values["registration_code"])
    for field in PROFILE_DATES:
        values[field] = data.get(field)
    values["last_result"] = data.get("last_result") or ""
    if values["last_result"] not in ("", *InspectionResult.values):
        errors["last_result"] = [_("Choose a result from the list.")]
    last, due = values["last_inspected_on"], values["next_inspection_due"]
    if last and due and due <= last:
        errors["next_inspection_due"] = [_("The next inspection falls after the last one.")]
    if values["last_result"] and not last:
        errors["last_inspected_on"] = [_("Give the date of the inspection with its result.")]
    if errors:
        raise ValidationError(errors)
    profile, created = StatutoryProfile.objects.get_or_create(equipment=equipment)
    before = {} if created else _snapshot(profile, values)
    for field, value in values.items():
        setattr(profile, field, value)
    profile.save()
    audit.record(
        actor=actor,
        action="equipment.statutory_profile",
        obj=equipment,
        changes=audit.diff(
            {k: str(v) for k, v in before.items()},
            {k: str(v) for k, v in _snapshot(profile, values).items()},
        ),
    )
    return profile


FAULT_DESCRIPTION_MAX = 1000


def fault_link(*, actor, equipment: Equipment, work_order: WorkOrder, at: datetime | None = None):
    """Link a work order raised for the item (by a report on its page or by an out-of-range
    reading of its maintenance) as one of its faults; the caller has checked who may raise it
    and holds the transaction."""
    if work_order.community_id != equipment.community_id:
        raise ValidationError(not_found(_("Choose an item of this community.")))
    return EquipmentFault.objects.create(
        equipment=equipment,
        work_order=work_order,
        raised_at=at or timezone.now(),
        raised_by=actor,
    )


def location_of(equipment: Equipment) -> str:
    """Where the item stands, for a work order: building, floor, place, then its code."""
    parts = [str(equipment.building) if equipment.building_id else "", equipment.floor]
    parts += [equipment.place, f"{equipment.code} {equipment.name}"]
    return " · ".join(p for p in parts if p)[:200]


@transaction.atomic
def fault_report(
    *,
    actor,
    equipment: Equipment,
    description: str,
    priority: str = Priority.NORMAL,
    at: datetime | None = None,
) -> EquipmentFault:
    """Report a fault of the item: a repair work order for its place, linked to the item.
    Staff who may raise work orders and see the register report; a retired item has none."""
    policy.require_perm(actor, "equipment.view", equipment.community_id)
    policy.require_perm(actor, "workorder.create", equipment.community_id)
    at = at or timezone.now()
    equipment = _locked(equipment)
    if equipment.status == EquipmentStatus.RETIRED:
        raise ValidationError(conflict(_("A retired item has no faults to report.")))
    description = (description or "").replace("\x00", "").strip()
    errors: dict[str, list] = {}
    if not description:
        errors["description"] = [_("Describe the fault.")]
    elif len(description) > FAULT_DESCRIPTION_MAX:
        errors["description"] = [
            _("Keep it within %(n)s characters.") % {"n": FAULT_DESCRIPTION_MAX}
        ]
    if priority not in Priority.values:
        errors["priority"] = [_("Choose a priority from the list.")]
    if errors:
        raise ValidationError(errors)
    order = work_order_submit(
        actor=actor,
        community=equipment.community,
        category=Category.REPAIR_COMMON,
        channel=Channel.PATROL,
        description=_("Fault of %(item)s: %(text)s")
        % {"item": f"{equipment.code} {equipment.name}", "text": description},
        priority=priority,
        location=location_of(equipment),
        at=at,
    )
    fault = fault_link(actor=actor, equipment=equipment, work_order=order, at=at)
    audit.record(
        actor=actor,
        action="equipment.fault",
        obj=equipment,
        changes={"work_order": order.number, "priority": priority},
    )
    return fault


DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}
DOCUMENT_IMAGES = {"PNG", "JPEG"}


def _document_type(upload) -> tuple[str, str]:
    """The file's type from its content (never its name): a PDF, or a PNG or JPEG that
    opens as one within the size a photo may have."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": [_("Upload a file of at most 10 MB.")]})
    head = upload.read(8)
    upload.seek(0)
    found = next((kind for magic, kind in DOCUMENT_TYPES.items() if head.startswith(magic)), None)
    if found is None:
        raise ValidationError({"file": [_("Upload a PDF, PNG or JPEG file.")]})
    if found[0].startswith("image/"):
        try:
            image = uploads.image_format(upload.read(), DOCUMENT_IMAGES)
        except ValidationError as refused:
            raise ValidationError({"file": refused.messages}) from None
        finally:
            upload.seek(0)
        if image is None:
            raise ValidationError({"file": [_("Upload a PDF, PNG or JPEG file.")]})
    return found


@transaction.atomic
def document_add(
    *, actor, equipment: Equipment, kind: str, title: str, upload
) -> EquipmentDocument:
    """Keep a photo or document of the item (at most 10 MB, a PDF, PNG or JPEG)."""
    policy.require_perm(actor, "equipment.manage", equipment.community_id)
    equipment = _locked(equipment)
    if equipment.status == EquipmentStatus.RETIRED:
        raise ValidationError(conflict(_("A retired item cannot be changed.")))
    errors: dict[str, list] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose a kind of document from the list.")]
    title = clean_text(title)
    if len(title) > 100:
        errors["title"] = [_("Keep it within %(n)s characters.") % {"n": 100}]
    if errors:
        raise ValidationError(errors)
    content_type, extension = _document_type(upload)
    title = title or str(DocumentKind(kind).label)
    document = EquipmentDocument(
        equipment=equipment,
        kind=kind,
        title=title,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    document.file.save(f"{kind}{extension}", upload, save=False)
    document.save()
    audit.record(
        actor=actor,
        action="equipment.document",
        obj=equipment,
        changes={"document": ["", title], "kind": kind, "size": upload.size},
    )
    return document


RULE_FIELDS = ("interval_days", "interval_months", "remind_days", "request_lead_days", "active")
MAX_INTERVAL_DAYS = 3660
MAX_INTERVAL_MONTHS = 120
MAX_REMINDERS = 6


def clean_remind_days(text: str) -> str:
    """ "60, 30,7" kept as "60,30,7": whole days from 1 to 366, each once, largest first;
    anything else is refused, naming the part."""
    parts = [part.strip() for part in (text or "").split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise ValidationError(_("Give the days before the due date to remind, e.g. 60,30,7."))
    days = set()
    for part in parts:
        if not re.fullmatch(r"[0-9]{1,3}", part) or not 1 <= int(part) <= 366:
            raise ValidationError(
                _("“%(part)s” is not a number of days from 1 to 366.") % {"part": part[:10]}
            )
        days.add(int(part))
    if len(days) > MAX_REMINDERS:
        raise ValidationError(_("Give at most %(n)s reminders.") % {"n": MAX_REMINDERS})
    return ",".join(str(day) for day in sorted(days, reverse=True))


def _whole(value, field: str, low: int, high: int, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[field] = [
            _("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        ]
        return None
    return value


@transaction.atomic
def compliance_rule_change(*, actor, rule: ComplianceRule, data: dict) -> ComplianceRule:
    """Change how often an obligation falls due for a kind of equipment in the community
    (every so many days or months, one of the two), the reminders' days before, how early to
    request the inspection, and whether the rule applies; the calendar follows at once."""
    policy.require_perm(actor, "equipment.rules", rule.community_id)
    rule = ComplianceRule.objects.select_for_update().get(pk=rule.pk)
    errors: dict[str, list] = {}
    days = _whole(data.get("interval_days"), "interval_days", 1, MAX_INTERVAL_DAYS, errors)
    months = _whole(data.get("interval_months"), "interval_months", 1, MAX_INTERVAL_MONTHS, errors)
    if not errors and (days is None) == (months is None):
        errors["interval_days"] = [_("Give the interval either in days or in months.")]
    lead = _whole(data.get("request_lead_days"), "request_lead_days", 0, 366, errors)
    if "request_lead_days" not in errors and lead is None:
        lead = 0
    try:
        remind = clean_remind_days(data.get("remind_days") or "")
    except ValidationError as refused:
        errors["remind_days"] = refused.messages
    active = data.get("active")
    if not isinstance(active, bool):
        errors["active"] = [_("Say whether the rule applies.")]
    if errors:
        raise ValidationError(errors)
    values = {
        "interval_days": days,
        "interval_months": months,
        "remind_days": remind,
        "request_lead_days": lead,
        "active": active,
    }
    before = {f: getattr(rule, f) for f in RULE_FIELDS}
    for field, value in values.items():
        setattr(rule, field, value)
    rule.save(update_fields=list(RULE_FIELDS))
    audit.record(
        actor=actor,
        action="equipment.compliance_rule",
        obj=rule,
        changes=audit.diff(before, values),
    )
    return rule
