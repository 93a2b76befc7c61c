from django.urls import path

from . import portal

urlpatterns = [
    path("events/", portal.event_list, name="events"),
    path("events/<int:pk>/", portal.event_detail, name="event"),
    path("event-signups/<int:pk>/cancel/", portal.signup_cancel, name="signup_cancel"),
    path("groups/", portal.group_list, name="groups"),
    path("groups/<int:pk>/", portal.group_detail, name="group"),
    path(
        "groups/<int:pk>/<str:action>/",
        portal.group_membership,
        name="group_membership",
    ),
    path("reception/", portal.reception, name="reception"),
    path("reception/<int:pk>/cancel/", portal.reception_cancel, name="reception_cancel"),
]
