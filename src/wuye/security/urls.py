"""The staff pages of every area of the gate, under one namespace (`security:`)."""

from .handover import urls as handover
from .incidents import urls as incidents
from .parcels import urls as parcels
from .parking.urls import urlpatterns as parking
from .passes import urls as passes
from .patrols import urls as patrols
from .posts import urls as posts

app_name = "security"

urlpatterns = [
    *passes.urlpatterns,
    *parking,
    *parcels.urlpatterns,
    *incidents.urlpatterns,
    *patrols.urlpatterns,
    *posts.urlpatterns,
    *handover.urlpatterns,
]
