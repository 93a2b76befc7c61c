"""The open maintenance tasks of an equipment item, shown on its page (the page a QR label
opens), so that a technician who scans the label reaches the checklist in one more tap. A tag
rather than the equipment view's context: the register does not depend on maintenance."""

from django import template
from django.utils import timezone

from wuye.core import policy

from ..maintenance import queries

register = template.Library()


@register.inclusion_tag("facilities/maintenance/_equipment_tasks.html", takes_context=True)
def equipment_tasks(context, community, item):
    user = context["request"].user
    if not policy.has_perm(user, "maintenance.open", community.pk):
        return {"shown": False}
    tasks = (
        queries.open_first(queries.tasks_for(user, community.pk))
        .filter(plan__equipment=item)
        .select_related("plan")[:10]
    )
    return {
        "shown": True,
        "community": community,
        "item": item,
        "tasks": list(tasks),
        "today": timezone.localdate(),
    }
