"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

from .contractors.urls import urlpatterns as contractors
from .equipment import urls as equipment
from .inspections.urls import urlpatterns as inspections
from .maintenance.urls import urlpatterns as maintenance
from .stores.urls import urlpatterns as stores

app_name = "facilities"

urlpatterns = [*equipment.urlpatterns, *maintenance, *contractors, *inspections, *stores]
