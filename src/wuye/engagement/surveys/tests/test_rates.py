"""Survey rates against hand-computed cases: response rate, satisfaction (4–5) by dimension,
average scores, option counts, the previous round and the target; in constant queries."""

from decimal import Decimal

import pytest

from wuye.engagement.models import Survey
from wuye.engagement.surveys import queries
from wuye.testing import factories as f

from .fixtures import make_survey, move_to_past, respond


@pytest.fixture
def answered(site):
    """Three of the four homes answer; the tenant's home on paper through the front desk."""
    survey = make_survey(site)
    respond(
        survey,
        site.owner,
        site.units["owner_home"],
        {1: 5, 2: 3, 3: 4, 4: "Yes", 5: ["Stairs", "Lifts"], 6: "The gardens are lovely."},
    )
    respond(
        survey, site.owner2, site.units["owner2_home"], {1: 4, 2: 2, 3: 5, 4: "No", 5: "Stairs"}
    )
    respond(survey, site.frontdesk, site.units["tenant_home"], {1: 2, 3: 3, 4: "Yes", 6: "Lift!"})
    return survey


def test_response_rate_is_homes_answered_over_homes_asked(answered):
    results = queries.survey_results(answered)

    assert (results.audience, results.answered) == (4, 3)
    assert results.response_rate == Decimal("75.0")
    assert (results.portal, results.paper) == (2, 1)


def test_satisfaction_by_dimension_counts_ratings_of_four_and_five(answered):
    results = queries.survey_results(answered)
    rows = {d.dimension: d for d in results.dimensions}

    # service 5, 4, 2 -> 2 of 3; repairs 3, 2 -> 0 of 2; overall 4, 5, 3 -> 2 of 3
    assert list(rows) == ["service", "repairs", "overall"]
    assert (rows["service"].satisfied, rows["service"].ratings) == (2, 3)
    assert rows["service"].rate == Decimal("66.7")
    assert rows["service"].average == Decimal("3.67")
    assert (rows["repairs"].rate, rows["repairs"].average) == (Decimal("0.0"), Decimal("2.50"))
    assert (rows["overall"].rate, rows["overall"].average) == (Decimal("66.7"), Decimal("4.00"))
    # all eight ratings: 5 3 4 4 2 5 2 3 -> four satisfied, 28 / 8
    assert (results.total.satisfied, results.total.ratings) == (4, 8)
    assert (results.total.rate, results.total.average) == (Decimal("50.0"), Decimal("3.50"))


def test_rates_are_compared_with_the_target_of_the_service_level(answered, site):
    results = queries.survey_results(answered)

    assert results.target == Decimal("80.00")  # 一级 service level
    assert [d.met for d in results.dimensions] == [False, False, False]
    site.community.standard.satisfaction_target = Decimal("60.00")
    site.community.standard.save()
    answered.community.refresh_from_db()
    rows = queries.survey_results(Survey.objects.get(pk=answered.pk)).dimensions
    assert [d.met for d in rows] == [True, False, True]


def test_option_counts_and_rating_distribution_per_question(answered):
    by_number = {r.question.order: r for r in queries.survey_results(answered).questions}

    assert by_number[1].distribution == [0, 1, 0, 1, 1]
    assert (by_number[1].answers, by_number[1].rate) == (3, Decimal("66.7"))
    assert by_number[2].answers == 2
    recommend = {o["option"].text: (o["count"], o["share"]) for o in by_number[4].options}
    assert recommend == {"Yes": (2, Decimal("66.7")), "No": (1, Decimal("33.3"))}
    # a multiple choice counts each home once in its answers, each ticked option once
    cleaning = {o["option"].text: (o["count"], o["share"]) for o in by_number[5].options}
    assert by_number[5].answers == 2
    assert cleaning == {
        "Stairs": (2, Decimal("100.0")),
        "Lifts": (1, Decimal("50.0")),
        "Bins": (0, Decimal("0.0")),
    }
    assert by_number[6].answers == 2


def test_results_compare_with_the_previous_round_of_the_community(site, answered):
    current = Survey.objects.get(pk=answered.pk)
    earlier = make_survey(site, questions=[("rating", "service", "Front desk?", [])])
    respond(earlier, site.owner, site.units["owner_home"], {1: 4})
    respond(earlier, site.owner2, site.units["owner2_home"], {1: 5})
    move_to_past(earlier, days=180)
    neighbour = f.CommunityFactory(company=site.community.company)
    assert not Survey.objects.filter(community=neighbour).exists()

    results = queries.survey_results(current)
    service = next(d for d in results.dimensions if d.dimension == "service")

    assert results.previous == earlier
    assert results.previous_response_rate == Decimal("50.0")
    assert results.response_change == Decimal("25.0")
    assert service.previous_rate == Decimal("100.0")
    assert service.change == Decimal("-33.3")
    assert next(d for d in results.dimensions if d.dimension == "repairs").previous_rate is None


def test_results_of_a_survey_nobody_answered_have_no_rates(site):
    results = queries.survey_results(make_survey(site))

    assert results.response_rate == Decimal("0.0")
    assert results.dimensions == []
    assert results.total.rate is None and results.total.average is None


def test_results_take_the_same_queries_however_many_homes_answered(
    site, answered, django_assert_num_queries
):
    survey = Survey.objects.select_related("community__standard").get(pk=answered.pk)
    with django_assert_num_queries(7) as few:
        queries.survey_results(survey)
    building = site.buildings[0]
    for number in range(20):
        unit = f.UnitFactory(building=building, entrance="3", floor=1, number=f"9{number:02d}")
        respond(answered, site.frontdesk, unit, {1: 1 + number % 5, 4: "No", 5: ["Bins"]})
    survey = Survey.objects.select_related("community__standard").get(pk=answered.pk)
    with django_assert_num_queries(len(few.captured_queries)):
        results = queries.survey_results(survey)
    assert results.answered == 23
