from django.urls import path

from . import portal

urlpatterns = [
    path("votes/", portal.vote_list, name="votes"),
    path("votes/<int:pk>/", portal.vote_detail, name="vote"),
]
