"""Parking's staff pages, mounted by `security.urls` under `c/<community_id>/security/`."""

from django.urls import path

from .views import sessions, tariffs

urlpatterns = [
    path("parking/tariffs/", tariffs.tariffs, name="parking_tariffs"),
    path("parking/tariffs/new/", tariffs.tariff_new, name="parking_tariff_new"),
    path(
        "parking/tariffs/<int:tariff_id>/change/",
        tariffs.tariff_change,
        name="parking_tariff_change",
    ),
    path("parking/sessions/", sessions.session_list, name="parking_sessions"),
    path("parking/sessions/<int:pk>/", sessions.session_detail, name="parking_session"),
    path("parking/settings/", sessions.parking_settings, name="parking_settings"),
    path(
        "parking/settings/history/",
        sessions.parking_settings_history,
        name="parking_settings_history",
    ),
]
