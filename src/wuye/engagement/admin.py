"""The engagement areas in the Django admin: each area registers its own models."""

from django.contrib import admin
from django.urls import reverse

from wuye.estates.admin import RegisterAdmin

from . import report_queries
from .models import (
    Event,
    InterestGroup,
    PublishedReport,
    ReceptionBooking,
    Visit,
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


@admin.register(Event)
class EventAdmin(RegisterAdmin):
    perm = "event.view"
    list_display = ["title", "starts_at", "place", "capacity", "cancelled_at", "community"]
    list_filter = ["community"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"

    def view_on_site(self, obj):
        return reverse("engagement:event", args=[obj.community_id, obj.pk])


@admin.register(InterestGroup)
class InterestGroupAdmin(RegisterAdmin):
    perm = "event.view"
    list_display = ["name", "organiser", "community"]
    list_filter = ["community"]
    search_fields = ["name"]

    def view_on_site(self, obj):
        return reverse("engagement:group", args=[obj.community_id, obj.pk])


@admin.register(ReceptionBooking)
class ReceptionBookingAdmin(RegisterAdmin):
    perm = "reception.view"
    community_path = "slot__community_id"
    list_display = ["slot", "unit", "topic", "follow_up", "work_order", "cancelled_at"]
    list_filter = ["follow_up"]
    list_select_related = ["slot", "unit__building", "work_order"]

    def view_on_site(self, obj):
        return reverse("engagement:booking", args=[obj.slot.community_id, obj.pk])


@admin.register(Visit)
class VisitAdmin(RegisterAdmin):
    perm = "visit.view"
    list_display = ["visited_on", "unit", "visitor", "follow_up", "work_order", "community"]
    list_filter = ["community", "follow_up"]
    list_select_related = ["unit__building", "visitor", "work_order"]
    date_hierarchy = "visited_on"

    def view_on_site(self, obj):
        return reverse("engagement:visit", args=[obj.community_id, obj.pk])
