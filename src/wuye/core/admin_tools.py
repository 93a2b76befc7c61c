"""Building blocks for the apps' Django admin pages, so that every app scopes alike."""

from django.contrib import admin

from . import policy


class ReadOnlyAdminMixin:
    """Rows that the admin only shows: they change through the apps' services (which check
    the policy, validate and audit) or never change at all (ledger, timeline, audit trail)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
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
