from django.urls import path

from . import dashboard

app_name = "servicedesk_dashboard"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]
