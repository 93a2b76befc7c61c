"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

from .equipment import urls as equipment

app_name = "facilities"

urlpatterns = [*equipment.urlpatterns]
