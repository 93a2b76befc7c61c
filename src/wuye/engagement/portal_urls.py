from django.urls import path

from . import culture_portal, portal

app_name = "engagement_portal"

urlpatterns = [
    path("votes/", portal.vote_list, name="votes"),
    path("votes/<int:pk>/", portal.vote_detail, name="vote"),
    path("notices/", portal.notice_list, name="notices"),
    path("notices/<int:pk>/", portal.notice_detail, name="notice"),
    path("notices/<int:pk>/pdf/", portal.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        portal.notice_attachment,
        name="notice_attachment",
    ),
    path("events/", culture_portal.event_list, name="events"),
    path("events/<int:pk>/", culture_portal.event_detail, name="event"),
    path("event-signups/<int:pk>/cancel/", culture_portal.signup_cancel, name="signup_cancel"),
    path("groups/", culture_portal.group_list, name="groups"),
    path("groups/<int:pk>/", culture_portal.group_detail, name="group"),
    path(
        "groups/<int:pk>/<str:action>/",
        culture_portal.group_membership,
        name="group_membership",
    ),
    path("reception/", culture_portal.reception, name="reception"),
    path("reception/<int:pk>/cancel/", culture_portal.reception_cancel, name="reception_cancel"),
]
