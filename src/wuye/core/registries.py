"""How an app plugs into the shared engines, called from its `AppConfig.ready()`.

An app (or each area package of an app) may have:

- `access.py` with `AREAS`: its permission areas (`core.policy.Area`);
- `navigation.py` with `STAFF` and `RESIDENT`: its entries in the two bars;
- `home.py` with `PANELS`, `LANDINGS`, `RESIDENT_PANELS`, `UNIT_PANELS`: its panels on the
  community's home page, the first page of the roles it serves, its sections of the portal
  hub and of a home's record (`core.home`);
- `report.py` with `SECTIONS`: its sections of the service report (`core.report.Contribution`);
- `notifications.py` with `KINDS`, `LINKS`, `CHANNELS`, `LANGUAGE_SOURCES`, `MOBILE_SOURCES`:
  its kinds of notification, the pages its messages link to, the channels, language choices
  and mobile numbers it keeps (`core.notify`);
- `privacy.py` with `PERSONAL_DATA`: what it holds about a person, and how it anonymises
  them (`core.privacy.Contribution`);
- `retention.py` with `DATA_CLASSES`: the personal data it keeps for a limited time, and how
  it purges what has expired (`core.retention.DataClass`).

`install(self)` registers what the app has; `install(self, "notices", "votes")` what each
named sub-package has. Core keeps the engines and none of the apps' entries.
"""

from __future__ import annotations

from importlib import import_module

from . import home, navigation, notify, policy, privacy, report, retention


def _module(package: str, name: str):
    try:
        return import_module(f"{package}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{package}.{name}":
            raise
        return None


def install(config, *areas: str) -> None:
    packages = [f"{config.name}.{area}" for area in areas] or [config.name]
    for package in packages:
        if access := _module(package, "access"):
            for area in access.AREAS:
                policy.register(area)
        if nav := _module(package, "navigation"):
            navigation.register_staff(*getattr(nav, "STAFF", ()))
            navigation.register_resident(*getattr(nav, "RESIDENT", ()))
        if panels := _module(package, "home"):
            home.register(*getattr(panels, "PANELS", ()))
            home.register_landings(*getattr(panels, "LANDINGS", ()))
            home.register_resident_panels(*getattr(panels, "RESIDENT_PANELS", ()))
            home.register_unit_panels(*getattr(panels, "UNIT_PANELS", ()))
        if sections := _module(package, "report"):
            report.register(*getattr(sections, "SECTIONS", ()))
        if messages := _module(package, "notifications"):
            notify.register(
                kinds=getattr(messages, "KINDS", ()),
                links=getattr(messages, "LINKS", None),
                channels=getattr(messages, "CHANNELS", ()),
                language_sources=getattr(messages, "LANGUAGE_SOURCES", ()),
                mobile_sources=getattr(messages, "MOBILE_SOURCES", ()),
            )
        if personal := _module(package, "privacy"):
            privacy.register(*getattr(personal, "PERSONAL_DATA", ()))
        if kept := _module(package, "retention"):
            retention.register(*getattr(kept, "DATA_CLASSES", ()))
