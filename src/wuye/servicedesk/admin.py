"""The customer center in the Django admin.

Company administrators and property managers configure their communities here: teams and
their members, SLA policies, the published price list, the duty roster and the settings.
Work orders, their timelines and the recorded messages are read-only: orders change only
through the workflow's services.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wuye.core import policy
from wuye.core.admin import CommunityScopedAdmin, ReadOnlyAdminMixin, ReadOnlyInline

from . import services
from .models import (
    CallBack,
    DeskSettings,
    PriceListItem,
    SlaPolicy,
    SpotCheck,
    Team,
    TeamMember,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderItem,
)


class CommunityScoped(CommunityScopedAdmin):
    """Rows of the communities in which the user holds `perm`; changes need `change_perm`."""

    perm = "workorder.configure"
    change_perm = "workorder.configure"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "community":
            from wuye.core.models import Community

            kwargs["queryset"] = Community.objects.filter(
                pk__in=policy.community_ids_with(request.user, self.change_perm)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _may_change(self, request, obj=None):
        if obj is None:
            return policy.has_perm_anywhere(request.user, self.change_perm)
        return policy.has_perm(request.user, self.change_perm, obj.community_id)

    def has_add_permission(self, request):
        return self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request, obj)


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(CommunityScoped):
    list_display = ["name", "community", "categories", "supervisor", "active"]
    list_filter = ["community", "active"]
    search_fields = ["name"]
    inlines = [TeamMemberInline]
    autocomplete_fields = ["supervisor"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(CommunityScoped):
    list_display = [
        "category",
        "priority",
        "response_target",
        "response_clock",
        "arrival_target",
        "arrival_clock",
        "resolution_target",
        "resolution_clock",
        "community",
    ]
    list_filter = ["community", "category", "priority"]
    actions = ["seed_defaults"]

    @admin.action(description=_("Add the default policies missing in these communities"))
    def seed_defaults(self, request, queryset):
        from wuye.core.models import Community

        communities = Community.objects.filter(pk__in=queryset.values("community_id"))
        added = sum(
            services.sla_policies_seed(community=c, actor=request.user) for c in communities
        )
        self.message_user(request, _("%(n)s policies added.") % {"n": added})


@admin.register(PriceListItem)
class PriceListItemAdmin(CommunityScoped):
    """A published price is never deleted: it is retired (unticked "published"), so that
    the orders that charged it keep it."""

    list_display = ["name", "unit", "price", "active", "sort", "community"]
    list_filter = ["community", "active"]
    list_editable = ["price", "active", "sort"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeskSettings)
class DeskSettingsAdmin(CommunityScoped):
    list_display = [
        "community",
        "chase_interval_minutes",
        "reopen_days",
        "callback_scope",
        "warn_percent",
        "manager_escalation_minutes",
        "max_open_orders",
    ]


class EventInline(ReadOnlyInline):
    model = WorkOrderEvent
    fields = ["at", "actor", "action", "from_status", "to_status", "note", "visibility"]
    readonly_fields = fields


class ItemInline(ReadOnlyInline):
    model = WorkOrderItem
    fields = ["name", "unit", "quantity", "unit_price", "amount"]
    readonly_fields = fields


class CallBackInline(ReadOnlyInline):
    model = CallBack
    fields = ["at", "by", "satisfied", "score", "method", "note"]
    readonly_fields = fields


class SpotCheckInline(ReadOnlyInline):
    model = SpotCheck
    fields = ["at", "by", "passed", "finding"]
    readonly_fields = fields


class ReadOnlyScoped(ReadOnlyAdminMixin, CommunityScoped):
    perm = "workorder.view"


@admin.register(WorkOrder)
class WorkOrderAdmin(ReadOnlyScoped):
    list_display = [
        "number",
        "category",
        "priority",
        "status",
        "unit",
        "location",
        "assignee",
        "created_at",
        "escalation_level",
    ]
    list_filter = ["community", "status", "category", "priority", "channel"]
    search_fields = ["number", "description", "contact_name"]
    date_hierarchy = "created_at"
    list_select_related = ["unit__building", "assignee"]
    inlines = [ItemInline, CallBackInline, SpotCheckInline, EventInline]
