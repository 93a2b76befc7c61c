from django.urls import path

from . import views

urlpatterns = [
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/plans/new/", views.plan_from_template, name="inspection_plan_new"),
]
