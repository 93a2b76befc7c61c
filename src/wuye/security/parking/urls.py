"""Parking's staff pages, mounted by `security.urls` under `c/<community_id>/security/`."""

from django.urls import path

from .views import tariffs

urlpatterns = [
    path("parking/tariffs/", tariffs.tariffs, name="parking_tariffs"),
    path("parking/tariffs/new/", tariffs.tariff_new, name="parking_tariff_new"),
    path(
        "parking/tariffs/<int:tariff_id>/change/",
        tariffs.tariff_change,
        name="parking_tariff_change",
    ),
]
