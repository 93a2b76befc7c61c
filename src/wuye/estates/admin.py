"""The register in the Django admin: company administrators look rows up here.

The admin only reads the register. Every change goes through the staff pages, whose
services check the policy, validate, keep residency history and write the audit trail.
Rows are limited to the communities the policy lets the user see; ID-card numbers and
mobiles appear only masked (the cipher and its digest are never shown).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.admin import ReadOnlyScopedAdmin

from .models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle


class RegisterAdmin(ReadOnlyScopedAdmin):
    """Read-only, scoped to the user's communities, with a link to the staff page."""

    perm = "register.view"


@admin.register(Building)
class BuildingAdmin(RegisterAdmin):
    list_display = ["number", "name", "kind", "floors", "lifts", "community"]
    list_filter = ["community", "kind"]
    search_fields = ["number", "name"]

    def view_on_site(self, obj):
        return reverse("estates:building", args=[obj.community_id, obj.pk])


@admin.register(Unit)
class UnitAdmin(RegisterAdmin):
    list_display = ["label", "floor", "building_area", "inner_area", "use", "occupancy"]
    list_filter = ["community", "use", "occupancy"]
    search_fields = ["number", "building__number"]
    list_select_related = ["building"]

    def view_on_site(self, obj):
        return reverse("estates:unit", args=[obj.community_id, obj.pk])


class ResidencyInline(admin.TabularInline):
    model = Residency
    fields = ["unit", "relation", "start_date", "end_date"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Resident)
class ResidentAdmin(RegisterAdmin):
    perm = "resident.view"
    list_display = ["name", "mobile_shown", "id_number_masked", "needs_attention", "community"]
    list_filter = ["community", "needs_attention"]
    search_fields = ["name", "mobile"]
    fields = [
        "community",
        "name",
        "mobile_shown",
        "id_number_masked",
        "emergency_contact",
        "needs_attention",
        "notes",
        "user",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [ResidencyInline]

    @admin.display(description=_("mobile"))
    def mobile_shown(self, obj):
        """Masked: the staff pages show it in full to the roles that call residents back."""
        return obj.mobile_masked

    def view_on_site(self, obj):
        return reverse("estates:resident", args=[obj.community_id, obj.pk])


@admin.register(Residency)
class ResidencyAdmin(RegisterAdmin):
    perm = "resident.view"
    community_path = "unit__community_id"
    list_display = ["resident", "relation", "unit", "start_date", "end_date"]
    list_filter = ["unit__community", "relation"]
    search_fields = ["resident__name", "unit__number"]
    list_select_related = ["resident", "unit__building"]
    date_hierarchy = "start_date"


@admin.register(Vehicle)
class VehicleAdmin(RegisterAdmin):
    list_display = ["plate", "description", "resident", "community"]
    list_filter = ["community"]
    search_fields = ["plate", "resident__name"]
    list_select_related = ["resident", "community"]


@admin.register(ParkingSpace)
class ParkingSpaceAdmin(RegisterAdmin):
    list_display = ["number", "zone", "kind", "unit", "vehicle", "community"]
    list_filter = ["community", "kind", "zone"]
    search_fields = ["number", "zone", "vehicle__plate"]
    list_select_related = ["unit__building", "vehicle", "community"]
