"""Engagement's entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

OWNERS = _("Owners")
AFFAIRS = _("Owners' affairs")
COMMUNITY_LIFE = _("Community life")

STAFF = [
    NavEntry("engagement:notices", _("Notices"), "notice.view", group=OWNERS, order=400),
    NavEntry("engagement:votes", _("Votes"), "vote.view", group=OWNERS, order=410),
    NavEntry(
        "engagement:service_report", _("Service report"), "report.view", group=OWNERS, order=420
    ),
    NavEntry("engagement:surveys", _("Surveys"), "survey.view", group=OWNERS, order=430),
    NavEntry("engagement:events", _("Events"), "event.view", group=OWNERS, order=440),
    NavEntry("engagement:groups", _("Interest groups"), "event.view", group=OWNERS, order=450),
    NavEntry(
        "engagement:reception", _("Reception days"), "reception.view", group=OWNERS, order=460
    ),
    NavEntry("engagement:visits", _("Owner visits"), "visit.view", group=OWNERS, order=470),
    NavEntry(
        "engagement:publicity_list", _("Fund usage"), "publicity.view", group=OWNERS, order=480
    ),
    NavEntry(
        "engagement:committee",
        _("Owners' committee"),
        "committee.manage",
        group=OWNERS,
        order=490,
    ),
]

RESIDENT = [
    NavEntry("engagement_portal:notices", _("Notices"), per_community=False, order=400),
    NavEntry("engagement_portal:votes", _("Votes"), per_community=False, group=AFFAIRS, order=500),
    NavEntry(
        "engagement_portal:surveys", _("Surveys"), per_community=False, group=AFFAIRS, order=510
    ),
    NavEntry(
        "engagement_portal:reports",
        _("Service reports"),
        per_community=False,
        group=AFFAIRS,
        order=520,
    ),
    NavEntry(
        "engagement_portal:publicity_list",
        _("Fund usage"),
        per_community=False,
        group=AFFAIRS,
        order=530,
    ),
    NavEntry(
        "engagement_portal:events",
        _("Events"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=600,
    ),
    NavEntry(
        "engagement_portal:groups",
        _("Groups"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=610,
    ),
    NavEntry(
        "engagement_portal:reception",
        _("Reception day"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=620,
    ),
]
