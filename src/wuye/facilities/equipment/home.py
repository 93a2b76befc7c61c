"""The equipment intact rate on the manager's and the engineering supervisor's home page."""

from django.utils import timezone

from wuye.core.home import Panel

from .intact import intact_rate


def _intact(request, community) -> dict:
    return {"rate": intact_rate(community.pk, timezone.localdate())}


PANELS = [
    Panel(
        key="equipment_intact",
        template="facilities/equipment/intact_panel.html",
        context=_intact,
        perm="equipment.manage",
        order=320,
    ),
]
