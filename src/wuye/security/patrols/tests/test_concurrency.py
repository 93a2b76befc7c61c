"""Two escalation sweeps at the same moment tell the head of security once.

Real concurrent transactions: PostgreSQL only, outside the per-test transaction."""

from wuye.core.models import Notification
from wuye.security.patrols import escalation, services
from wuye.security.patrols.models import TaskPoint
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .conftest import at

pytestmark = POSTGRES_CONCURRENCY


def test_two_escalation_sweeps_at_once_tell_once(site, patrol):
    services.sweep_missed(at(9, 31))

    def sweep():
        return escalation.sweep_escalate(at(9, 50))

    first, second = at_once(sweep, sweep)
    assert not isinstance(first, Exception) and not isinstance(second, Exception)
    assert first + second == 2
    assert TaskPoint.objects.filter(escalated_at__isnull=False).count() == 2
    told = Notification.objects.filter(kind="security.patrol_point_escalated")
    assert told.count() == 2  # the manager, once for each point
