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


# Core's own entries: the audit log under the settings menu.
SETTINGS = _("Settings")

STAFF = [NavEntry("core:audit", _("Audit log"), "audit.view", group=SETTINGS, order=900)]
