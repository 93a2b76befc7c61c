"""Personal-data requests (个人信息保护法): a copy of everything held about a person (§45),
and deletion at their request (§47), carried out as anonymisation because accounting
records and work-order history must be kept (会计档案管理办法: 30 years).

Every export, request and decision is in the audit trail.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wuye.core import audit, policy, privacy, spreadsheets
from wuye.core.validators import clean_text

from ..models import ErasureRequest, Resident


@dataclass(frozen=True)
class Export:
    content: bytes  # a zip of the JSON and the workbook
    sections: list[privacy.Section]


def _checked(asked_by: str, reason: str) -> tuple[str, str]:
    asked_by, reason = clean_text(asked_by), clean_text(reason)
    errors = {}
    if not asked_by:
        errors["asked_by"] = [_("Say who asked, and how they were identified.")]
    if not reason:
        errors["reason"] = [_("Give the reason for the request.")]
    if errors:
        raise ValidationError(errors)
    return asked_by, reason


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value if value is None or isinstance(value, int | float) else str(value)


def _document(person: Resident, sections: list[privacy.Section]) -> dict:
    return {
        "resident": person.pk,
        "community": person.community.name,
        "exported_at": timezone.localtime().isoformat(),
        "sections": [
            {
                "title": str(section.title),
                "header": [str(name) for name in section.header],
                "rows": [[_plain(value) for value in row] for row in section.rows],
            }
            for section in sections
        ],
    }


def _zip(person: Resident, sections: list[privacy.Section]) -> bytes:
    document = _document(person, sections)
    book = spreadsheets.workbook(
        (str(section.title), [str(name) for name in section.header], section.rows)
        for section in sections
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("personal-data.xlsx", book)
    return buffer.getvalue()


@transaction.atomic
def personal_data_export(*, actor, resident: Resident, asked_by: str, reason: str) -> Export:
    """Everything Wuye holds about `resident`, as a zip of JSON and a workbook; audited."""
    policy.require_perm(actor, "privacy.export", resident.community_id)
    asked_by, reason = _checked(asked_by, reason)
    sections = privacy.collect(resident)
    audit.record(
        actor=actor,
        action="resident.personal_data_exported",
        obj=resident,
        changes={"asked_by": asked_by, "reason": reason},
    )
    return Export(content=_zip(resident, sections), sections=sections)


@transaction.atomic
def erasure_request_record(
    *, actor, resident: Resident, asked_by: str, reason: str
) -> ErasureRequest:
    """Record that the person asked to be deleted; a manager carries it out or rejects it."""
    policy.require_perm(actor, "privacy.request", resident.community_id)
    asked_by, reason = _checked(asked_by, reason)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.anonymised_at:
        raise ValidationError(_("This person was anonymised already."))
    if resident.erasure_requests.filter(status=ErasureRequest.Status.REQUESTED).exists():
        raise ValidationError(_("This person already has a request awaiting a manager."))
    request = ErasureRequest.objects.create(
        community_id=resident.community_id,
        resident=resident,
        asked_by=asked_by,
        reason=reason,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="resident.erasure_requested",
        obj=resident,
        changes={"request": request.pk, "asked_by": asked_by, "reason": reason},
    )
    return request


def _open(request: ErasureRequest) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ErasureRequest.Status.REQUESTED:
        raise ValidationError(_("This request was decided already."))
    return request


def anonymous_label(resident: Resident) -> str:
    """The name an anonymised person keeps, in their community's language: 已注销住户 #42."""
    with translation.override(resident.community.language):
        return _("Former resident #%(id)s") % {"id": resident.pk}


@transaction.atomic
def erasure_request_carry_out(*, actor, request: ErasureRequest) -> ErasureRequest:
    """Anonymise the person everywhere: name replaced, contact details, ID number and
    vehicles removed, login closed; bills, payments, receipts and work orders stay, with
    the name replaced. Refused while the person lives in a home or owes money."""
    policy.require_perm(actor, "privacy.erase", request.community_id)
    request = _open(request)
    resident = Resident.objects.select_for_update().select_related("community", "user")
    resident = resident.get(pk=request.resident_id)
    if reasons := privacy.refusals(resident):
        raise ValidationError(reasons)
    changed = privacy.anonymise(resident, anonymous_label(resident))
    request.status = ErasureRequest.Status.CARRIED_OUT
    request.decided_by, request.decided_at = actor, timezone.now()
    request.changed = changed
    request.save(update_fields=["status", "decided_by", "decided_at", "changed"])
    audit.record(
        actor=actor,
        action="resident.anonymised",
        obj=resident,
        changes={"request": request.pk, "rows": changed},
    )
    return request


@transaction.atomic
def erasure_request_reject(*, actor, request: ErasureRequest, note: str) -> ErasureRequest:
    """Decline the request, saying why (the person is told the reason)."""
    policy.require_perm(actor, "privacy.erase", request.community_id)
    note = clean_text(note)
    if not note:
        raise ValidationError({"note": [_("Say why the request is rejected.")]})
    request = _open(request)
    request.status = ErasureRequest.Status.REJECTED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action="resident.erasure_rejected",
        obj=request.resident,
        changes={"request": request.pk, "note": note},
    )
    return request
