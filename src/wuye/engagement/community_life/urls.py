from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path(
        "events/<int:pk>/signups/<int:signup_pk>/<str:action>/",
        views.signup_act,
        name="signup_act",
    ),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_new, name="group_new"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("reception/", views.reception_list, name="reception"),
    path("reception/<str:day>/", views.reception_day, name="reception_day"),
    path("reception-bookings/<int:pk>/", views.booking_detail, name="booking"),
    path(
        "reception-bookings/<int:pk>/work-order/",
        views.booking_raise,
        name="booking_raise",
    ),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/work-order/", views.visit_raise, name="visit_raise"),
]
