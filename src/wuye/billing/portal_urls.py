from django.urls import path

from . import views

app_name = "billing_portal"

urlpatterns = [
    path("receipts/<int:payment_id>.pdf", views.portal_receipt, name="receipt"),
]
