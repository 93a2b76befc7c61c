"""The five-star score: one control for the owner's rating, the staff's own rating and the
call-back, each star a labelled radio button of one fieldset, every score storable."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from wuye.servicedesk.models import CallBack, Status

from .fixtures import MONDAY_10, home_people, order_in, step, submit

STARS = [
    "1 star — very dissatisfied",
    "2 stars — dissatisfied",
    "3 stars — neutral",
    "4 stars — satisfied",
    "5 stars — very satisfied",
]


def score_fieldset(html: str, name: str) -> str:
    """The fieldset holding the radio buttons called `name`."""
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", html, re.S):
        if f'name="{name}"' in fieldset:
            return fieldset
    raise AssertionError(f"no fieldset for {name}")


def choices(fieldset: str) -> list[tuple[str, str]]:
    """(value, the label's text) of each radio button, in the order they are shown."""
    labels = re.findall(r"<label[^>]*>(.*?)</label>", fieldset, re.S)
    rows = []
    for label in labels:
        value = re.search(r'type="radio"[^>]*value="([^"]*)"', label).group(1)
        text = re.sub(r"<span[^>]*aria-hidden[^>]*>.*?</span>|<[^>]+>", "", label).strip()
        rows.append((value, text))
    return rows


def test_the_owner_sees_five_labelled_stars_in_one_fieldset(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.owner)
    html = client.get(reverse("servicedesk_portal:order", args=[order.pk])).text
    fieldset = score_fieldset(html, f"o{order.pk}-score")
    assert re.search(r"<legend[^>]*>\s*Score", fieldset)
    assert choices(fieldset) == [(str(n), label) for n, label in enumerate(STARS, start=1)]
    assert fieldset.count("required") == 5
    # The group is not itself drawn as one 16-pixel check box, as it once was.
    assert "form-check-input" not in fieldset


def test_the_stars_speak_chinese(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.owner)
    html = client.get(
        reverse("servicedesk_portal:order", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).text
    labels = [text for _, text in choices(score_fieldset(html, f"o{order.pk}-score"))]
    assert labels == [
        "1星 — 非常不满意",
        "2星 — 不满意",
        "3星 — 一般",
        "4星 — 满意",
        "5星 — 非常满意",
    ]


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5])
def test_each_score_the_owner_gives_is_stored(client, site, score):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.owner)
    response = client.post(
        reverse("servicedesk_portal:act", args=[order.pk, "rate"]),
        {f"o{order.pk}-score": str(score)},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.owner_score == score


def test_a_rating_without_a_star_names_the_score(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.owner)
    response = client.post(
        reverse("servicedesk_portal:act", args=[order.pk, "rate"]),
        {f"o{order.pk}-comment": "Fine"},
    )
    assert response.status_code == 400
    fieldset = score_fieldset(response.text, f"o{order.pk}-score")
    assert "This field is required." in fieldset
    order.refresh_from_db()
    assert order.owner_score is None


def test_staff_who_reported_an_order_rate_it_with_the_same_stars(client, site):
    # Taken on the phone by the front desk (so already accepted), then done.
    people = {**home_people(site), "owner": site.frontdesk}
    order = submit(site, people=people)
    for n, action in enumerate(["dispatch", "start", "resolve"], start=1):
        order = step(site, order, action, MONDAY_10 + timedelta(minutes=n), people)
    client.force_login(site.frontdesk)
    page = reverse("servicedesk:order", args=[site.community.pk, order.pk])
    fieldset = score_fieldset(client.get(page).text, f"o{order.pk}-score")
    assert [value for value, _ in choices(fieldset)] == ["1", "2", "3", "4", "5"]
    client.post(
        reverse("servicedesk:act", args=[site.community.pk, order.pk, "rate"]),
        {f"o{order.pk}-score": "2"},
    )
    order.refresh_from_db()
    assert order.owner_score == 2


def test_the_call_back_offers_no_score_first_then_the_five_stars(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.frontdesk)
    for page in (
        reverse("servicedesk:callbacks", args=[site.community.pk]),
        reverse("servicedesk:order", args=[site.community.pk, order.pk]),
    ):
        fieldset = score_fieldset(client.get(page).text, f"o{order.pk}-score")
        assert choices(fieldset) == [("", "No score")] + [
            (str(n), label) for n, label in enumerate(STARS, start=1)
        ]
        assert re.search(r'value=""[^>]*checked', fieldset)
        assert "required" not in fieldset


@pytest.mark.parametrize("score, stored", [("", None), ("1", 1), ("4", 4)])
def test_the_call_back_stores_the_score_heard_or_none(client, site, score, stored):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.frontdesk)
    client.post(
        reverse("servicedesk:act", args=[site.community.pk, order.pk, "visit"]),
        {
            f"o{order.pk}-satisfied": "yes",
            f"o{order.pk}-score": score,
            f"o{order.pk}-method": "phone",
        },
    )
    assert CallBack.objects.get(order=order).score == stored
