"""The residents' pages of every engagement area, under one namespace (`engagement_portal:`)."""

from django.urls import path

from . import culture_portal, report_portal, surveys_portal
from .notices import portal_urls as notices
from .publicity import portal_urls as publicity
from .votes import portal_urls as votes

app_name = "engagement_portal"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
    path("reports/", report_portal.report_list, name="reports"),
    path("reports/<int:pk>/", report_portal.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", report_portal.report_print, name="report_pdf"),
    path("surveys/", surveys_portal.survey_list, name="surveys"),
    path("surveys/<int:pk>/", surveys_portal.survey_answer, name="survey"),
    path("surveys/<int:pk>/thanks/", surveys_portal.survey_thanks, name="survey_thanks"),
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
