"""The visits (走访) of a home, shown on the register's page of that home to the office."""

from django import template

from wuye.core import policy

from ..community_life.queries import visits_visible_to

register = template.Library()
SHOWN = 5


@register.inclusion_tag("engagement/community_life/_home_visits.html", takes_context=True)
def home_visits(context, home) -> dict:
    """The latest visits of `home`, for staff who may see visits (nothing for the others)."""
    user = context["request"].user
    if not policy.has_perm(user, "visit.view", home.community_id):
        return {"shown": False}
    visits = list(visits_visible_to(user, home.community_id).filter(unit=home)[: SHOWN + 1])
    return {
        "shown": True,
        "community_id": home.community_id,
        "home": home,
        "visits": visits[:SHOWN],
        "more": len(visits) > SHOWN,
    }
