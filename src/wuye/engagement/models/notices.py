"""Notices (公告): drafted and published by staff, read by residents, printed for the board."""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community


class NoticeKind(models.TextChoices):
    GENERAL = "general", _("General")
    OUTAGE = "outage", _("Maintenance outage")
    EMERGENCY = "emergency", _("Emergency")
    POLICY = "policy", _("Policy")
    FEE_PUBLICITY = "fee_publicity", _("Fee publicity")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The longest text a notice may have, in the office's form and in the API alike: about four
# printed A4 pages of Chinese.
NOTICE_TEXT_MAX_LENGTH = 4000


class Notice(models.Model):
    """A notice (公告) for the residents of a community, or of chosen buildings of it.

    A draft can be changed; once published it stays as residents read it (a correction is a
    new notice). It shows in the portal until its expiry date, pinned on top until its
    pinned date, unless a manager withdraws it with a reason.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="notices", verbose_name=_("community")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.GENERAL
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=NOTICE_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTICE_TEXT_MAX_LENGTH)],
    )
    buildings = models.ManyToManyField(
        "estates.Building",
        blank=True,
        related_name="notices",
        verbose_name=_("buildings"),
        help_text=_("Leave empty to publish to the whole community."),
    )
    pinned_until = models.DateField(
        _("pinned until"), null=True, blank=True, help_text=_("Shown on top until this day.")
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Residents see it until this day.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("written by"),
    )
    # Withdrawing takes a published notice off the portal; the notice itself stays.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("withdrawn by"),
    )
    withdraw_reason = models.CharField(
        _("reason for withdrawing"), max_length=500, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["community", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        if self.published_at is None:
            return NoticeStatus.DRAFT
        if self.withdrawn_at is not None:
            return NoticeStatus.WITHDRAWN
        if self.expires_on is not None and self.expires_on < timezone.localdate():
            return NoticeStatus.EXPIRED
        return NoticeStatus.PUBLISHED

    def get_status_display(self) -> str:
        return NoticeStatus(self.status).label

    @property
    def is_pinned(self) -> bool:
        return self.pinned_until is not None and self.pinned_until >= timezone.localdate()


class NoticeRead(models.Model):
    """A read receipt: the first time a resident opened a notice."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="reads", verbose_name=_("notice")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reader"),
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        ordering = ["notice_id", "read_at"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="notice_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.user}"


def attachment_path(instance: "NoticeAttachment", filename: str) -> str:
    return f"notices/{instance.notice.community_id}/{instance.notice_id}/{uuid.uuid4().hex}"


class NoticeAttachment(models.Model):
    """A file attached to a notice (a PDF, a photo, a plan), served only to its readers."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("notice")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["notice_id", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def community_id(self) -> int:
        return self.notice.community_id
