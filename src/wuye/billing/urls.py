from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("payments/<int:payment_id>/receipt.pdf", views.receipt, name="receipt"),
]
