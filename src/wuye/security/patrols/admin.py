"""Patrols in the Django admin: the supervisor and the manager set the checkpoints, the
routes through them and the plans that give a post a route on a shift. The tasks are made
from the plans and scanned through the services alone."""

from django.contrib import admin

from wuye.core import policy
from wuye.core.admin import CommunityScopedAdmin

from .models import Checkpoint, PatrolPlan, Route, RoutePoint

PERM = "patrol.configure"


class Scoped(CommunityScopedAdmin):
    """Rows of the communities where the user configures patrols; every choice of another
    row (community, checkpoint, route, post, shift) is of those communities."""

    perm = PERM

    def _ids(self, request):
        return policy.community_ids_with(request.user, PERM)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.related_model
        ids = self._ids(request)
        if model._meta.label_lower == "core.community":
            kwargs["queryset"] = model.objects.filter(pk__in=ids)
        elif any(f.name == "community" for f in model._meta.fields):
            kwargs["queryset"] = model.objects.filter(community_id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _community_of(self, obj):
        return obj.community_id if hasattr(obj, "community_id") else obj.route.community_id

    def _may_change(self, request, obj=None):
        if obj is None:
            return policy.has_perm_anywhere(request.user, PERM)
        return policy.has_perm(request.user, PERM, self._community_of(obj))

    def has_add_permission(self, request):
        return self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request, obj)


@admin.register(Checkpoint)
class CheckpointAdmin(Scoped):
    list_display = ["name", "place", "verification", "community", "active"]
    list_filter = ["community", "verification", "active"]
    search_fields = ["name", "place"]


class RoutePointInline(admin.TabularInline):
    model = RoutePoint
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "checkpoint":
            kwargs["queryset"] = Checkpoint.objects.filter(
                community_id__in=policy.community_ids_with(request.user, PERM), active=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Route)
class RouteAdmin(Scoped):
    list_display = ["name", "community", "ordered", "active"]
    list_filter = ["community", "active"]
    search_fields = ["name"]
    inlines = [RoutePointInline]


@admin.register(PatrolPlan)
class PatrolPlanAdmin(Scoped):
    community_path = "route__community_id"
    list_display = ["route", "post", "shift", "start_offsets", "active"]
    list_filter = ["active"]
