from django.urls import path

from . import views

urlpatterns = [
    path("maintenance/", views.task_list, name="maintenance_tasks"),
    path("maintenance/plans/", views.plan_list, name="maintenance_plans"),
    path("maintenance/<int:task_id>/", views.task_detail, name="maintenance_task"),
    path(
        "maintenance/equipment/<int:equipment_id>/readings/",
        views.equipment_readings,
        name="maintenance_readings",
    ),
    path(
        "maintenance/equipment/<int:equipment_id>/counters/",
        views.equipment_counters,
        name="maintenance_counters",
    ),
]
