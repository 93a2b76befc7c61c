"""The management service report (管理服务报告) as published to the owners: frozen sections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community


class ReportKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class PublishedReport(models.Model):
    """A month's or quarter's report as a manager published it for the owners.

    `sections` holds the report rendered at publication, in every language of the site
    ({language: [section, ...]}), so later changes to the data do not alter what the owners
    were shown. One report per community and period; it is never edited.
    """

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="published_reports",
        verbose_name=_("community"),
    )
    kind = models.CharField(
        pgettext_lazy("report", "period"), max_length=10, choices=ReportKind.choices
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("day after the last"))
    sections = models.JSONField(_("sections"), editable=False)
    published_at = models.DateTimeField(_("published at"), editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("published service report")
        verbose_name_plural = _("published service reports")
        ordering = ["community_id", "-start", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "start"], name="service_report_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.kind} {self.start:%Y-%m}"
