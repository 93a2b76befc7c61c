"""Survey pages: the manager builds and publishes, the office records paper and exports,
owners answer in the portal; page queries do not grow with surveys or responses."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wuye.engagement.models import Participation, Question, Survey
from wuye.testing import factories as f

from .fixtures import make_survey, move_to_past, respond


def staff_url(site, name, *args):
    return reverse(f"engagement:{name}", args=[site.community.pk, *args])


def portal_url(name, *args):
    return reverse(f"engagement_portal:{name}", args=args)


def _queries(client, url) -> int:
    """The queries of a page, once the session remembers the community."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# ---- staff -------------------------------------------------------------------------------


def test_manager_builds_a_survey_and_publishes_it(client, site):
    client.force_login(site.manager)
    response = client.post(
        staff_url(site, "survey_new"),
        {
            "title": "Spring survey",
            "anonymous": "on",
            "buildings": [site.buildings[0].pk],
            "opens_at": "2030-03-01T09:00",
            "closes_at": "2030-03-15T18:00",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == staff_url(site, "survey", survey.pk)
    client.post(
        staff_url(site, "survey_question_add", survey.pk),
        {"kind": "single", "dimension": "cleaning", "text": "Stairs clean?", "options": "Yes\nNo"},
    )
    client.post(
        staff_url(site, "survey_question_add", survey.pk),
        {"kind": "rating", "dimension": "overall", "text": "Overall?"},
    )
    page = client.get(staff_url(site, "survey", survey.pk))
    assert page.status_code == 200
    assert [q.text for q in Question.objects.filter(survey=survey)] == ["Stairs clean?", "Overall?"]
    assert "Add a question" in page.text

    client.post(staff_url(site, "survey_publish", survey.pk))

    survey.refresh_from_db()
    assert survey.status == "scheduled" and survey.audience_homes == 2
    assert client.get(staff_url(site, "survey", survey.pk)).context["results"].audience == 2


def test_a_question_with_one_option_shows_why_it_was_refused(client, site):
    survey = make_survey(site, publish=False, questions=[])
    client.force_login(site.manager)

    response = client.post(
        staff_url(site, "survey_question_add", survey.pk),
        {"kind": "multiple", "dimension": "cleaning", "text": "Which?", "options": "Only"},
        follow=True,
    )

    assert "at least two options" in response.text
    assert not survey.questions.exists()


def test_front_desk_follows_results_but_cannot_build(client, site):
    survey = make_survey(site, publish=False)
    client.force_login(site.frontdesk)

    assert client.get(staff_url(site, "surveys")).status_code == 200
    assert client.get(staff_url(site, "survey_new")).status_code == 403
    assert client.post(staff_url(site, "survey_publish", survey.pk)).status_code == 403
    client.force_login(site.guard)
    assert client.get(staff_url(site, "surveys")).status_code == 403
    client.force_login(site.other_manager)
    assert client.get(staff_url(site, "survey", survey.pk)).status_code == 403


def test_list_shows_when_the_next_round_is_due_and_copies_the_last_one(client, site):
    last = move_to_past(make_survey(site), days=200)
    client.force_login(site.manager)

    page = client.get(staff_url(site, "surveys"))
    assert "Next round due" in page.text and "due now" in page.text
    response = client.post(staff_url(site, "survey_copy"))

    copy = Survey.objects.exclude(pk=last.pk).get()
    assert response["Location"] == staff_url(site, "survey", copy.pk)
    assert copy.questions.count() == 6 and copy.status == "draft"


def test_survey_list_queries_do_not_grow_with_surveys(client, site):
    client.force_login(site.manager)
    make_survey(site)
    few = _queries(client, staff_url(site, "surveys"))
    for _ in range(4):
        move_to_past(make_survey(site), days=30)

    assert _queries(client, staff_url(site, "surveys")) == few


def test_results_page_shows_rates_chart_and_anonymous_texts(client, site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5, 3: 4, 6: "Lovely gardens"})
    respond(survey, site.owner2, site.units["owner2_home"], {1: 2, 3: 3})
    client.force_login(site.frontdesk)

    page = client.get(staff_url(site, "survey", survey.pk))

    assert page.status_code == 200
    assert "50.0%" in page.text  # response rate 2 of 4, and satisfaction 2 of 4 ratings
    chart = page.text[page.text.index("<svg") : page.text.index("</svg>")]
    assert "<script" not in chart
    assert "Lovely gardens" in page.text
    assert "Wang Fang" not in page.text
    texts = page.context["texts"]
    assert "response" not in texts[0]._state.fields_cache


def test_results_page_queries_do_not_grow_with_responses(client, site):
    survey = make_survey(site, anonymous=False)
    respond(survey, site.owner, site.units["owner_home"], {1: 5, 6: "Fine"})
    client.force_login(site.manager)
    url = staff_url(site, "survey", survey.pk)
    few = _queries(client, url)
    for number in range(12):
        unit = f.UnitFactory(building=site.buildings[0], entrance="4", number=f"8{number:02d}")
        respond(survey, site.frontdesk, unit, {1: 4, 4: "Yes", 5: ["Stairs"], 6: "More trees"})

    assert _queries(client, url) == few


def test_front_desk_records_a_paper_questionnaire(client, site):
    survey = make_survey(site)
    q1 = survey.questions.get(order=1)
    q5 = survey.questions.get(order=5)
    client.force_login(site.frontdesk)

    response = client.post(
        staff_url(site, "survey_paper", survey.pk),
        {"home": "2-1-301", f"q{q1.pk}": "4", f"q{q5.pk}": [str(q5.options.first().pk)]},
    )

    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.unit, participation.channel) == (site.units["tenant_home"], "paper")
    again = client.post(staff_url(site, "survey_paper", survey.pk), {"home": "2-1-301"})
    assert "already answered" in again.text or "at least one question" in again.text
    assert Participation.objects.count() == 1


