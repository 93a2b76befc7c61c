"""Changes to notices: each one transaction, checked by the policy, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy, uploads
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Building

from ..models import Notice, NoticeAttachment, NoticeKind, NoticeRead

NOTICE_FIELDS = ("kind", "title", "body", "pinned_until", "expires_on")
ATTACHMENT_TYPES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_IMAGES = {"PNG", "JPEG"}


def _notice_buildings(community: Community, buildings) -> list[Building]:
    chosen = list(buildings or [])
    if any(b.community_id != community.pk for b in chosen):
        raise ValidationError({"buildings": [not_found(_("Choose buildings of this community."))]})
    return chosen


@transaction.atomic
def notice_save(
    *, actor, community: Community, data: dict[str, Any], notice: Notice | None = None
) -> Notice:
    """Write a new notice or change a draft. Published notices stay as residents read them."""
    policy.require_perm(actor, "notice.change", community.pk)
    if notice is not None:
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.published_at is not None:
            raise ValidationError(
                _("A published notice cannot be changed: publish a correction as a new notice.")
            )
    else:
        notice = Notice(community=community, created_by=actor)
    before = {f: getattr(notice, f) for f in NOTICE_FIELDS}
    for field in NOTICE_FIELDS:
        if field in data:
            value = data[field]
            if field == "title":
                value = clean_text(value)
            elif field == "body":
                value = (value or "").strip()
            setattr(notice, field, value)
    errors: dict[str, list[str]] = {}
    if not notice.title:
        errors["title"] = [_("Give the notice a title.")]
    if not notice.body:
        errors["body"] = [_("Write the text of the notice.")]
    if notice.kind not in NoticeKind.values:
        errors["kind"] = [_("Choose a kind of notice.")]
    if errors:
        raise ValidationError(errors)
    buildings = _notice_buildings(community, data["buildings"]) if "buildings" in data else None
    creating = notice.pk is None
    notice.full_clean(exclude=["buildings"])
    notice.save()
    if buildings is not None:
        notice.buildings.set(buildings)
    changes = audit.diff(
        {k: str(v) for k, v in before.items()}, {f: str(getattr(notice, f)) for f in NOTICE_FIELDS}
    )
    if buildings is not None:
        changes["buildings"] = ["", ", ".join(b.number for b in buildings)]
    audit.record(
        actor=actor,
        action="notice.create" if creating else "notice.change",
        obj=notice,
        changes=changes,
    )
    return notice


@transaction.atomic
def notice_publish(*, actor, notice: Notice) -> Notice:
    """Publish a draft to its residents now. Publishing a published notice changes nothing."""
    policy.require_perm(actor, "notice.publish", notice.community_id)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.published_at is None:
        if notice.expires_on is not None and notice.expires_on < timezone.localdate():
            raise ValidationError({"expires_on": [conflict(_("This notice has already expired."))]})
        notice.published_at = timezone.now()
        notice.published_by = actor
        notice.save(update_fields=["published_at", "published_by", "updated_at"])
        audit.record(actor=actor, action="notice.publish", obj=notice)
    return notice


@transaction.atomic
def notice_withdraw(*, actor, notice: Notice, reason: str) -> Notice:
    """Take a published notice off the portal, with a reason. It stays in the staff list,
    marked withdrawn, with its read receipts; nothing is deleted."""
    policy.require_perm(actor, "notice.publish", notice.community_id)
    reason = clean_text(reason or "")[:500]
    if not reason:
        raise ValidationError({"reason": [_("Say why the notice is withdrawn.")]})
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.published_at is None:
        raise conflict(_("Only a published notice can be withdrawn."))
    if notice.withdrawn_at is not None:
        raise conflict(_("This notice has already been withdrawn."))
    notice.withdrawn_at = timezone.now()
    notice.withdrawn_by = actor
    notice.withdraw_reason = reason
    notice.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason", "updated_at"])
    audit.record(
        actor=actor, action="notice.withdraw", obj=notice, changes={"reason": ["", reason]}
    )
    return notice


def notice_mark_read(*, user, notice: Notice) -> None:
    """Record the first time a resident opens a notice (staff opening it leave no receipt)."""
    if notice.published_at is None or not policy.is_resident(user):
        return
    NoticeRead.objects.get_or_create(notice=notice, user=user)


def _check_image(upload) -> None:
    """An image attached is checked by the size its header declares, as photos are."""
    try:
        image_format = uploads.image_format(upload.read(), ATTACHMENT_IMAGES)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from None
    finally:
        upload.seek(0)
    if image_format is None:
        raise ValidationError({"file": [_("Attach a PDF, PNG or JPEG file.")]})


@transaction.atomic
def notice_attachment_add(*, actor, notice: Notice, upload) -> NoticeAttachment:
    """Attach a PDF, PNG or JPEG (at most 10 MB) to a draft notice."""
    policy.require_perm(actor, "notice.change", notice.community_id)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.published_at is not None:
        raise ValidationError(
            _("A published notice cannot be changed: publish a correction as a new notice.")
        )
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": [_("Attach a file of at most 10 MB.")]})
    head = upload.read(8)
    upload.seek(0)
    found = next((kind for magic, kind in ATTACHMENT_TYPES.items() if head.startswith(magic)), None)
    if found is None:
        raise ValidationError({"file": [_("Attach a PDF, PNG or JPEG file.")]})
    content_type, extension = found
    if content_type.startswith("image/"):
        _check_image(upload)
    name = clean_text(upload.name)[:150] or _("attachment")
    if not name.lower().endswith(extension):
        name += extension
    attachment = NoticeAttachment(
        notice=notice,
        name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record(
        actor=actor, action="notice.attach", obj=notice, changes={"attachment": ["", name]}
    )
    return attachment
