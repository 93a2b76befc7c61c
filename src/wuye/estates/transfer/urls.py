"""Excel import and export of the register, inside the `estates` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.transfer, name="transfer"),
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
]
