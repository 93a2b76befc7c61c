"""Maintenance plans in the Django admin: the engineering supervisor and the manager set the
plans and their checklists. Tasks are made from the plans and completed through the services
alone."""

from django.contrib import admin

from wuye.core import policy
from wuye.core.admin import CommunityScopedAdmin

from .models import ChecklistItem, MaintenancePlan

PERM = "maintenance.configure"


class ChecklistItemInline(admin.TabularInline):
    """The checklist (检查项): a reading with its unit and normal range, a yes or no with its
    failing answer, a choice, a note, a photo, a signature."""

    model = ChecklistItem
    extra = 1
    fields = [
        "order",
        "question",
        "kind",
        "equipment",
        "unit",
        "min_value",
        "max_value",
        "choices",
        "failing_answer",
        "required",
        "feeds_counter",
    ]

    def _may(self, request, obj=None):
        if obj is None:
            return policy.has_perm_anywhere(request.user, PERM)
        return policy.has_perm(request.user, PERM, obj.community_id)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "equipment":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                community_id__in=policy.community_ids_with(request.user, PERM)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MaintenancePlan)
class MaintenancePlanAdmin(CommunityScopedAdmin):
    perm = PERM
    list_display = [
        "name",
        "community",
        "trigger",
        "cadence",
        "interval",
        "schedule",
        "statutory",
        "active",
    ]
    list_filter = ["community", "trigger", "statutory", "active"]
    search_fields = ["name", "place", "contractor"]
    filter_horizontal = ["equipment"]
    inlines = [ChecklistItemInline]

    def _ids(self, request):
        return policy.community_ids_with(request.user, PERM)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.related_model
        if model._meta.label_lower == "core.community":
            kwargs["queryset"] = model.objects.filter(pk__in=self._ids(request))
        elif any(f.name == "community" for f in model._meta.fields):
            kwargs["queryset"] = model.objects.filter(community_id__in=self._ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "equipment":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                community_id__in=self._ids(request)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _may_change(self, request, obj=None):
        if obj is None:
            return policy.has_perm_anywhere(request.user, PERM)
        return policy.has_perm(request.user, PERM, obj.community_id)

    def has_add_permission(self, request):
        return self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a plan with tasks is kept: it is made inactive instead
