"""The residents' pages of every area of the gate, under one namespace (`security_portal:`)."""

app_name = "security_portal"

urlpatterns = []
