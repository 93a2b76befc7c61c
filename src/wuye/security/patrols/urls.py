from django.urls import path

from . import views

urlpatterns = [
    path("patrols/", views.task_list, name="patrol_tasks"),
    path("patrols/<int:task_id>/", views.task_detail, name="patrol_task"),
]
