"""Certificates staff must hold for their posts (持证上岗), each with its validity, and the
reminders sent before one expires."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community

from ..choices import CertificateKind

__all__ = ["Certificate", "CertificateKind", "CertificateReminder", "REMINDER_DAYS"]


# Days before expiry a holder and their department head are reminded.
REMINDER_DAYS = (60, 30, 7)


class Certificate(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    number = models.CharField(_("number"), max_length=60)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["valid_until", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "number"], name="certificate_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["community", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class CertificateReminder(models.Model):
    """A reminder sent `days_before` the certificate's `valid_until`; one per threshold and
    expiry date, so a renewed certificate is reminded again."""

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certificate"),
    )
    days_before = models.PositiveSmallIntegerField(_("days before"))
    valid_until = models.DateField(_("valid until"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before", "valid_until"],
                name="certificate_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.days_before}"
