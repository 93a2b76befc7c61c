"""What the security supervisor hears of patrols: a checkpoint nobody scanned in its window."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify

MISSED = notify.Kind(
    "security.patrol_point_missed",
    _("A patrol checkpoint was not scanned in its window."),
    audience=notify.STAFF,
    urgent=True,
)


def point_link(point, user) -> str:
    return reverse("security:patrol_task", args=[point.task.community_id, point.task_id])


KINDS = [MISSED]
LINKS = {"security.taskpoint": point_link}
