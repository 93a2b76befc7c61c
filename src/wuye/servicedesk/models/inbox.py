"""The language people read their notifications in (the inbox itself is core's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import USER


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
