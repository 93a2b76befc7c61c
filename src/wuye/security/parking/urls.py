"""Parking's staff pages, mounted by `security.urls` under `c/<community_id>/security/`."""

from django.urls import path

from . import views
from .views import tariffs

urlpatterns = [
    path("parking/", views.overview, name="parking_overview"),
    path("parking/console/", views.console, name="parking_console"),
    path("parking/console/open/", views.barrier_open, name="parking_barrier_open"),
    path("parking/console/<int:pk>/plate/", views.plate_correct, name="parking_plate_correct"),
    path("parking/console/<int:pk>/pair/", views.pair, name="parking_pair"),
    path("parking/console/<int:pk>/lost-ticket/", views.lost_ticket, name="parking_lost_ticket"),
    path("parking/sessions/", views.session_list, name="parking_sessions"),
    path("parking/sessions/<int:pk>/", views.session_detail, name="parking_session"),
    path("parking/settings/", views.parking_settings, name="parking_settings"),
    path(
        "parking/settings/history/",
        views.parking_settings_history,
        name="parking_settings_history",
    ),
    path("parking/tariffs/", tariffs.tariffs, name="parking_tariffs"),
    path("parking/tariffs/new/", tariffs.tariff_new, name="parking_tariff_new"),
    path(
        "parking/tariffs/<int:tariff_id>/change/",
        tariffs.tariff_change,
        name="parking_tariff_change",
    ),
]