def test_excel_export_holds_rates_and_written_answers(client, site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5, 2: 2, 6: "Lift is slow"})
    client.force_login(site.manager)

    response = client.get(staff_url(site, "survey_export", survey.pk))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Response rate"] == pytest.approx(0.25)
    dimensions = list(book["By dimension"].iter_rows(values_only=True))
    assert dimensions[1][:4] == ("Customer service", 1, 1, 1.0)
    written = list(book["Written answers"].iter_rows(values_only=True))
    assert written[1][2:] == (None, "Lift is slow")  # anonymous: no home


# ---- portal ------------------------------------------------------------------------------


def test_owner_answers_in_the_portal_and_sees_it_answered(client, site):
    survey = make_survey(site)
    q1, q4 = survey.questions.get(order=1), survey.questions.get(order=4)
    client.force_login(site.owner)

    listing = client.get(portal_url("surveys"))
    assert survey.title in listing.text and "data-answered" not in listing.text
    response = client.post(
        portal_url("survey", survey.pk),
        {
            "unit": site.units["owner_home"].pk,
            f"q{q1.pk}": "5",
            f"q{q4.pk}": str(q4.options.get(text="Yes").pk),
        },
    )

    assert response["Location"] == portal_url("survey_thanks", survey.pk)
    assert "Thank you" in client.get(response["Location"]).text
    assert "data-answered" in client.get(portal_url("surveys")).text
    again = client.get(portal_url("survey", survey.pk))
    assert "Your home has answered this survey" in again.text
    assert "data-questionnaire" not in again.text


def test_a_wrong_rating_shows_the_questionnaire_again_with_the_error(client, site):
    survey = make_survey(site)
    q1, q3 = survey.questions.get(order=1), survey.questions.get(order=3)
    client.force_login(site.owner)

    page = client.post(
        portal_url("survey", survey.pk),
        {"unit": site.units["owner_home"].pk, f"q{q1.pk}": "9", f"q{q3.pk}": "4"},
    )

    assert page.status_code == 200
    assert "Question 1: give a rating from 1 to 5." in page.text
    assert f'id="q{q3.pk}-4" autocomplete="off" checked' in page.text
    assert not Participation.objects.exists()


def test_owner_cannot_answer_for_a_neighbours_home(client, site):
    survey = make_survey(site)
    client.force_login(site.owner)

    response = client.post(
        portal_url("survey", survey.pk),
        {"unit": site.units["owner2_home"].pk, f"q{survey.questions.first().pk}": "5"},
    )

    assert response.status_code == 403
    assert not Participation.objects.exists()


def test_tenants_drafts_and_other_buildings_stay_out_of_the_portal(client, site):
    make_survey(site, title="Draft round", publish=False)
    make_survey(site, title="Building two only", buildings=[site.buildings[1]])
    open_one = make_survey(site, title="Everyone")
    client.force_login(site.owner)

    listing = client.get(portal_url("surveys")).text

    assert "Everyone" in listing
    assert "Draft round" not in listing and "Building two only" not in listing
    client.force_login(site.tenant)
    assert "Everyone" not in client.get(portal_url("surveys")).text
    assert client.get(portal_url("survey", open_one.pk)).status_code == 404


def test_portal_pages_queries_do_not_grow_with_surveys_or_answers(client, site):
    survey = make_survey(site)
    client.force_login(site.owner)
    list_few = _queries(client, portal_url("surveys"))
    answer_few = _queries(client, portal_url("survey", survey.pk))
    for number in range(3):
        respond(
            make_survey(site, title=f"Round {number}"), site.owner, site.units["owner_home"], {1: 4}
        )
    for number in range(10):
        unit = f.UnitFactory(building=site.buildings[0], entrance="5", number=f"7{number:02d}")
        respond(survey, site.frontdesk, unit, {1: 3, 5: ["Bins", "Lifts"]})

    assert _queries(client, portal_url("surveys")) == list_few
    assert _queries(client, portal_url("survey", survey.pk)) == answer_few


def test_the_admin_lists_surveys_and_the_homes_that_answered(client, site):
    survey = make_survey(site)
    respond(survey, site.owner, site.units["owner_home"], {1: 5})
    client.force_login(site.admin)

    surveys = client.get(reverse("admin:engagement_survey_changelist"))
    homes = client.get(reverse("admin:engagement_participation_changelist"))

    assert survey.title in surveys.text
    assert homes.status_code == 200 and "1-1-101" in homes.text


def test_a_published_survey_has_no_edit_form(client, site):
    survey = make_survey(site)
    client.force_login(site.manager)

    response = client.get(staff_url(site, "survey_edit", survey.pk), follow=True)

    assert response.redirect_chain[-1][0] == staff_url(site, "survey", survey.pk)
    assert "A published survey cannot change" in response.text
