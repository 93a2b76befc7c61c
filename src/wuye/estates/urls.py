from django.urls import path

from . import views

app_name = "estates"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("search/", views.search, name="search"),
    path("buildings/", views.buildings, name="buildings"),
    path("residents/", views.residents, name="residents"),
    path("vehicles/", views.vehicles, name="vehicles"),
    path("parking/", views.parking, name="parking"),
    path("transfer/", views.transfer, name="transfer"),
]
