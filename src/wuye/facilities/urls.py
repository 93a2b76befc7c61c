"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

app_name = "facilities"

urlpatterns = []
