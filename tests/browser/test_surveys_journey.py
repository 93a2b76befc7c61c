"""Owners heard: an owner answers the satisfaction survey on a phone; the manager reads the
results beside the target."""

import re

import pytest
from playwright.sync_api import expect

from wuye.engagement.tests.surveys_helpers import make_survey

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_owner_answers_a_survey_on_a_phone_and_the_manager_sees_the_rate(
    people, open_page, shot, locale
):
    survey = make_survey(people, title="Autumn owner survey")
    phone = open_page(locale=locale, width=390, height=844)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto("/portal/surveys/")
    phone.locator(f"[data-survey='{survey.pk}']").click()
    questions = phone.locator("[data-questionnaire] fieldset")
    expect(questions).to_have_count(6)
    for number, score in ((1, 5), (2, 3), (3, 4)):
        questions.nth(number - 1).locator(f"label[for$='-{score}']").click()
    questions.nth(3).locator("input[type=radio]").first.check()
    questions.nth(4).locator("input[type=checkbox]").nth(1).check()
    questions.nth(5).locator("textarea").fill("The gardens are lovely.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, f"owner-survey-phone-{locale}")
    phone.locator("[data-questionnaire] button[type=submit]").click()
    expect(phone.locator("[data-thanks]")).to_be_visible()
    shot(phone, f"owner-survey-thanks-{locale}")
    phone.goto("/portal/surveys/")
    expect(phone.locator(f"[data-survey='{survey.pk}'] [data-answered]")).to_be_visible()

    page = open_page(locale=locale)
    log_in(page, "manager")
    page.goto(f"/c/{people.community.pk}/surveys/{survey.pk}/")
    expect(page.locator("[data-response-rate]")).to_have_text("25.0%")
    expect(page.locator("[data-satisfaction]")).to_have_text("66.7%")
    expect(page.locator("[data-text-answer]")).to_contain_text("The gardens are lovely.")
    shot(page, f"manager-survey-results-{locale}")
