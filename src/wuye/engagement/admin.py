"""The engagement areas in the Django admin: each area registers its own models."""

from django.contrib import admin
from django.urls import reverse

from wuye.estates.admin import RegisterAdmin

from . import report_queries
from .community_life import admin as community_life_admin  # noqa: F401
from .models import (
    PublishedReport,
)
from .notices import admin as notices_admin  # noqa: F401
from .publicity import admin as publicity_admin  # noqa: F401
from .surveys import admin as surveys_admin  # noqa: F401
from .votes import admin as votes_admin  # noqa: F401


@admin.register(PublishedReport)
class PublishedReportAdmin(RegisterAdmin):
    perm = "report.view"
    list_display = ["start", "kind", "published_at", "published_by", "community"]
    list_filter = ["community", "kind"]
    list_select_related = ["community", "published_by"]

    def view_on_site(self, obj):
        code = report_queries.period_code(report_queries.report_period(obj))
        return reverse("engagement:service_report", args=[obj.community_id]) + f"?period={code}"
