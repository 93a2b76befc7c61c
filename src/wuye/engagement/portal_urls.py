"""The residents' pages of every engagement area, under one namespace (`engagement_portal:`)."""

from django.urls import path

from . import culture_portal, report_portal
from .notices import portal_urls as notices
from .publicity import portal_urls as publicity
from .surveys import portal_urls as surveys
from .votes import portal_urls as votes

app_name = "engagement_portal"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
    *surveys.urlpatterns,
    path("reports/", report_portal.report_list, name="reports"),
    path("reports/<int:pk>/", report_portal.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", report_portal.report_print, name="report_pdf"),
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
