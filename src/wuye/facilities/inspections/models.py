"""Inspections (巡查) are maintenance plans whose purpose is inspection, made from the
checklist templates of `templates.py`; each plan made from a template remembers which one, so
the office's daily inspection can be found on the manager's home page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..maintenance.models import MaintenancePlan


class PlanOrigin(models.Model):
    """The template a plan was made from (its key in `templates.TEMPLATES`)."""

    plan = models.OneToOneField(
        MaintenancePlan, on_delete=models.CASCADE, related_name="origin", verbose_name=_("plan")
    )
    template = models.CharField(_("template"), max_length=40, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan origin")
        verbose_name_plural = _("plan origins")

    def __str__(self) -> str:
        return f"{self.plan} ← {self.template}"
