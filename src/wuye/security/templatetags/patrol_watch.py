"""The missed checkpoints of a patrol task, shown on its page to those who acknowledge them."""

from django import template

from wuye.core import policy
from wuye.security.patrols.models import PointStatus

register = template.Library()


@register.inclusion_tag("security/patrols/_task_missed.html", takes_context=True)
def patrol_missed(context, task, points):
    """The task's missed points with a form to acknowledge each, for the supervisor and the
    manager; nothing for anyone else."""
    user = context["request"].user
    shown = policy.has_perm(user, "patrol.acknowledge", task.community_id)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "community": context["community"],
        "missed": [p for p in points if p.status == PointStatus.MISSED] if shown else [],
    }


@register.simple_tag(takes_context=True)
def patrol_may(context, verb: str) -> bool:
    """Whether the reader may `verb` patrols in the page's community."""
    return policy.has_perm(context["request"].user, f"patrol.{verb}", context["community"].pk)
