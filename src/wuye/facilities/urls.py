"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

from .maintenance.urls import urlpatterns as maintenance

app_name = "facilities"

urlpatterns = [*maintenance]
