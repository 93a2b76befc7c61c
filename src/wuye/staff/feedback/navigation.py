"""Staff suggestions and complaints: its entry under the staff menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import STAFF as GROUP

STAFF = [
    NavEntry(
        "staff:feedback_list",
        _("Suggestions and complaints"),
        "staff_feedback.submit",
        group=GROUP,
        order=600,
    ),
]
