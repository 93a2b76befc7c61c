from django.urls import path

from . import portal
from .views import receipts

app_name = "billing_portal"

urlpatterns = [
    path("", portal.bills, name="bills"),
    path("homes/<int:unit_id>/statement/", portal.statement, name="statement"),
    path("payments/", portal.payments, name="payments"),
    path("fees/", portal.fee_standards, name="fees"),
    path("receipts/<int:payment_id>.pdf", receipts.portal_receipt, name="receipt"),
]
