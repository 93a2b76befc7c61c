"""The residents' pages of every engagement area, under one namespace (`engagement_portal:`)."""

from django.urls import path

from . import report_portal
from .community_life import portal_urls as community_life
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
    *community_life.urlpatterns,
    path("reports/", report_portal.report_list, name="reports"),
    path("reports/<int:pk>/", report_portal.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", report_portal.report_print, name="report_pdf"),
]
