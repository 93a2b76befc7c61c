"""Community life in the Django admin: events, interest groups, reception bookings and visits.

The admin only reads. These rows change through the staff pages and the portal, whose services
check the policy and write the audit trail. Rows are limited to the communities the policy lets
the user see.
"""

from django.contrib import admin
from django.urls import reverse

from wuye.core.admin import ReadOnlyScopedAdmin

from ..models import Event, InterestGroup, ReceptionBooking, Visit


@admin.register(Event)
class EventAdmin(ReadOnlyScopedAdmin):
    perm = "event.view"
    list_display = ["title", "starts_at", "place", "capacity", "cancelled_at", "community"]
    list_filter = ["community"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"

    def view_on_site(self, obj):
        return reverse("engagement:event", args=[obj.community_id, obj.pk])


@admin.register(InterestGroup)
class InterestGroupAdmin(ReadOnlyScopedAdmin):
    perm = "event.view"
    list_display = ["name", "organiser", "community"]
    list_filter = ["community"]
    search_fields = ["name"]

    def view_on_site(self, obj):
        return reverse("engagement:group", args=[obj.community_id, obj.pk])


@admin.register(ReceptionBooking)
class ReceptionBookingAdmin(ReadOnlyScopedAdmin):
    perm = "reception.view"
    community_path = "slot__community_id"
    list_display = ["slot", "unit", "topic", "follow_up", "work_order", "cancelled_at"]
    list_filter = ["follow_up"]
    list_select_related = ["slot", "unit__building", "work_order"]

    def view_on_site(self, obj):
        return reverse("engagement:booking", args=[obj.slot.community_id, obj.pk])


@admin.register(Visit)
class VisitAdmin(ReadOnlyScopedAdmin):
    perm = "visit.view"
    list_display = ["visited_on", "unit", "visitor", "follow_up", "work_order", "community"]
    list_filter = ["community", "follow_up"]
    list_select_related = ["unit__building", "visitor", "work_order"]
    date_hierarchy = "visited_on"

    def view_on_site(self, obj):
        return reverse("engagement:visit", args=[obj.community_id, obj.pk])
