from django.urls import path

from .views import receipts

app_name = "billing"

urlpatterns = [
    path("payments/<int:payment_id>/receipt.pdf", receipts.receipt, name="receipt"),
]
