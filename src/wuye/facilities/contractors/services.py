"""Changes to the contractor register: a contractor and its contract kept, an inspection
scored against its kind's template, a deduction re-checked.

Every action checks the permission, validates everything before writing, writes the change
and its audit entry in one transaction; a refusal changes nothing (no photo file either).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy, uploads
from wuye.core.models import Community
from wuye.core.validators import conflict, not_found

from .models import Contract, Contractor, ContractorKind, Inspection, Score, ScoreItem

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_FEE = Decimal("9999999999.99")
# A deadline for putting a deduction right: from the day of the inspection to 90 days on.
LONGEST_RECTIFICATION_DAYS = 90


def _text(value: str | None, field: str, limit: int, *, required: str = "") -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: [required]})
    if len(text) > limit:
        raise ValidationError({field: [_("Keep it within %(n)s characters.") % {"n": limit}]})
    return text


def _collect(errors: dict, check):
    try:
        return check()
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


@transaction.atomic
def contractor_save(
    *,
    actor,
    community: Community,
    name: str,
    kind: str,
    licence_number: str = "",
    contact: str = "",
    contractor: Contractor | None = None,
) -> Contractor:
    """Add a contractor to the community's register, or correct one already there."""
    policy.require_perm(actor, "contractor.manage", community.pk)
    errors: dict[str, list[str]] = {}
    if kind not in ContractorKind.values:
        errors["kind"] = [_("Choose a kind of service from the list.")]
    name = _collect(errors, lambda: _text(name, "name", 200, required=_("Give the name.")))
    licence = _collect(errors, lambda: _text(licence_number, "licence_number", 60))
    contact = _collect(errors, lambda: _text(contact, "contact", 200))
    if contractor is not None and contractor.community_id != community.pk:
        raise not_found(_("Choose a contractor of this community."))
    if errors:
        raise ValidationError(errors)
    values = {"name": name, "kind": kind, "licence_number": licence, "contact": contact}
    if contractor is None:
        contractor = Contractor.objects.create(community=community, **values)
        action = "contractor.add"
    else:
        contractor = Contractor.objects.select_for_update().get(pk=contractor.pk)
        for field, value in values.items():
            setattr(contractor, field, value)
        contractor.save()
        action = "contractor.edit"
    audit.record(actor=actor, action=action, obj=contractor, changes=values)
    return contractor


@transaction.atomic
def contract_save(
    *,
    actor,
    contractor: Contractor,
    scope: str,
    starts_on: date | None,
    ends_on: date | None,
    monthly_fee,
    sla: str = "",
    pass_score: int = 80,
    contract: Contract | None = None,
) -> Contract:
    """Record the contractor's contract (scope, dates, monthly fee, service levels and the
    score an inspection must reach), or correct it."""
    policy.require_perm(actor, "contractor.manage", contractor.community_id)
    errors: dict[str, list[str]] = {}
    scope = _collect(errors, lambda: _text(scope, "scope", 2000, required=_("Give the scope.")))
    sla = _collect(errors, lambda: _text(sla, "sla", 2000))
    if starts_on is None:
        errors["starts_on"] = [_("Give the first day of the contract.")]
    if ends_on is None:
        errors["ends_on"] = [_("Give the last day of the contract.")]
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The contract cannot end before it starts.")]
    try:
        fee = Decimal(str(monthly_fee)).quantize(Decimal("0.01"))
        if not Decimal("0") <= fee <= MAX_FEE:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["monthly_fee"] = [_("Give the monthly fee in yuan, not negative.")]
        fee = None
    if not isinstance(pass_score, int) or not 0 <= pass_score <= 100:
        errors["pass_score"] = [_("The pass score is a whole number from 0 to 100.")]
    if contract is not None and contract.contractor_id != contractor.pk:
        raise not_found(_("Choose a contract of this contractor."))
    if errors:
        raise ValidationError(errors)
    values = {
        "scope": scope,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "monthly_fee": fee,
        "sla": sla,
        "pass_score": pass_score,
    }
    if contract is None:
        contract = Contract.objects.create(contractor=contractor, **values)
        action = "contractor.contract_add"
    else:
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        for field, value in values.items():
            setattr(contract, field, value)
        contract.save()
        action = "contractor.contract_edit"
    changes = {
        **values,
        "starts_on": str(starts_on),
        "ends_on": str(ends_on),
        "monthly_fee": str(fee),
    }
    audit.record(actor=actor, action=action, obj=contract, changes=changes)
    return contract


def template_for(kind: str) -> list[ScoreItem]:
    """The scoring template of a kind of service: its items in use, in order."""
    return list(ScoreItem.objects.filter(kind=kind, active=True).order_by("position", "pk"))


@dataclass
class ItemScore:
    """What the inspector gave one item: points, and for a deduction the photo that proves it
    and the deadline to put it right."""

    item_id: int
    points: int
    remark: str = ""
    photo: bytes | None = None
    rectify_by: date | None = None


def _photo_format(data: bytes) -> str:
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo may be at most 8 MB."))
    image_format = uploads.image_format(data, PHOTO_FORMATS)
    if image_format is None:
        raise ValidationError(_("Send a JPEG, PNG or WebP photo."))
    return image_format


