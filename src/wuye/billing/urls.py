from django.urls import path

from .views import desk, receipts, reports, runs, settings

app_name = "billing"

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("homes/<int:unit_id>/", desk.home, name="home"),
    path("homes/<int:unit_id>/statement/", reports.statement, name="statement"),
    path("homes/<int:unit_id>/reminder.pdf", reports.reminder, name="reminder"),
    path("payments/<int:payment_id>/", desk.payment, name="payment"),
    path("payments/<int:payment_id>/void/", desk.payment_void, name="payment_void"),
    path("payments/<int:payment_id>/receipt.pdf", receipts.receipt, name="receipt"),
    path("runs/", runs.runs, name="runs"),
    path("runs/start/", runs.run_start, name="run_start"),
    path("runs/<int:run_id>/", runs.run, name="run"),
    path("runs/<int:run_id>/progress/", runs.run_progress, name="run_progress"),
    path("runs/<int:run_id>/resume/", runs.run_resume, name="run_resume"),
    path("fees/", reports.fee_standards, name="fees"),
    path("arrears/", reports.arrears, name="arrears"),
    path("arrears/buildings/<int:building_id>/", reports.arrears_building, name="arrears_building"),
    path(
        "arrears/buildings/<int:building_id>/reminders.pdf",
        reports.reminders_building,
        name="reminders_building",
    ),
    path("reports/collection/", reports.collection, name="collection"),
    path("reports/daily/", reports.daily, name="daily"),
    path("settings/", settings.settings, name="settings"),
    path("settings/history/", settings.settings_history, name="settings_history"),
    path("settings/fee-items/", settings.fee_items, name="fee_items"),
    path("settings/fee-items/new/", settings.fee_item_new, name="fee_item_new"),
    path("settings/fee-items/history/", settings.fee_item_history, name="fee_item_history"),
    path("settings/fee-items/<int:item_id>/", settings.fee_item_edit, name="fee_item_edit"),
    path("settings/fee-items/<int:item_id>/price/", settings.fee_item_price, name="fee_item_price"),
    path("settings/fee-items/<int:item_id>/end/", settings.fee_item_end, name="fee_item_end"),
]
