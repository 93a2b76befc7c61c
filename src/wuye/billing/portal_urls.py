from django.urls import path

from .views import receipts

app_name = "billing_portal"

urlpatterns = [
    path("receipts/<int:payment_id>.pdf", receipts.portal_receipt, name="receipt"),
]
