"""The demo's fund-usage publicity: the ended quarters of the billing year published, with
fees consistent with the year's payments, one correction, and the owners' committee."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from wuye.billing.models import FeeKind, Payment
from wuye.demo.billing import billing_load
from wuye.demo.publicity import publicity_load
from wuye.engagement.models import CommitteeMember, FundLine, FundPeriod
from wuye.engagement.publicity import queries

TODAY = date(2026, 11, 27)


def test_the_ended_quarters_are_published_once_with_the_years_collections(site):
    billing_load(site.community, today=TODAY)
    assert publicity_load(site.community, today=TODAY) == {"periods": 4, "committee": 2}
    periods = FundPeriod.objects.filter(community=site.community)
    assert sorted({p.start for p in periods}) == [
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
    ]
    assert all(p.is_published for p in periods)
    corrected = periods.get(start=date(2026, 4, 1), corrects__isnull=True)
    assert corrected.corrected_by.published_at > corrected.published_at
    current = list(FundPeriod.objects.current().filter(community=site.community))
    assert len(current) == 3
    for period in current:
        assert period.published_at.date() < TODAY
        ledger = queries.ledger(period, with_lines=False)
        collected = Payment.objects.filter(
            community=site.community,
            received_at__date__gte=period.start,
            received_at__date__lt=period.end,
            allocations__charge__fee_item__kind=FeeKind.PROPERTY,
        ).aggregate(total=Sum("allocations__amount"))["total"]
        assert ledger.property_fees == collected > 0
        assert ledger.income.as_tuple().exponent == -2  # yuan to the cent, on every database
        assert ledger.top_up == ((ledger.common_area_income - Decimal("7500")) / 2).quantize(
            Decimal("0.01")
        )
    roles = dict(
        CommitteeMember.objects.filter(community=site.community).values_list(
            "resident__user__username", "role"
        )
    )
    assert roles == {"owner2": "vice_chair", "landlord": "chair"}
    counts = (FundPeriod.objects.count(), FundLine.objects.count())
    assert publicity_load(site.community, today=TODAY) == {}
    assert (FundPeriod.objects.count(), FundLine.objects.count()) == counts
