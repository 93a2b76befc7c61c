from django.urls import path

from . import views

app_name = "billing_readings"

urlpatterns = [
    path("", views.index, name="index"),
    path("buildings/<int:building_id>/", views.building, name="building"),
    path("common/", views.common, name="common"),
    path("import/", views.import_file, name="import"),
    path("meters/<int:meter_id>/", views.record, name="record"),
]
