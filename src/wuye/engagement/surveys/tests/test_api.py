"""The surveys API: what each caller sees, a home's answers once, the results for staff."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.engagement.models import Participation
from wuye.testing import factories as f
from wuye.testing.api import bearer

from .fixtures import answers, make_survey, move_to_past, respond


def post(client, user, url, body):
    return client.post(url, body, content_type="application/json", headers=bearer(user))


def get(client, user, url):
    return client.get(url, headers=bearer(user))


def test_residents_see_open_and_closed_surveys_staff_see_drafts_too(client, site):
    draft = make_survey(site, title="Draft", publish=False)
    closed = move_to_past(make_survey(site, title="Last spring"), days=100)
    current = make_survey(site, title="This autumn")

    owner = get(client, site.owner, "/api/v1/surveys").json()
    staff = get(client, site.frontdesk, "/api/v1/surveys").json()
    tenant = get(client, site.tenant, "/api/v1/surveys").json()
    open_only = get(client, site.frontdesk, "/api/v1/surveys?status=open").json()

    assert [s["id"] for s in owner["items"]] == [current.pk, closed.pk]
    assert {s["id"] for s in staff["items"]} == {draft.pk, closed.pk, current.pk}
    assert tenant == {"count": 0, "items": []}
    assert [s["id"] for s in open_only["items"]] == [current.pk]
    assert owner["items"][0]["status"] == "open" and owner["items"][1]["status"] == "closed"


def test_survey_detail_lists_questions_options_and_my_homes(client, site):
    survey = make_survey(site)

    body = get(client, site.owner, f"/api/v1/surveys/{survey.pk}").json()

    assert [q["kind"] for q in body["questions"]] == [
        "rating",
        "rating",
        "rating",
        "single",
        "multiple",
        "text",
    ]
    assert [o["text"] for o in body["questions"][4]["options"]] == ["Stairs", "Lifts", "Bins"]
    assert body["my_homes"] == [{"unit_id": site.units["owner_home"].pk, "answered": False}]


def test_owner_answers_for_their_home_once(client, site):
    survey = make_survey(site)
    url = f"/api/v1/surveys/{survey.pk}/responses"
    body = {
        "unit_id": site.units["owner_home"].pk,
        "answers": answers(survey, {1: 5, 4: "Yes", 5: ["Bins", "Stairs"], 6: "Thanks"}),
    }

    first = post(client, site.owner, url, body)
    second = post(client, site.owner, url, body)

    assert first.status_code == 201, first.content
    assert first.json()["channel"] == "portal"
    assert second.status_code == 409
    assert second.json()["errors"] == {"unit_id": ["This home has already answered this survey."]}
    assert Participation.objects.count() == 1


def test_bad_answers_are_refused_naming_the_answers(client, site):
    survey = make_survey(site)
    url = f"/api/v1/surveys/{survey.pk}/responses"
    rating = survey.questions.get(order=1).pk

    response = post(
        client,
        site.owner,
        url,
        {"unit_id": site.units["owner_home"].pk, "answers": [{"question_id": rating, "rating": 7}]},
    )
    elsewhere = post(
        client,
        site.owner,
        url,
        {"unit_id": site.units["other_home"].pk, "answers": [{"question_id": rating, "rating": 4}]},
    )

    assert response.status_code == 422  # the schema's range: 1 to 5
    assert response.json()["errors"] == {"answers.0.rating": ["Enter a value of at most 5."]}
    assert elsewhere.status_code == 404 and "unit_id" in elsewhere.json()["errors"]
    assert not Participation.objects.exists()


def test_results_for_staff_only(client, site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5, 2: 2, 4: "No"})
    respond(survey, site.owner2, site.units["owner2_home"], {1: 4, 2: 4})

    body = get(client, site.manager, f"/api/v1/surveys/{survey.pk}/results").json()
    refused = get(client, site.owner, f"/api/v1/surveys/{survey.pk}/results")

    assert (body["audience_homes"], body["answered_homes"], body["response_rate"]) == (
        4,
        2,
        "50.0",
    )
    assert [(d["dimension"], d["rate"], d["met"]) for d in body["dimensions"]] == [
        ("service", "100.0", True),
        ("repairs", "50.0", False),
    ]
    assert (body["total"]["rate"], body["total"]["average"], body["target"]) == (
        "75.0",
        "3.75",
        "80.00",
    )
    assert body["questions"][3]["options"][1] == {
        "option_id": survey.questions.get(order=4).options.get(text="No").pk,
        "text": "No",
        "count": 1,
    }
    assert refused.status_code == 403


def test_survey_list_queries_do_not_grow_with_surveys(client, site):
    make_survey(site)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/surveys", headers=bearer(site.owner))
    for number in range(4):
        make_survey(site, title=f"Round {number}", buildings=[site.buildings[0]])
    f.UnitFactory(building=site.buildings[0], entrance="9", number="901")

    with CaptureQueriesContext(connection) as more:
        response = client.get("/api/v1/surveys", headers=bearer(site.owner))

    assert response.json()["count"] == 5
    assert len(more) == len(few)
