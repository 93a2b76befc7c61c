from django.urls import path

from . import views

urlpatterns = [
    path("training/", views.session_list, name="training_sessions"),
    path("training/courses/", views.course_list, name="training_courses"),
    path("training/courses/new/", views.course_create, name="training_course_create"),
    path("training/courses/<int:pk>/", views.course_edit, name="training_course_edit"),
    path("training/record/", views.session_record, name="training_record"),
    path("training/hours/", views.department_hours, name="training_hours"),
    path("training/people/<int:user_id>/", views.person_record, name="training_person"),
    path("training/<int:pk>/", views.session_detail, name="training_session"),
    path("training/<int:pk>/scores/", views.session_scores, name="training_scores"),
    path("training/<int:pk>/attachment/", views.session_attachment, name="training_attachment"),
]
