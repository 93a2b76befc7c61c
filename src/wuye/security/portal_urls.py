"""The residents' pages of every area of the gate, under one namespace (`security_portal:`)."""

from .passes import portal_urls as passes

app_name = "security_portal"

urlpatterns = [
    *passes.urlpatterns,
]