def inspection_record(
    *,
    actor,
    contractor: Contractor,
    inspected_on: date | None,
    scores: list[ItemScore],
    notes: str = "",
    at: datetime | None = None,
) -> Inspection:
    """Score an inspection (品质检查) against the template of the contractor's kind: every
    item from 0 to its maximum; each deduction (扣分) with a photo and a rectification
    deadline (整改期限). Refused as a whole, with an error per item, when any is wrong."""
    at = at or timezone.now()
    policy.require_perm(actor, "contractor.inspect", contractor.community_id)
    template = {item.pk: item for item in template_for(contractor.kind)}
    errors: dict[str, list[str]] = {}
    today = timezone.localdate(at)
    if inspected_on is None:
        errors["inspected_on"] = [_("Give the day of the inspection.")]
    elif inspected_on > today:
        errors["inspected_on"] = [conflict(_("The inspection cannot be in the future."))]
    elif (today - inspected_on).days > 366:
        errors["inspected_on"] = [conflict(_("Record inspections of the past year only."))]
    notes = _collect(errors, lambda: _text(notes, "notes", 2000))
    given = {score.item_id: score for score in scores}
    if not template:
        errors["scores"] = [conflict(_("There is no scoring template for this kind of service."))]
    elif len(given) != len(scores) or set(given) != set(template):
        errors["scores"] = [_("Score every item of the template once.")]
    formats: dict[int, str] = {}
    for item_id, score in given.items():
        item = template.get(item_id)
        if item is None:
            continue
        field = f"item_{item_id}"
        if not isinstance(score.points, int) or not 0 <= score.points <= item.max_points:
            errors[field] = [
                _("%(item)s: give from 0 to %(max)s points.")
                % {"item": item.name, "max": item.max_points}
            ]
            continue
        remark = _collect(errors, lambda s=score, f=field: _text(s.remark, f, 300))
        score.remark = remark or ""
        if score.points == item.max_points:
            continue
        problems = []
        if not score.photo:
            problems.append(_("%(item)s: a deduction needs a photo.") % {"item": item.name})
        else:
            try:
                formats[item_id] = _photo_format(score.photo)
            except ValidationError as refused:
                problems += [f"{item.name}: {message}" for message in refused.messages]
        deadline = score.rectify_by
        if deadline is None:
            problems.append(
                _("%(item)s: a deduction needs a rectification deadline.") % {"item": item.name}
            )
        elif inspected_on and not (
            inspected_on <= deadline
            and (deadline - inspected_on).days <= LONGEST_RECTIFICATION_DAYS
        ):
            problems.append(
                _("%(item)s: the deadline is from the inspection day to %(n)s days after it.")
                % {"item": item.name, "n": LONGEST_RECTIFICATION_DAYS}
            )
        if problems:
            errors[field] = problems
    if errors:
        raise ValidationError(errors)
    saved = []
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                contractor=contractor,
                community_id=contractor.community_id,
                inspected_on=inspected_on,
                score=sum(s.points for s in scores),
                max_score=sum(item.max_points for item in template.values()),
                notes=notes,
                inspected_by=actor,
                recorded_at=at,
            )
            for item_id, score in given.items():
                item = template[item_id]
                row = Score(
                    inspection=inspection,
                    item=item,
                    name=item.name,
                    max_points=item.max_points,
                    points=score.points,
                    remark=score.remark,
                    rectify_by=score.rectify_by if score.points < item.max_points else None,
                    image_format=formats.get(item_id, ""),
                )
                if item_id in formats:
                    row.photo.save(uuid.uuid4().hex, ContentFile(score.photo), save=False)
                    saved.append(row.photo)
                row.save()
            audit.record(
                actor=actor,
                action="contractor.inspect",
                obj=inspection,
                changes={
                    "inspected_on": str(inspected_on),
                    "score": inspection.score,
                    "deductions": len(formats),
                },
            )
    except BaseException:
        for file in saved:
            file.storage.delete(file.name)
        raise
    return inspection


@transaction.atomic
def deduction_recheck(
    *,
    actor,
    score: Score,
    rechecked_on: date | None,
    rectified: bool,
    note: str = "",
    at: datetime | None = None,
) -> Score:
    """Record the re-check (复查) of a deduction: the day, and whether it was put right. A
    deduction found not rectified may be re-checked again later; a rectified one is done."""
    at = at or timezone.now()
    community_id = score.inspection.community_id
    policy.require_perm(actor, "contractor.inspect", community_id)
    score = Score.objects.select_for_update().select_related("inspection").get(pk=score.pk)
    if score.points >= score.max_points:
        raise conflict(_("Only a deduction is re-checked."))
    if score.rectified is True:
        raise conflict(_("This deduction is already found rectified."))
    errors: dict[str, list[str]] = {}
    if rechecked_on is None:
        errors["rechecked_on"] = [_("Give the day of the re-check.")]
    elif rechecked_on > timezone.localdate(at):
        errors["rechecked_on"] = [conflict(_("The re-check cannot be in the future."))]
    elif rechecked_on < score.inspection.inspected_on:
        errors["rechecked_on"] = [conflict(_("The re-check cannot come before the inspection."))]
    note = _collect(errors, lambda: _text(note, "note", 300))
    if errors:
        raise ValidationError(errors)
    score.rechecked_on = rechecked_on
    score.rectified = bool(rectified)
    score.recheck_note = note
    score.save(update_fields=["rechecked_on", "rectified", "recheck_note"])
    audit.record(
        actor=actor,
        action="contractor.recheck",
        obj=score.inspection,
        changes={"item": score.name, "rechecked_on": str(rechecked_on), "rectified": rectified},
    )
    return score
