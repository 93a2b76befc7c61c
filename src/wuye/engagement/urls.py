"""The staff pages of every engagement area, under one namespace (`engagement:`)."""

from django.urls import path

from . import report_views
from .community_life import urls as community_life
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
    *community_life.urlpatterns,
    path("report/", report_views.service_report, name="service_report"),
    path("report/pdf/", report_views.service_report_pdf, name="service_report_pdf"),
    path("report/publish/", report_views.service_report_publish, name="service_report_publish"),
]
