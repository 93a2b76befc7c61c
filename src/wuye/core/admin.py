"""The Django admin, for company administrators configuring companies and communities, and
the building blocks of every app's admin pages, so that every app scopes and shows alike."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import policy, services
from .calendar import years_without_holidays
from .models import (
    ApiToken,
    AuditEntry,
    CalendarDay,
    Community,
    Company,
    Membership,
    ServiceStandard,
)

# The admin's titles, in the user's language (Django's own name "Django administration" is
# not Wuye's).
admin.site.site_header = gettext_lazy("Wuye administration")
admin.site.site_title = gettext_lazy("Wuye administration")
admin.site.index_title = gettext_lazy("Site administration")


class ReadOnlyAdminMixin:
    """Rows that the admin only shows: they change through the apps' services (which check
    the policy, validate and audit) or never change at all (ledger, timeline, audit trail)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rows visible for checking, never added, changed or deleted here."""


class ReadOnlyInline(admin.TabularInline):
    """A row's history shown under it (timeline, items, call-backs), never changed here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommunityScopedAdmin(admin.ModelAdmin):
    """Rows of the communities in which the user holds `perm` (a policy permission)."""

    perm = "community.view"
    community_path = "community_id"

    def get_queryset(self, request):
        ids = policy.community_ids_with(request.user, self.perm)
        return super().get_queryset(request).filter(**{f"{self.community_path}__in": ids})

    def has_module_permission(self, request):
        return policy.has_perm_anywhere(request.user, self.perm)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)


class ReadOnlyScopedAdmin(ReadOnlyAdminMixin, CommunityScopedAdmin):
    """Read-only, scoped to the communities in which the user holds `perm`: a register the
    staff pages keep, looked up here (each subclass names its `perm` and its staff page)."""


# ---- core's own rows ------------------------------------------------------------------------


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


class ServiceStandardInline(admin.StackedInline):
    model = ServiceStandard
    can_delete = False


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "company", "city", "service_level", "total_building_area"]
    list_filter = ["company", "service_level"]
    search_fields = ["name", "code", "city"]
    inlines = [ServiceStandardInline]

    # A community is never deleted: its homes, residents, bills and history hang off it, and
    # even the page that lists what a deletion would take is too large to build (without the
    # permission, the admin offers neither the delete page nor the bulk delete action).
    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.service_standard_reset(community=obj, actor=request.user)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Public holidays and swapped working days: a company's for all its communities, a
    community's own overriding them (`wuye calendar_seed` adds China's official schedule)."""

    list_display = ["date", "kind", "name", "company", "community"]
    list_filter = ["kind", "company", "community"]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["company", "community"]

    def changelist_view(self, request, extra_context=None):
        # Wuye knows China's schedule only for the years it was given; a year without it is
        # all weekdays to the service clocks. Say so where the days are kept.
        year = timezone.localdate().year
        for company in Company.objects.order_by("name"):
            if years_without_holidays(company, [year]):
                messages.warning(
                    request,
                    _(
                        "%(company)s has no public holidays for %(year)d: the service clocks "
                        "count every weekday of %(year)d as a working day. Add the year's "
                        "holidays and swapped working days."
                    )
                    % {"company": company, "year": year},
                )
        return super().changelist_view(request, extra_context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "community", "company", "title", "active"]
    list_filter = ["role", "active", "company", "community"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "title"]
    autocomplete_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor", "community", "action", "object_type", "object_repr"]
    list_filter = ["action", "community"]
    search_fields = ["object_repr", "object_id", "actor__username"]
    date_hierarchy = "at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "device", "created_at", "last_used_at", "expires_at"]
    search_fields = ["user__username", "device"]
    readonly_fields = ["user", "device", "digest", "created_at", "last_used_at", "expires_at"]

    def has_add_permission(self, request):
        return False
