"""The navigation bar: each entry shows only to users whose roles allow it.

Apps register their entries (`register_staff`, `register_resident`) in their
`AppConfig.ready()`; the base layout renders them. Entries are grouped by area of the
business: a group with one visible entry is a plain link, a larger one a menu, so the bar
stays one line however many apps there are.
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
    group: str | Promise | None = None  # the menu it belongs to
    order: int = 0  # place in the bar; a menu sits where its first entry does
    # One line on what the page sets, for the settings overview (entries of `SETTINGS`).
    summary: str | Promise = ""


# Filled by the apps in their `AppConfig.ready()`, shown in `order`.
STAFF_NAV: list[NavEntry] = []
RESIDENT_NAV: list[NavEntry] = []


def register_staff(*entries: NavEntry) -> None:
    """Add entries to the staff console's bar (each needs its permission in the community)."""
    _add(STAFF_NAV, entries)


def register_resident(*entries: NavEntry) -> None:
    """Add entries to the owners' portal bar."""
    _add(RESIDENT_NAV, entries)


def _add(bar: list[NavEntry], entries) -> None:
    for entry in entries:
        if entry not in bar:
            bar.append(entry)
    bar.sort(key=lambda entry: entry.order)


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


def settings_sections(user, community_id: int) -> list[dict]:
    """The entries of the settings menu the user may reach in the community, but the
    overview itself, grouped by the app whose page each opens: {"label", "links"}, each
    link with its `summary`."""
    from django.apps import apps
    from django.urls import resolve

    from . import policy

    sections: dict = {}
    for entry in STAFF_NAV:
        if entry.group != SETTINGS or entry.url_name == OVERVIEW:
            continue
        if entry.perm and not policy.has_perm(user, entry.perm, community_id):
            continue
        link = _link(entry, [community_id] if entry.per_community else [])
        app = apps.get_containing_app_config(resolve(link["url"]).func.__module__)
        section = sections.setdefault(app.label, {"label": app.verbose_name, "links": []})
        section["links"].append({**link, "summary": entry.summary})
    return list(sections.values())


# Core's own entries under the settings menu: the overview of every setting, the community's
# profile and service calendar, and the audit log.
SETTINGS = _("Settings")
OVERVIEW = "settings:overview"

STAFF = [
    NavEntry(OVERVIEW, _("All settings"), "community.change", group=SETTINGS, order=800),
    NavEntry(
        "settings:profile",
        _("Community profile"),
        "community.change",
        group=SETTINGS,
        order=810,
        summary=_(
            "Name, address, service phone, developer, service level, language, and the areas "
            "of the plan from which density, green ratio and plot ratio are computed."
        ),
    ),
    NavEntry(
        "settings:calendar",
        _("Service calendar"),
        "community.change",
        group=SETTINGS,
        order=820,
        summary=_(
            "Public holidays and swapped working days (调休): the days on which the service "
            "clock of response targets runs."
        ),
    ),
    NavEntry(
        "settings:retention",
        _("Data retention"),
        "community.change",
        group=SETTINGS,
        order=830,
        summary=_(
            "How long visitor records, plates, parking photos, parcel records and former "
            "residents' details are kept before the nightly purge removes them."
        ),
    ),
    NavEntry(
        "core:audit",
        _("Audit log"),
        "audit.view",
        group=SETTINGS,
        order=900,
        summary=_("Who changed what, and when, across the community's records."),
    ),
]
