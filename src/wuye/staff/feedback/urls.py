from django.urls import path

from . import views

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback"),
    path("feedback/<int:pk>/answer/", views.feedback_answer, name="feedback_answer"),
]
