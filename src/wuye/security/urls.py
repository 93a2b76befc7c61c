"""The staff pages of every area of the gate, under one namespace (`security:`)."""

from .handover import urls as handover
from .parcels import urls as parcels
from .parking.urls import urlpatterns as parking
from .passes import urls as passes

app_name = "security"

urlpatterns = [*passes.urlpatterns, *parking, *parcels.urlpatterns, *handover.urlpatterns]
