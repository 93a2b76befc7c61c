"""Parking's staff pages, mounted by `security.urls` under `c/<community_id>/security/`."""

from django.urls import path

from .views import console, overview, sessions, tariffs

urlpatterns = [
    path("parking/", overview.overview, name="parking_overview"),
    path("parking/console/", console.console, name="parking_console"),
    path("parking/console/open/", console.barrier_open, name="parking_barrier_open"),
    path("parking/console/<int:pk>/plate/", console.plate_correct, name="parking_plate_correct"),
    path("parking/console/<int:pk>/pair/", console.pair, name="parking_pair"),
    path("parking/console/<int:pk>/lost-ticket/", console.lost_ticket, name="parking_lost_ticket"),
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
