"""The residents' pages of every area of the gate, under one namespace (`security_portal:`)."""

from .parcels import portal_urls as parcels
from .passes import portal_urls as passes

app_name = "security_portal"

urlpatterns = [
    *parcels.urlpatterns,
    *passes.urlpatterns,
]
