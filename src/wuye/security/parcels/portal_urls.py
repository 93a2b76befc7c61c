from django.urls import path

from . import portal

urlpatterns = [
    path("parcels/", portal.parcels, name="parcels"),
]
