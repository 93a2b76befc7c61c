"""Surveys: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import AFFAIRS, OWNERS

STAFF = [
    NavEntry("engagement:surveys", _("Surveys"), "survey.view", group=OWNERS, order=430),
]

RESIDENT = [
    NavEntry(
        "engagement_portal:surveys", _("Surveys"), per_community=False, group=AFFAIRS, order=510
    ),
]
