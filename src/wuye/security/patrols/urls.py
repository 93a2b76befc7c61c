from django.urls import path

from . import views, watch_views

urlpatterns = [
    path("patrols/", views.task_list, name="patrol_tasks"),
    path("patrols/<int:task_id>/", views.task_detail, name="patrol_task"),
    path("patrols/missed/", watch_views.missed_points, name="patrol_missed"),
    path("patrols/labels/", watch_views.checkpoint_labels, name="patrol_labels"),
    path("patrols/completion/", watch_views.completion, name="patrol_completion"),
    path(
        "patrols/<int:task_id>/points/<int:point_id>/work-order/",
        views.point_work_order,
        name="patrol_point_work_order",
    ),
    path("patrols/<int:task_id>/photos/<int:photo_id>/", views.task_photo, name="patrol_photo"),
]
