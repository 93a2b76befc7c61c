"""The staff pages of every area of the facilities, under one namespace (`facilities:`)."""

from .contractors.urls import urlpatterns as contractors

app_name = "facilities"

urlpatterns = [*contractors]
