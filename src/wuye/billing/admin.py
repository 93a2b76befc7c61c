"""The Django admin: company administrators configure fee items, parking contracts and the
community's fee rules; money rows are shown read-only (they change through the services)."""

from django.contrib import admin

from wuye.core.admin import ReadOnlyAdmin

from .models import (
    BillingSettings,
    BillRun,
    Charge,
    FeeItem,
    FeePrice,
    LedgerEntry,
    ParkingContract,
    Payment,
)


@admin.register(BillingSettings)
class BillingSettingsAdmin(admin.ModelAdmin):
    list_display = ["community", "vacant_rate_enabled", "late_fee_enabled"]


class FeePriceInline(admin.TabularInline):
    """A fee item's prices, set from the console's fee item page (from a chosen period)."""

    model = FeePrice
    extra = 0
    can_delete = False
    readonly_fields = ["effective_from", "unit_price", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FeeItem)
class FeeItemAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "community", "kind", "method", "unit_price", "cycle_months"]
    list_filter = ["community", "kind", "method", "active"]
    search_fields = ["name", "code"]
    raw_id_fields = ["applies_building", "applies_units"]
    inlines = [FeePriceInline]

    def get_readonly_fields(self, request, obj=None):
        # A price changes from a period, on the console's page, never in place.
        return ["unit_price"] if obj else []


@admin.register(ParkingContract)
class ParkingContractAdmin(admin.ModelAdmin):
    list_display = ["space", "unit", "fee_item", "start_date", "end_date"]
    list_filter = ["community"]
    raw_id_fields = ["space", "unit", "fee_item"]


@admin.register(BillRun)
class BillRunAdmin(ReadOnlyAdmin):
    list_display = ["period", "community", "status", "charges_created", "total_amount"]
    list_filter = ["community", "status"]


@admin.register(Charge)
class ChargeAdmin(ReadOnlyAdmin):
    list_display = ["unit", "fee_item", "period", "amount", "due_date"]
    list_filter = ["community", "period"]
    list_select_related = ["unit__building", "fee_item"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "receipt_number",
        "unit",
        "payer_name",
        "amount",
        "method",
        "status",
        "received_at",
    ]
    list_filter = ["community", "status", "method"]
    search_fields = ["receipt_number", "payer_name"]
    list_select_related = ["unit__building"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "unit", "account", "kind", "amount", "reason"]
    list_filter = ["community", "account", "kind"]
    list_select_related = ["unit__building"]
