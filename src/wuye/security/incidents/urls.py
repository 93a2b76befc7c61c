from django.urls import path

from . import views

urlpatterns = [
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/report/", views.incident_report, name="incident_report"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("incidents/<int:pk>/follow-up/", views.incident_follow_up, name="incident_follow_up"),
    path("incidents/<int:pk>/close/", views.incident_close, name="incident_close"),
    path("incidents/<int:pk>/work-order/", views.incident_work_order, name="incident_work_order"),
    path(
        "incidents/<int:pk>/photos/<int:photo_id>/",
        views.incident_photo,
        name="incident_photo",
    ),
]
