"""The report's survey section: the latest round closed by the period's end, against the
target and the round before; nothing before any round has closed."""

from datetime import datetime
from decimal import Decimal

import time_machine
from django.utils import timezone

from wuye.core.report import Period, sections
from wuye.engagement.models import Survey
from wuye.engagement.surveys import report

from .fixtures import make_survey, respond


def run(survey: Survey, opens: datetime, closes: datetime) -> None:
    Survey.objects.filter(pk=survey.pk).update(opens_at=opens, closes_at=closes, published_at=opens)


def local(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def test_the_section_shows_the_latest_round_against_target_and_previous(site):
    spring = make_survey(site, title="Spring 2026", questions=[("rating", "service", "Desk?", [])])
    respond(spring, site.owner, site.units["owner_home"], {1: 5})
    respond(spring, site.owner2, site.units["owner2_home"], {1: 3})
    run(spring, local(2026, 3, 1), local(2026, 3, 15))
    autumn = make_survey(site, title="Autumn 2026", questions=[("rating", "service", "Desk?", [])])
    for who, home, score in (
        (site.owner, "owner_home", 5),
        (site.owner2, "owner2_home", 4),
        (site.frontdesk, "tenant_home", 2),
    ):
        respond(autumn, who, site.units[home], {1: score})
    run(autumn, local(2026, 9, 1), local(2026, 9, 15))

    september = report.section(site.community, Period.month(2026, 9))
    august = report.section(site.community, Period.month(2026, 8))

    assert "Autumn 2026" in september.note and "Spring 2026" in september.note
    figures = {f.label: f for f in september.figures}
    assert figures["Response rate"].value == (
        "75.0% (3 of 4 homes) (+25.0 pts on the previous round)"
    )
    service = figures["Satisfaction: Customer service"]
    assert service.value == "66.7% (+16.7 pts on the previous round)"
    assert (service.target, service.met) == ("≥ 80%", False)
    assert september.chart.labels == ["Customer service", "All ratings"]
    assert september.chart.series == {
        "This round": [Decimal("66.7"), Decimal("66.7")],
        "Previous round": [Decimal("50.0"), Decimal("50.0")],
        "Target": [Decimal("80.00"), Decimal("80.00")],
    }
    assert "Spring 2026" in august.note
    assert {f.label: f for f in august.figures}["Response rate"].value == "50.0% (2 of 4 homes)"


def test_no_section_before_any_round_has_closed(site):
    run(make_survey(site), local(2026, 12, 1), local(2026, 12, 21))

    with time_machine.travel(local(2026, 12, 7)):
        assert report.section(site.community, Period.month(2026, 11)) is None
        # The round closes within December but is still collecting answers.
        assert "surveys" not in [s.key for s in sections(site.community, Period.month(2026, 12))]


def test_a_round_closing_later_in_the_month_is_reported_once_it_has_closed(site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5})
    run(survey, local(2026, 12, 1), local(2026, 12, 21))

    with time_machine.travel(local(2026, 12, 22)):
        december = report.section(site.community, Period.month(2026, 12))

    assert december.figures[0].value == "25.0% (1 of 4 homes)"


def test_a_round_closed_in_the_quarter_joins_the_report(site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5})
    run(survey, local(2026, 5, 1), local(2026, 5, 10))

    found = {s.key: s for s in sections(site.community, Period.quarter(2026, 2))}

    assert found["surveys"].figures[0].value == "25.0% (1 of 4 homes)"
    assert "surveys" not in [s.key for s in sections(site.community, Period.quarter(2026, 1))]
