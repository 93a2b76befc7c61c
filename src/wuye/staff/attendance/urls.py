from django.urls import path

from . import views

urlpatterns = [
    path("clock/", views.clock_page, name="clock"),
    path("clock/do/", views.clock_post, name="clock_do"),
    path("attendance/", views.sheet_page, name="attendance"),
    path("attendance/export/", views.sheet_export, name="attendance_export"),
    path("attendance/<int:user_id>/", views.person_month, name="attendance_person"),
    path("attendance/<int:user_id>/record/", views.person_record, name="attendance_record"),
]
