"""The residents' pages of every engagement area, under one namespace (`engagement_portal:`)."""

from .community_life import portal_urls as community_life
from .notices import portal_urls as notices
from .publicity import portal_urls as publicity
from .service_report import portal_urls as service_report
from .surveys import portal_urls as surveys
from .votes import portal_urls as votes

app_name = "engagement_portal"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
    *surveys.urlpatterns,
    *community_life.urlpatterns,
    *service_report.urlpatterns,
]
