"""What is attached to an order: photos, and supervisors' spot checks (抽查)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core import policy, uploads

from ..models import (
    SpotCheck,
    Status,
    WorkOrder,
    WorkOrderPhoto,
)
from ..workflow import InvalidTransition
from . import steps
from .common import (
    clean_note,
    insert,
    locked,
    moment,
    timeline,
)

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# The photo files saved inside the current `atomic_with_photos` block.
_saved_files: ContextVar[list | None] = ContextVar("saved_photo_files", default=None)


@contextmanager
def atomic_with_photos() -> Iterator[None]:
    """A transaction (as `transaction.atomic`) whose photo files are deleted from storage if
    it rolls back: receiving an order with its photos leaves no file behind when any of it
    is refused. Use it as the outermost block."""
    saved: list = []
    token = _saved_files.set(saved)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for file in saved:
            file.storage.delete(file.name)
        raise
    finally:
        _saved_files.reset(token)


@transaction.atomic
def work_order_photo_add(
    *, order: WorkOrder, data: bytes, actor, at: datetime | None = None
) -> WorkOrderPhoto:
    """Attach a photo (JPEG, PNG or WebP, at most 8 MB), checked by its content; its size in
    pixels is read from its header before it is decoded (`core.uploads.image_format`)."""
    at = moment(at)
    order, _rule = locked(order, "comment", actor, at)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError({"file": [_("A photo may be at most 8 MB.")]})
    try:
        image_format = uploads.image_format(data, PHOTO_FORMATS)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from None
    if image_format is None:
        raise ValidationError({"file": [_("Send a JPEG, PNG or WebP photo.")]})
    photo = WorkOrderPhoto(
        order=order, image_format=image_format, size=len(data), uploaded_by=actor, uploaded_at=at
    )
    photo.file.save(uuid.uuid4().hex, ContentFile(data), save=False)
    try:
        photo.save()
        timeline(
            order, actor=actor, action="photo", from_status=order.status, at=at, photo_id=photo.pk
        )
    except BaseException:
        photo.file.storage.delete(photo.file.name)
        raise
    saved = _saved_files.get()
    if saved is not None:
        saved.append(photo.file)
    return photo


@transaction.atomic
def spot_check_record(
    *, order: WorkOrder, passed: bool, actor, finding: str = "", at: datetime | None = None
) -> SpotCheck:
    """A supervisor's or manager's spot check (抽查) of a closed order."""
    at = moment(at)
    if not policy.has_perm(actor, "workorder.supervise", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.status != Status.CLOSED:
        raise InvalidTransition(_("Only closed orders are spot-checked."))
    finding = clean_note(finding, "finding", required=not passed)
    change = steps.spot_check(order, actor=actor, at=at, passed=passed, finding=finding)
    change.record.save(force_insert=True)
    insert(change.event)
    return change.record
