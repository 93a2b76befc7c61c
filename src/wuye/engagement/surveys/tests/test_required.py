"""Required questions: a questionnaire that leaves one blank is refused the same way in the
portal, on paper and through the API, names the questions, and leaves the home free to answer."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wuye.engagement.models import Answer, Participation, Response
from wuye.engagement.surveys import services
from wuye.testing.api import bearer

from .fixtures import make_survey, respond

EVERY_RATING = {1: 4, 2: 5, 3: 4}
REPAIRS_LEFT_BLANK = "Question 2, “How satisfied are you with repairs?”, must be answered."


def nothing_recorded() -> bool:
    return not (
        Participation.objects.exists() or Response.objects.exists() or Answer.objects.exists()
    )


@pytest.fixture
def survey(site):
    return make_survey(site, required=None)  # each question as its kind has it


def test_ratings_are_required_unless_said_otherwise_and_other_kinds_optional(site, survey):
    assert {q.order: q.required for q in survey.questions.all()} == {
        1: True, 2: True, 3: True, 4: False, 5: False, 6: False,
    }  # fmt: skip
    draft = make_survey(site, publish=False, required=None, questions=[])
    optional = services.question_add(
        actor=site.manager,
        survey=draft,
        data={"kind": "rating", "dimension": "overall", "text": "Parking?", "required": False},
    )
    assert optional.required is False


def test_a_blank_rating_refuses_the_questionnaire_naming_the_question(site, survey):
    with pytest.raises(ValidationError) as refused:
        respond(survey, site.owner, site.units["owner_home"], {1: 4, 3: 5, 6: "Thanks"})

    assert refused.value.message_dict == {"answers": [REPAIRS_LEFT_BLANK]}
    assert nothing_recorded()
    respond(survey, site.owner, site.units["owner_home"], {**EVERY_RATING, 6: "Thanks"})
    assert Participation.objects.get().unit == site.units["owner_home"]


def test_the_refusal_names_every_blank_question_in_chinese(site, survey):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        respond(survey, site.owner, site.units["owner_home"], {5: ["Bins"]})

    assert refused.value.messages == [
        "第 1 题“How satisfied are you with the front desk?”为必答题，请作答。",
        "第 2 题“How satisfied are you with repairs?”为必答题，请作答。",
        "第 3 题“Overall, how satisfied are you?”为必答题，请作答。",
    ]


def test_a_copied_round_keeps_which_questions_are_required(site, survey):
    copy = services.survey_copy(actor=site.manager, community=site.community, source=survey)

    assert [q.required for q in copy.questions.order_by("order")] == [
        q.required for q in survey.questions.order_by("order")
    ]


def test_the_portal_refuses_a_blank_rating_then_takes_the_full_questionnaire(client, site, survey):
    questions = {q.order: q for q in survey.questions.all()}
    url = reverse("engagement_portal:survey", args=[survey.pk])
    home = site.units["owner_home"].pk
    client.force_login(site.owner)

    refused = client.post(
        url, {"unit": home, f"q{questions[1].pk}": "4", f"q{questions[3].pk}": "5"}
    )

    page = unescape(refused.content.decode())
    assert refused.status_code == 200 and REPAIRS_LEFT_BLANK in page
    assert page.count('aria-invalid="true"') == 1
    assert f'value="4" id="q{questions[1].pk}-4" autocomplete="off" checked' in page
    assert nothing_recorded()
    answered = client.post(
        url, {"unit": home, **{f"q{questions[n].pk}": str(v) for n, v in EVERY_RATING.items()}}
    )
    assert answered.status_code == 302
    assert Participation.objects.get().channel == "portal"


def test_the_office_entering_a_paper_questionnaire_is_refused_the_same_way(client, site, survey):
    q1 = survey.questions.get(order=1)
    client.force_login(site.frontdesk)

    response = client.post(
        reverse("engagement:survey_paper", args=[site.community.pk, survey.pk]),
        {"home": "2-1-301", f"q{q1.pk}": "4"},
    )

    assert response.status_code == 200
    assert REPAIRS_LEFT_BLANK in unescape(response.content.decode())
    assert nothing_recorded()


def test_the_api_refuses_a_blank_rating_and_says_which_questions_are_required(client, site, survey):
    q1 = survey.questions.get(order=1)
    detail = client.get(f"/api/v1/surveys/{survey.pk}", headers=bearer(site.owner)).json()
    response = client.post(
        f"/api/v1/surveys/{survey.pk}/responses",
        {"unit_id": site.units["owner_home"].pk, "answers": [{"question_id": q1.pk, "rating": 4}]},
        content_type="application/json",
        headers=bearer(site.owner),
    )

    assert [q["required"] for q in detail["questions"]] == [True, True, True, False, False, False]
    assert response.status_code == 400
    assert response.json()["errors"]["answers"] == [
        REPAIRS_LEFT_BLANK,
        "Question 3, “Overall, how satisfied are you?”, must be answered.",
    ]
    assert nothing_recorded()
