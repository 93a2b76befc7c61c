"""Staff suggestions and complaints (员工投诉机制, §3 internal management): a register the
manager answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community


class FeedbackKind(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")


class StaffFeedback(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from"),
    )
    anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("The manager does not see who wrote it.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(_("subject"), max_length=120)
    body = models.TextField(_("details"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff suggestion or complaint")
        verbose_name_plural = _("staff suggestions and complaints")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return self.subject
