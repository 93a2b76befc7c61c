"""The staff pages of every engagement area, under one namespace (`engagement:`)."""

from django.urls import path

from . import culture_views, report_views
from .notices import urls as notices
from .publicity import urls as publicity
from .surveys import urls as surveys
from .votes import urls as votes

app_name = "engagement"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
    *surveys.urlpatterns,
    path("report/", report_views.service_report, name="service_report"),
    path("report/pdf/", report_views.service_report_pdf, name="service_report_pdf"),
    path("report/publish/", report_views.service_report_publish, name="service_report_publish"),
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
