"""The navigation bar: each entry shows only to users whose roles allow it.

Apps add their entries to STAFF_NAV / RESIDENT_NAV; the base layout renders them. Entries
are grouped by area of the business: a group with one visible entry is a plain
link, a larger one a menu, so the bar stays one line however many apps there are.
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
    group: str | Promise | None = None  # the menu it belongs to (staff)


REGISTER = _("Register")
SERVICE = _("Customer center")
BILLING = _("Billing")
OWNERS = _("Owners")


STAFF_NAV: list[NavEntry] = [
    NavEntry("estates:overview", _("Overview"), "community.view"),
    NavEntry("estates:buildings", _("Buildings"), "register.view", group=REGISTER),
    NavEntry("estates:residents", _("Residents"), "resident.view", group=REGISTER),
    NavEntry("estates:vehicles", _("Vehicles"), "register.view", group=REGISTER),
    NavEntry("estates:parking", _("Parking"), "register.view", group=REGISTER),
    NavEntry("estates:transfer", _("Import and export"), "register.export", group=REGISTER),
    NavEntry("servicedesk:board", _("Work orders"), "workorder.view", group=SERVICE),
    NavEntry("servicedesk:mine", _("My work"), "workorder.view", group=SERVICE),
    NavEntry("servicedesk:orders", _("Work-order list"), "workorder.list", group=SERVICE),
    NavEntry(
        "servicedesk_dashboard:dashboard", _("Indicators"), "workorder.supervise", group=SERVICE
    ),
    NavEntry("billing:desk", _("Cashier's desk"), "billing.view", group=BILLING),
    NavEntry("billing:runs", _("Bill runs"), "billing.run", group=BILLING),
    NavEntry("billing_readings:index", _("Meter readings"), "billing.read_meters", group=BILLING),
    NavEntry("billing:arrears", _("Arrears"), "billing.view", group=BILLING),
    NavEntry("billing:collection", _("Collection rate"), "billing.view", group=BILLING),
    NavEntry("billing:daily", _("Daily report"), "billing.view", group=BILLING),
    NavEntry("billing:fees", _("Fee standards"), "billing.view", group=BILLING),
    NavEntry("engagement:notices", _("Notices"), "notice.view", group=OWNERS),
    NavEntry("engagement:votes", _("Votes"), "vote.view", group=OWNERS),
    NavEntry("engagement:service_report", _("Service report"), "report.view", group=OWNERS),
    NavEntry("engagement:surveys", _("Surveys"), "survey.view", group=OWNERS),
    NavEntry("engagement:events", _("Events"), "event.view", group=OWNERS),
    NavEntry("engagement:groups", _("Interest groups"), "event.view", group=OWNERS),
    NavEntry("engagement:reception", _("Reception days"), "reception.view", group=OWNERS),
    NavEntry("engagement:visits", _("Owner visits"), "visit.view", group=OWNERS),
    NavEntry("engagement:publicity_list", _("Fund usage"), "publicity.view", group=OWNERS),
    NavEntry("engagement:committee", _("Owners' committee"), "committee.manage", group=OWNERS),
]

AFFAIRS = _("Owners' affairs")
COMMUNITY_LIFE = _("Community life")

RESIDENT_NAV: list[NavEntry] = [
    NavEntry("portal:home", _("My home"), per_community=False),
    NavEntry("servicedesk_portal:orders", _("Repairs and requests"), per_community=False),
    NavEntry("billing_portal:bills", _("Bills"), per_community=False),
    NavEntry("engagement_portal:notices", _("Notices"), per_community=False),
    NavEntry("engagement_portal:votes", _("Votes"), per_community=False, group=AFFAIRS),
    NavEntry("engagement_portal:surveys", _("Surveys"), per_community=False, group=AFFAIRS),
    NavEntry("engagement_portal:reports", _("Service reports"), per_community=False, group=AFFAIRS),
    NavEntry(
        "engagement_portal:publicity_list", _("Fund usage"), per_community=False, group=AFFAIRS
    ),
    NavEntry("engagement_portal:events", _("Events"), per_community=False, group=COMMUNITY_LIFE),
    NavEntry("engagement_portal:groups", _("Groups"), per_community=False, group=COMMUNITY_LIFE),
    NavEntry(
        "engagement_portal:reception",
        _("Reception day"),
        per_community=False,
        group=COMMUNITY_LIFE,
    ),
    NavEntry("portal:profile", _("My details"), per_community=False),
]


def _grouped(links: list[tuple[NavEntry, dict]]) -> list[dict]:
    """Links as groups in the order declared: {"label", "links"}; an ungrouped entry is a
    group of its own with no label."""
    groups: list[dict] = []
    by_label: dict = {}
    for entry, link in links:
        if entry.group is None:
            groups.append({"label": None, "links": [link]})
        elif entry.group in by_label:
            by_label[entry.group]["links"].append(link)
        else:
            by_label[entry.group] = {"label": entry.group, "links": [link]}
            groups.append(by_label[entry.group])
    return groups


def _link(entry: NavEntry, args: list) -> dict:
    return {"url": reverse(entry.url_name, args=args), "label": entry.label, "name": entry.url_name}


def staff_links(user, community_id: int | None) -> list[dict]:
    """The entries the user may reach in the community, as groups (see `_grouped`)."""
    from . import policy

    if community_id is None:
        return []
    return _grouped(
        [
            (entry, _link(entry, [community_id] if entry.per_community else []))
            for entry in STAFF_NAV
            if not entry.perm or policy.has_perm(user, entry.perm, community_id)
        ]
    )


def resident_links() -> list[dict]:
    """The portal's entries: the everyday ones as links, the rest in two menus."""
    return _grouped([(entry, _link(entry, [])) for entry in RESIDENT_NAV])
