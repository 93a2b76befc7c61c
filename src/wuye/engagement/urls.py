from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("", views.vote_list, name="votes"),
    path("new/", views.vote_new, name="vote_new"),
    path("<int:pk>/", views.vote_detail, name="vote"),
    path("<int:pk>/paper-ballot/", views.paper_ballot, name="paper_ballot"),
    path("<int:pk>/open/", views.vote_open, name="vote_open"),
    path("<int:pk>/close/", views.vote_close, name="vote_close"),
]
