"""The staff pages of every area of the gate, under one namespace (`security:`)."""

from .parcels import urls as parcels

app_name = "security"

urlpatterns = [
    *parcels.urlpatterns,
]
