"""The staff pages of every area of the gate, under one namespace (`security:`)."""

from .parking.urls import urlpatterns as parking

app_name = "security"

urlpatterns = [*parking]
