"""Surveys: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import AFFAIRS, OWNERS

STAFF = [
    NavEntry("engagement:surveys", _("Surveys"), "survey.view", group=OWNERS, order=430),
    NavEntry(
        "engagement:survey_settings",
        _("Survey settings"),
        "survey.configure",
        group=SETTINGS,
        order=840,
        summary=_(
            "How often a satisfaction survey round is due (twice a year: every six months) "
            "and the satisfaction rate it must reach."
        ),
    ),
]

RESIDENT = [
    NavEntry(
        "engagement_portal:surveys", _("Surveys"), per_community=False, group=AFFAIRS, order=510
    ),
]
