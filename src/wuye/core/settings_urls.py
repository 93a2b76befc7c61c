"""Core's settings pages, mounted at c/<community>/settings/."""

from django.urls import path

from . import views

app_name = "settings"

urlpatterns = [
    path("", views.settings_overview, name="overview"),
    path("profile/", views.community_profile, name="profile"),
    path("profile/history/", views.community_profile_history, name="profile_history"),
    path("calendar/", views.service_calendar_page, name="calendar"),
    path("calendar/history/", views.service_calendar_history, name="calendar_history"),
    path("retention/", views.retention_page, name="retention"),
    path("retention/history/", views.retention_history, name="retention_history"),
]
