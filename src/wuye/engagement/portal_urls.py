from django.urls import path

from . import portal

app_name = "engagement_portal"

urlpatterns = [
    path("", portal.vote_list, name="votes"),
    path("<int:pk>/", portal.vote_detail, name="vote"),
]
