"""Building, publishing, answering and copying surveys: the rules staff and owners rely on."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wuye.core.models import AuditEntry, Role
from wuye.engagement.models import Answer, Participation, Response, Survey
from wuye.engagement.surveys import queries, services
from wuye.testing import factories as f

from .fixtures import answers, make_survey, move_to_past, respond


def test_customer_service_supervisor_builds_a_survey_but_front_desk_cannot(site):
    supervisor = f.MembershipFactory(community=site.community, role=Role.CS_SUPERVISOR).user
    survey = make_survey(site, publish=False)
    services.question_add(
        actor=supervisor,
        survey=survey,
        data={"kind": "rating", "dimension": "security", "text": "Do you feel safe?"},
    )

    with pytest.raises(PermissionDenied):
        services.question_add(
            actor=site.frontdesk,
            survey=survey,
            data={"kind": "rating", "dimension": "security", "text": "Gate?"},
        )
    assert survey.questions.count() == 7


def test_choice_questions_need_two_distinct_options(site):
    survey = make_survey(site, publish=False, questions=[])

    for options in ([], ["Only"], ["Same", "Same"]):
        with pytest.raises(ValidationError) as error:
            services.question_add(
                actor=site.manager,
                survey=survey,
                data={"kind": "single", "dimension": "overall", "text": "Q", "options": options},
            )
        assert "options" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=site.manager,
            survey=survey,
            data={"kind": "rating", "dimension": "moon", "text": "Q", "order": 1},
        )
    assert "dimension" in error.value.error_dict


def test_a_published_survey_cannot_change_its_questions_or_details(site):
    survey = make_survey(site)
    question = survey.questions.first()

    with pytest.raises(ValidationError, match="published survey cannot change"):
        services.question_add(
            actor=site.manager,
            survey=survey,
            data={"kind": "rating", "dimension": "overall", "text": "Late question"},
        )
    with pytest.raises(ValidationError, match="published survey cannot change"):
        services.question_remove(actor=site.manager, question=question)
    with pytest.raises(ValidationError, match="published survey cannot change"):
        services.survey_save(
            actor=site.manager, community=site.community, data={"title": "New"}, survey=survey
        )
    assert survey.questions.count() == 6


def test_publishing_needs_a_question_and_counts_the_homes_asked(site):
    empty = make_survey(site, publish=False, questions=[])
    with pytest.raises(ValidationError, match="at least one question"):
        services.survey_publish(actor=site.manager, survey=empty)

    survey = make_survey(site, buildings=[site.buildings[1]])

    assert survey.status == "open"
    assert survey.audience_homes == 2  # building 2: the tenant's home and the vacant one
    assert AuditEntry.objects.filter(action="survey.publish", object_id=str(survey.pk)).exists()


def test_unsold_homes_are_not_asked(site):
    f.UnitFactory(building=site.buildings[0], entrance="3", number="601", occupancy="unsold")

    assert make_survey(site).audience_homes == 4


def test_a_home_answers_once_and_a_second_answer_is_refused(site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5})

    with pytest.raises(ValidationError) as error:
        respond(survey, site.frontdesk, site.units["owner_home"], {1: 1})

    assert error.value.error_dict["unit"][0].message == (
        "This home has already answered this survey."
    )
    assert Participation.objects.filter(survey=survey).count() == 1
    ratings = Answer.objects.filter(question__survey=survey).values_list("rating", flat=True)
    assert list(ratings) == [5]


def test_the_database_refuses_a_second_participation_of_a_home(site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5})

    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            survey=survey, unit=site.units["owner_home"], channel="paper", recorded_by=site.admin
        )


def test_a_household_member_answers_for_the_home_but_a_tenant_and_a_neighbour_cannot(site):
    spouse = f.UserFactory(username="spouse")
    site.residents["owner_spouse"].user = spouse
    site.residents["owner_spouse"].save()
    survey = make_survey(site)

    for user, unit in (
        (site.tenant, site.units["tenant_home"]),
        (site.owner2, site.units["owner_home"]),
        (site.guard, site.units["owner_home"]),
    ):
        with pytest.raises(PermissionDenied):
            respond(survey, user, unit, {1: 3})
    participation = respond(survey, spouse, site.units["owner_home"], {1: 4})

    assert participation.channel == "portal"


def test_an_anonymous_survey_keeps_no_link_from_answers_to_the_home(site):
    survey = make_survey(site, anonymous=True)
    respond(survey, site.owner, site.units["owner_home"], {1: 5, 6: "Thanks"})

    response = Response.objects.get(survey=survey)
    assert response.participation is None
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "survey", "participation"}
    # random keys: neither responses nor answers tell in which order the homes answered
    assert {Response._meta.pk.get_internal_type(), Answer._meta.pk.get_internal_type()} == {
        "UUIDField"
    }
    assert Participation.objects.get(survey=survey).unit == site.units["owner_home"]


def test_a_named_survey_links_the_answers_to_the_home(site):
    survey = make_survey(site, anonymous=False)
    participation = respond(survey, site.owner, site.units["owner_home"], {1: 5})

    assert Response.objects.get(survey=survey).participation == participation


def test_office_records_a_paper_questionnaire_for_a_home(site):
    survey = make_survey(site)

    participation = respond(survey, site.frontdesk, site.units["vacant_home"], {2: 4})

    assert (participation.channel, participation.recorded_by) == ("paper", site.frontdesk)


@pytest.mark.parametrize(
    ("by_number", "message"),
    [
        ({1: 6}, "Question 1: give a rating from 1 to 5."),
        ({1: 0}, "Question 1: give a rating from 1 to 5."),
        ({4: ["Yes", "No"]}, "Question 4: choose one option."),
        ({}, "Answer at least one question."),
    ],
)
def test_bad_answers_are_refused_naming_the_question(site, by_number, message):
    survey = make_survey(site)

    with pytest.raises(ValidationError) as error:
        respond(survey, site.owner, site.units["owner_home"], by_number)

    assert error.value.error_dict["answers"][0].message == message
    assert not Participation.objects.exists() and not Answer.objects.exists()


def test_an_option_of_another_question_is_refused(site):
    survey = make_survey(site)
    given = answers(survey, {5: "Bins"})
    given[0]["question_id"] = survey.questions.get(order=4).pk

    with pytest.raises(ValidationError, match="choose among its options"):
        services.survey_respond(
            actor=site.owner, survey=survey, unit=site.units["owner_home"], answers=given
        )


def test_answers_only_while_the_survey_is_open(site):
    draft = make_survey(site, publish=False)
    with pytest.raises(ValidationError, match="not been published"):
        respond(draft, site.owner, site.units["owner_home"], {1: 5})
    closed = move_to_past(make_survey(site), days=1)
    with pytest.raises(ValidationError, match="closed at"):
        respond(closed, site.owner, site.units["owner_home"], {1: 5})


def test_a_home_outside_the_chosen_buildings_cannot_answer(site):
    survey = make_survey(site, buildings=[site.buildings[1]])

    with pytest.raises(ValidationError, match="does not ask this home"):
        respond(survey, site.owner, site.units["owner_home"], {1: 5})


def test_closing_early_ends_the_answers(site):
    survey = services.survey_close(actor=site.manager, survey=make_survey(site))

    assert survey.status == "closed"
    with pytest.raises(ValidationError, match="Only an open survey"):
        services.survey_close(actor=site.manager, survey=survey)


def test_the_next_round_is_due_six_months_after_the_last_one_opened(site):
    assert queries.next_round_due(site.community)["overdue"] is True
    last = move_to_past(make_survey(site), days=100)
    due = queries.next_round_due(site.community)
    opened = timezone.localdate(last.opens_at)

    assert due["months"] == 6 and due["last"] == last
    assert (due["date"] - opened).days in range(181, 185)
    assert due["overdue"] is False


def test_copying_the_previous_round_is_one_step(site):
    last = move_to_past(make_survey(site, buildings=[site.buildings[0]]), days=200)

    copy = services.survey_copy(actor=site.manager, community=site.community)

    assert copy.status == "draft" and copy.copied_from == last
    assert list(copy.buildings.all()) == [site.buildings[0]]
    assert [(q.order, q.kind, q.dimension, q.text) for q in queries.questionnaire(copy)] == [
        (q.order, q.kind, q.dimension, q.text) for q in queries.questionnaire(last)
    ]
    assert [o.text for o in copy.questions.get(order=5).options.all()] == [
        "Stairs",
        "Lifts",
        "Bins",
    ]
    # overdue: the new round opens now, for two weeks
    assert copy.opens_at >= timezone.now() - timedelta(minutes=1)
    assert copy.closes_at - copy.opens_at == timedelta(days=14)
    services.survey_publish(actor=site.manager, survey=copy)
    assert queries.previous_round(Survey.objects.get(pk=copy.pk)) == last


def test_copying_needs_an_earlier_round(site):
    with pytest.raises(ValidationError, match="no earlier round"):
        services.survey_copy(actor=site.manager, community=site.community)
