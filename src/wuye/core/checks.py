"""Start-up checks of what the apps registered: a mistake fails `check`, `migrate` and
`runserver`, not a page at run time."""

from django.core.checks import Error, register

from . import home, navigation, policy
from .models import Role


@register()
def registries(app_configs, **kwargs):
    errors = []
    for entry in navigation.STAFF_NAV + navigation.RESIDENT_NAV:
        if entry.perm and entry.perm not in policy.PERMISSIONS:
            errors.append(
                Error(
                    f"Navigation entry {entry.url_name!r} needs the unknown permission "
                    f"{entry.perm!r}.",
                    hint="Declare the permission in an area of the app's access.py.",
                    id="wuye.E001",
                )
            )
    for label, areas in policy.CLAIMS.items():
        if len(areas) > 1:
            errors.append(
                Error(
                    f"The model {label!r} is claimed by several permission areas: "
                    f"{', '.join(areas)}.",
                    hint="One area governs each model.",
                    id="wuye.E002",
                )
            )
    for panel in home.PANELS + home.UNIT_PANELS:
        if panel.perm not in policy.PERMISSIONS:
            errors.append(
                Error(
                    f"Home panel {panel.key!r} needs the unknown permission {panel.perm!r}.",
                    id="wuye.E003",
                )
            )
    for landing in home.LANDINGS:
        unknown = sorted(set(landing.roles) - set(Role.values))
        if landing.perm not in policy.PERMISSIONS:
            unknown.append(landing.perm)
        if unknown:
            errors.append(
                Error(
                    f"Landing page {landing.url_name!r} names what no app declares: "
                    f"{', '.join(unknown)}.",
                    hint="Name a role of core.models.Role and a permission of an area.",
                    id="wuye.E005",
                )
            )
    for area in policy.REGISTERED.values():
        unknown = sorted(set(area.second_factor) - set(area.verbs))
        if unknown:
            errors.append(
                Error(
                    f"Area {area.name!r} asks a second factor for verbs it does not declare: "
                    f"{', '.join(unknown)}.",
                    id="wuye.E004",
                )
            )
    return errors
