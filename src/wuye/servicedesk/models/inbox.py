"""The in-app inbox: the notifications people were sent and the language they read them in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import USER
from .orders import WorkOrder


class Message(models.Model):
    """A notification as recorded by the default channel (visible in the admin)."""

    recipient = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="desk_messages", verbose_name=_("recipient")
    )
    order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("work order"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


class NotificationLanguage(models.Model):
    """The language a person reads their notifications in: the one they last signed in with."""

    user = models.OneToOneField(
        USER, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification language")
        verbose_name_plural = _("notification languages")

    def __str__(self) -> str:
        return f"{self.user_id} {self.language}"
