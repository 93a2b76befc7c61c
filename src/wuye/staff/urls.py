"""The staff pages of every area, under one namespace (`staff:`)."""

from .attendance import urls as attendance
from .certificates import urls as certificates
from .feedback import urls as feedback
from .organisation import urls as organisation
from .people import urls as people
from .rosters import urls as rosters
from .training import urls as training

app_name = "staff"

urlpatterns = [
    *organisation.urlpatterns,
    *people.urlpatterns,
    *rosters.urlpatterns,
    *attendance.urlpatterns,
    *certificates.urlpatterns,
    *training.urlpatterns,
    *feedback.urlpatterns,
]
