"""Fund-usage publicity when two people act at the same moment (PostgreSQL only)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from wuye.engagement.models import FundLine, FundPeriod
from wuye.engagement.publicity import services
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .fixtures import draft

pytestmark = POSTGRES_CONCURRENCY


def test_two_drafts_of_one_period_started_at_once_make_one(site):
    def start():
        return services.fund_period_create(
            actor=site.manager, community=site.community, kind="quarter", start=date(2026, 7, 1)
        )

    results = at_once(start, start)
    assert sorted(type(r).__name__ for r in results) == ["FundPeriod", "ValidationError"]
    assert FundPeriod.objects.count() == 1


def test_a_line_added_while_the_period_is_published_is_refused_or_published_with_it(site):
    period = draft(site)

    def publish():
        return services.fund_period_publish(actor=site.manager, period=period)

    def add():
        return services.fund_line_add(
            actor=site.manager, period=period, category="repairs", description="Door", amount="80"
        )

    published, added = at_once(publish, add)
    assert isinstance(published, FundPeriod)
    lines = FundLine.objects.filter(period=period).count()
    if isinstance(added, ValidationError):
        assert lines == 6
    else:
        assert isinstance(added, FundLine) and lines == 7
    with pytest.raises(ValidationError):
        services.fund_line_add(
            actor=site.manager, period=period, category="repairs", description="Door", amount="80"
        )
