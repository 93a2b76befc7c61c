from django.urls import include, path

from . import edits, views

app_name = "estates"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("search/", views.search, name="search"),
    path("buildings/", views.buildings, name="buildings"),
    path("buildings/new/", edits.building_edit, name="building_new"),
    path("buildings/<int:pk>/", views.building, name="building"),
    path("buildings/<int:pk>/edit/", edits.building_edit, name="building_edit"),
    path("buildings/<int:building_pk>/homes/new/", edits.unit_edit, name="unit_new"),
    path("homes/", views.units, name="units"),
    path("homes/<int:pk>/", views.unit, name="unit"),
    path("homes/<int:pk>/edit/", edits.unit_edit, name="unit_edit"),
    path("homes/<int:pk>/move-in/", edits.move_in, name="move_in"),
    path("residencies/<int:pk>/move-out/", edits.move_out, name="move_out"),
    path("residents/", views.residents, name="residents"),
    path("residents/new/", edits.resident_edit, name="resident_new"),
    path("residents/id-number-checks/", edits.id_number_reviews, name="id_number_reviews"),
    path("residents/id-number-checks/<int:pk>/", edits.id_number_review, name="id_number_review"),
    path("residents/<int:pk>/", views.resident, name="resident"),
    path("residents/<int:pk>/edit/", edits.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/id-number/", edits.resident_id_number, name="resident_id_number"),
    path("residents/<int:resident_pk>/vehicles/new/", edits.vehicle_edit, name="vehicle_new"),
    path("vehicles/", views.vehicles, name="vehicles"),
    path("vehicles/<int:pk>/edit/", edits.vehicle_edit, name="vehicle_edit"),
    path("parking/", views.parking, name="parking"),
    path("parking/new/", edits.parking_edit, name="parking_new"),
    path("parking/<int:pk>/edit/", edits.parking_edit, name="parking_edit"),
    path("transfer/", include("wuye.estates.transfer.urls")),
    path("", include("wuye.estates.personal_data.urls")),
]
