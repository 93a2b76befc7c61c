"""Today's exceptions (异常) on top of the manager's indicators: what went wrong and is still
waiting for someone, each a count with the list that shows it.

- breaches: open orders past a deadline (the supervision page's first list);
- unanswered complaints: complaints open today that nobody has replied to today (the daily
  register of replies);
- failed spot checks: checks of the last seven days that found the work not up to standard
  (the supervision page);
- bill runs waiting for a worker: runs queued longer than a worker takes to pick one up,
  which means no worker is running (the bill runs page).

One count query each, whatever the number of orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wuye.billing import queries as billing
from wuye.core import policy
from wuye.core.models import Community

from .. import queries
from ..models import OPEN_STATES


@dataclass(frozen=True)
class Alert:
    """One of today's exceptions: how many, and the list that shows them."""

    key: str
    label: str | Promise
    count: int
    url: str


def _url(community_id: int, name: str, anchor: str = "") -> str:
    return reverse(name, args=[community_id]) + anchor


def todays_exceptions(user, community: Community, now: datetime | None = None) -> list[Alert]:
    """The exceptions of the community as the user (who reads its indicators) may see them;
    the bill runs only for those who may see billing."""
    now = now or timezone.now()
    cid = community.pk
    visible = queries.work_orders_visible_to(user, cid)
    unanswered = (
        queries.complaint_register(user, cid, timezone.localdate(now))
        .filter(status__in=sorted(OPEN_STATES), answered=False)
        .count()
    )
    failed = queries.failed_spot_checks(user, cid, now - timedelta(days=queries.FAILED_CHECK_DAYS))
    alerts = [
        Alert(
            "breaches",
            _("Deadlines breached"),
            queries.overdue(visible, now).count(),
            _url(cid, "servicedesk:supervision", "#breaches"),
        ),
        Alert(
            "complaints",
            _("Complaints not answered today"),
            unanswered,
            _url(cid, "servicedesk:complaint_register")
            if policy.has_perm(user, "workorder.reply", cid)
            else _url(cid, "servicedesk:supervision", "#complaints"),
        ),
        Alert(
            "spot_checks",
            _("Failed spot checks (7 days)"),
            failed.count(),
            _url(cid, "servicedesk:supervision", "#failed-checks"),
        ),
    ]
    if policy.has_perm(user, "billing.view", cid):
        alerts.append(
            Alert(
                "bill_runs",
                _("Bill runs waiting for a worker"),
                billing.runs_waiting_for_worker(cid, now).count(),
                _url(cid, "billing:runs"),
            )
        )
    return alerts
