"""The staff pages of every area of the gate, under one namespace (`security:`)."""

app_name = "security"

urlpatterns = []
