"""The demo's survey rounds: two anonymous rounds six months apart, believable rates, once."""

from datetime import date
from decimal import Decimal

from django.db.models import Count

from wuye.demo.surveys import surveys_demo_load
from wuye.engagement.models import Answer, Participation, Response, Survey
from wuye.engagement.surveys import queries
from wuye.testing import factories as f

TODAY = date(2026, 11, 27)


def _sixty_homes(site):
    for number in range(56):
        f.UnitFactory(
            building=site.buildings[number % 2],
            entrance="7",
            floor=1 + number // 8,
            number=f"{1 + number // 8}{number % 8:02d}",
        )
    f.UserFactory(username="cs-supervisor")


def test_two_rounds_six_months_apart_with_believable_rates(site):
    _sixty_homes(site)

    counts = surveys_demo_load(site.community, today=TODAY)

    first, latest = Survey.objects.filter(community=site.community).order_by("opens_at")
    assert counts["surveys"] == 2
    assert [s.title for s in (first, latest)] == [
        "2026年上半年业主满意度调查",
        "2026年下半年业主满意度调查",
    ]
    assert (first.opens_at.date(), latest.opens_at.date()) == (date(2026, 1, 3), date(2026, 7, 3))
    assert latest.copied_from == first and latest.status == "closed"
    results = queries.survey_results(latest)
    assert results.previous == first
    assert results.audience == 60 and results.answered == 40  # 66 per cent of 60 homes
    assert Decimal("55") <= results.previous_response_rate <= Decimal("60")
    rates = {d.dimension: d.rate for d in results.dimensions}
    assert set(rates) == {"service", "repairs", "security", "cleaning", "greenery", "overall"}
    assert all(Decimal("50") <= rate <= Decimal("100") for rate in rates.values())
    assert Response.objects.filter(participation__isnull=False).count() == 0  # anonymous
    channels = dict(Participation.objects.values_list("channel").annotate(n=Count("pk")).order_by())
    assert channels["paper"] > channels.get("portal", 0)
    due = queries.next_round_due(site.community)
    assert due["date"] == date(2027, 1, 3)


def test_a_second_load_changes_nothing(site):
    _sixty_homes(site)
    surveys_demo_load(site.community, today=TODAY)
    before = (Survey.objects.count(), Participation.objects.count(), Answer.objects.count())

    assert surveys_demo_load(site.community, today=TODAY) == {}
    assert before == (Survey.objects.count(), Participation.objects.count(), Answer.objects.count())
