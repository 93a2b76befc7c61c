"""Published service reports in the Django admin: company administrators look rows up here.

The admin only reads. A report is published from its staff page, whose service checks the
policy and writes the audit trail.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from ..models import PublishedReport
from . import queries


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnlyScopedAdmin):
    perm = "report.view"
    list_display = ["start", "kind", "published_at", "published_by", "community"]
    list_filter = ["community", "kind"]
    list_select_related = ["community", "published_by"]

    def view_on_site(self, obj):
        code = queries.period_code(queries.report_period(obj))
        return reverse("engagement:service_report", args=[obj.community_id]) + f"?period={code}"
