"""The gate's vehicles on the community's home page: cars inside now against the spaces."""

from wuye.core.home import Panel

from . import queries


def _inside(request, community) -> dict:
    return queries.cars_inside(community.pk)


PANELS = [
    Panel(
        key="parking_inside",
        template="security/parking/home_panel.html",
        context=_inside,
        perm="parking.view",
        order=620,
    ),
]
