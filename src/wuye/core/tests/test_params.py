"""The one way ids, days, periods and free text are read from people's input."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from wuye.api import api
from wuye.core import params
from wuye.core.views import server_error


@pytest.mark.parametrize("text", ["1", "42", " 7 ", str(2**63 - 1)])
def test_an_id_is_ascii_digits_within_a_primary_key(text):
    assert params.parse_id(text) == int(text)


@pytest.mark.parametrize(
    "text", ["", "0", "-1", "²", "٣", "１２", "1e3", "99999999999999999999999", str(2**63), None]
)
def test_anything_else_names_no_record(text):
    with pytest.raises(ValidationError):
        params.parse_id(text)


def test_a_day_is_read_within_the_range_reports_can_count_from():
    assert params.parse_day("2026-03-01") == date(2026, 3, 1)
    assert params.parse_day(params.LAST_DAY.isoformat()) == params.LAST_DAY


@pytest.mark.parametrize(
    "text", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "2026-02-30", "２０２６-01-01"]
)
def test_a_day_at_the_calendars_ends_or_not_a_day_is_refused(text):
    with pytest.raises(ValidationError):
        params.parse_day(text)


@pytest.mark.parametrize("text", ["9999-12", "2026-13", "2026-3", "202²-01", "٢٠٢٦-01"])
def test_a_period_is_a_month_of_a_kept_year(text):
    assert params.parse_period("2026-03") == "2026-03"
    with pytest.raises(ValidationError):
        params.parse_period(text)


def test_free_text_keeps_line_breaks_but_not_control_characters():
    assert params.parse_text("two\nlines\tand a tab") == "two\nlines\tand a tab"
    for text in ("a\x00b", "a\x1bb", "a\x7fb", "x" * (params.QUERY_TEXT_LENGTH + 1)):
        with pytest.raises(ValidationError):
            params.parse_text(text)


def test_a_filter_that_does_not_parse_is_left_out_and_the_page_says_so(client, site):
    client.force_login(site.manager)
    url = reverse("servicedesk_dashboard:dashboard", args=[site.community.pk])
    response = client.get(url, {"on": "9999-12-31", "period": "decade"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "“on” in the address was left out" in page
    assert "“period” in the address was left out" in page


def test_a_date_typed_into_a_form_stays_within_the_range(client, site):
    client.force_login(site.manager)
    url = reverse("billing:arrears", args=[site.community.pk])
    response = client.get(url, {"on": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["on"] != date(9999, 12, 31)


def test_an_address_with_a_nul_character_is_refused_in_the_page_or_the_api(client, site):
    client.force_login(site.manager)
    page = client.get(reverse("estates:residents", args=[site.community.pk]), {"q": "a\x00"})
    assert page.status_code == 400
    listing = client.get(f"/api/v1/communities/{site.community.pk}/residents", {"q": "a\x00"})
    assert listing.status_code == 422
    assert listing.json()["errors"] == {"q": [str(params.CONTROL_MESSAGE)]}


def test_an_unknown_api_address_outside_the_api_is_answered_in_json(client):
    for url in ("/api/v1/nope", "/api/nope", "/api/v2/work-orders"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"]


def test_a_fault_in_an_api_route_is_answered_in_json_not_a_page():
    request = RequestFactory().get("/api/v1/me")
    response = api.on_exception(request, RuntimeError("boom"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "boom" not in response.content.decode()
    assert set(Client().get("/api/v1/me").json()) == {"detail", "errors"}


@pytest.mark.parametrize(("path", "json"), [("/api/v1/me", True), ("/c/1/", False)])
def test_a_server_error_outside_a_view_is_json_under_the_api(path, json):
    response = server_error(RequestFactory().get(path))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json") is json
