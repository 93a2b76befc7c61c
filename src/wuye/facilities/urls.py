"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

from .contractors.urls import urlpatterns as contractors
from .equipment import urls as equipment

app_name = "facilities"

urlpatterns = [*equipment.urlpatterns, *contractors]
