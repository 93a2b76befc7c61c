"""The staff pages of every engagement area, under one namespace (`engagement:`)."""

from .community_life import urls as community_life
from .notices import urls as notices
from .publicity import urls as publicity
from .service_report import urls as service_report
from .surveys import urls as surveys
from .votes import urls as votes

app_name = "engagement"

urlpatterns = [
    *votes.urlpatterns,
    *notices.urlpatterns,
    *publicity.urlpatterns,
    *surveys.urlpatterns,
    *community_life.urlpatterns,
    *service_report.urlpatterns,
]
