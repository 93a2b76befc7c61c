from django.urls import path

from . import views

urlpatterns = [
    path("posts/", views.post_board, name="post_board"),
]
