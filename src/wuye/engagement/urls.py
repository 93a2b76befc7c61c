from django.urls import path

from . import culture_views, notice_views, views

app_name = "engagement"

urlpatterns = [
    path("votes/", views.vote_list, name="votes"),
    path("votes/new/", views.vote_new, name="vote_new"),
    path("votes/<int:pk>/", views.vote_detail, name="vote"),
    path("votes/<int:pk>/paper-ballot/", views.paper_ballot, name="paper_ballot"),
    path("votes/<int:pk>/open/", views.vote_open, name="vote_open"),
    path("votes/<int:pk>/close/", views.vote_close, name="vote_close"),
    path("notices/", notice_views.notice_list, name="notices"),
    path("notices/new/", notice_views.notice_edit, name="notice_new"),
    path("notices/<int:pk>/", notice_views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", notice_views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/publish/", notice_views.notice_publish, name="notice_publish"),
    path("notices/<int:pk>/attach/", notice_views.notice_attach, name="notice_attach"),
    path("notices/<int:pk>/pdf/", notice_views.notice_print, name="notice_pdf"),
    path(
        "notices/<int:pk>/files/<int:attachment_pk>/",
        notice_views.notice_attachment,
        name="notice_attachment",
    ),
    path("events/", culture_views.event_list, name="events"),
    path("events/new/", culture_views.event_new, name="event_new"),
    path("events/<int:pk>/", culture_views.event_detail, name="event"),
    path("events/<int:pk>/cancel/", culture_views.event_cancel, name="event_cancel"),
    path(
        "events/<int:pk>/signups/<int:signup_pk>/<str:action>/",
        culture_views.signup_act,
        name="signup_act",
    ),
    path("groups/", culture_views.group_list, name="groups"),
    path("groups/new/", culture_views.group_new, name="group_new"),
    path("groups/<int:pk>/", culture_views.group_detail, name="group"),
    path("reception/", culture_views.reception_list, name="reception"),
    path("reception/<str:day>/", culture_views.reception_day, name="reception_day"),
    path("reception-bookings/<int:pk>/", culture_views.booking_detail, name="booking"),
    path(
        "reception-bookings/<int:pk>/work-order/",
        culture_views.booking_raise,
        name="booking_raise",
    ),
    path("visits/", culture_views.visit_list, name="visits"),
    path("visits/new/", culture_views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", culture_views.visit_detail, name="visit"),
    path("visits/<int:pk>/work-order/", culture_views.visit_raise, name="visit_raise"),
]
