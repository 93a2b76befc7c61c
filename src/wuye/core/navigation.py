"""The navigation bar: each entry shows only to users whose roles allow it.

Apps add their entries to STAFF_NAV / RESIDENT_NAV; the base layout renders them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    perm: str | None = None  # policy permission needed in the current community
    per_community: bool = True  # the URL takes the community id


STAFF_NAV: list[NavEntry] = [
    NavEntry("estates:overview", _("Overview"), "community.view"),
    NavEntry("estates:buildings", _("Buildings"), "register.view"),
    NavEntry("estates:residents", _("Residents"), "resident.view"),
    NavEntry("estates:vehicles", _("Vehicles"), "register.view"),
    NavEntry("estates:parking", _("Parking"), "register.view"),
    NavEntry("estates:transfer", _("Import and export"), "register.export"),
    NavEntry("engagement:notices", _("Notices"), "notice.view"),
    NavEntry("engagement:votes", _("Votes"), "vote.view"),
    NavEntry("servicedesk:board", _("Work orders"), "workorder.view"),
    NavEntry("servicedesk:mine", _("My work"), "workorder.view"),
    NavEntry("servicedesk_dashboard:dashboard", _("Indicators"), "workorder.supervise"),
    NavEntry("billing:desk", _("Billing"), "billing.view"),
]

RESIDENT_NAV: list[NavEntry] = [
    NavEntry("portal:home", _("My home"), per_community=False),
    NavEntry("portal:profile", _("My details"), per_community=False),
    NavEntry("engagement_portal:notices", _("Notices"), per_community=False),
    NavEntry("engagement_portal:votes", _("Votes"), per_community=False),
    NavEntry("servicedesk_portal:orders", _("Repairs and requests"), per_community=False),
    NavEntry("billing_portal:bills", _("Bills"), per_community=False),
]


def staff_links(user, community_id: int | None) -> list[dict]:
    from . import policy

    links = []
    if community_id is None:
        return links
    for entry in STAFF_NAV:
        if entry.perm and not policy.has_perm(user, entry.perm, community_id):
            continue
        args = [community_id] if entry.per_community else []
        links.append(
            {
                "url": reverse(entry.url_name, args=args),
                "label": entry.label,
                "name": entry.url_name,
            }
        )
    return links


def resident_links() -> list[dict]:
    return [
        {"url": reverse(e.url_name), "label": e.label, "name": e.url_name} for e in RESIDENT_NAV
    ]
