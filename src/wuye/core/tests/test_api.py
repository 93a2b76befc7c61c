"""The API's front door: tokens, who am I, and the shape of every error."""

import pytest
from django.test import Client

from wuye.core.models import ApiToken
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def test_token_from_username_and_password_opens_the_api(client, site):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "frontdesk", "password": "wuye-demo"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "frontdesk"


def test_only_the_digest_of_a_token_is_stored(client, site):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "frontdesk", "password": "wuye-demo"},
        content_type="application/json",
    )
    token = response.json()["token"]
    assert not ApiToken.objects.filter(digest=token).exists()
    assert ApiToken.objects.filter(digest=ApiToken.digest_of(token), user=site.frontdesk).exists()


def test_wrong_password_gets_401_and_no_token(client, site):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "manager", "password": "guess"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {
        "detail": "The username or password is not correct.",
        "errors": {},
    }
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token_and_their_old_token_stops_working(client, site):
    headers = bearer(site.frontdesk)
    site.frontdesk.is_active = False
    site.frontdesk.save()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    response = client.post(
        "/api/v1/auth/token",
        {"username": "frontdesk", "password": "wuye-demo"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_me_gives_staff_roles_per_community(client, site):
    body = client.get("/api/v1/me", headers=bearer(site.manager)).json()
    assert body["id"] == site.manager.pk
    assert body["roles"] == [{"community_id": site.community.pk, "roles": ["property_manager"]}]
    assert body["units"] == []


def test_me_gives_company_admin_every_community_of_the_company(client, site):
    body = client.get("/api/v1/me", headers=bearer(site.admin)).json()
    assert {r["community_id"] for r in body["roles"]} == {site.community.pk, site.other.pk}
    assert all(r["roles"] == ["company_admin"] for r in body["roles"])


def test_me_gives_a_resident_their_homes_with_ids(client, site):
    body = client.get("/api/v1/me", headers=bearer(site.owner)).json()
    assert body["roles"] == []
    home = site.units["owner_home"]
    assert body["units"] == [
        {
            "id": home.pk,
            "community_id": site.community.pk,
            "label": "1-1-101",
            "relation": "owner",
        }
    ]
    tenant = client.get("/api/v1/me", headers=bearer(site.tenant)).json()
    assert [(u["id"], u["relation"]) for u in tenant["units"]] == [
        (site.units["tenant_home"].pk, "tenant")
    ]


def test_no_token_gets_401_in_the_error_shape(client, site):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Log in or send a valid bearer token.", "errors": {}}


def test_unknown_token_gets_401_even_on_writes(site):
    csrf_client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": "Bearer not-a-token"}
    assert csrf_client.get("/api/v1/me", headers=headers).status_code == 401
    response = csrf_client.post(
        f"/api/v1/communities/{site.community.pk}/buildings",
        {"number": "9", "kind": "multi_storey", "floors": 6},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401


def test_logged_in_browser_session_works_and_writes_need_the_csrf_token(site):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(site.manager)
    assert browser.get("/api/v1/me").json()["username"] == "manager"
    url = f"/api/v1/communities/{site.community.pk}/buildings"
    body = {"number": "9", "kind": "multi_storey", "floors": 6}
    refused = browser.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    browser.get("/accounts/password/")  # any page that sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201


def test_body_that_is_not_json_gets_400_in_the_error_shape(client, site):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_missing_and_malformed_fields_get_422_naming_each_field(client, site):
    response = client.post(
        f"/api/v1/communities/{site.community.pk}/buildings",
        {"kind": "castle", "floors": "many"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Some fields are not valid."
    assert body["errors"] == {
        "number": ["This field is required."],
        "kind": ["Choose one of: 'multi_storey', 'small_high_rise', 'shop_row' or 'clubhouse'."],
        "floors": ["Enter a whole number."],
    }


def test_malformed_query_parameters_get_422_naming_the_parameter(client, site):
    response = client.get(
        f"/api/v1/communities/{site.community.pk}/units",
        {"limit": "0", "q": "1\x00"},
        headers=bearer(site.manager),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "limit": ["Enter a value of at least 1."],
        "q": ["This text contains characters that cannot be stored."],
    }


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/communities/{community_id}/units" in schema.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_body_that_is_not_an_object_gets_422(client, site):
    response = client.patch(
        f"/api/v1/units/{site.units['owner_home'].pk}",
        [None, None],
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["Send a JSON object."]}


def test_numbers_and_dates_must_be_sent_as_json_numbers_and_date_strings(client, site):
    headers = bearer(site.manager)
    building = client.post(
        f"/api/v1/communities/{site.community.pk}/buildings",
        {"number": "9", "kind": "multi_storey", "floors": "6", "lifts": True},
        content_type="application/json",
        headers=headers,
    )
    assert building.status_code == 422
    assert building.json()["errors"] == {
        "floors": ["Enter a whole number."],
        "lifts": ["Enter a whole number."],
    }
    move_in = client.post(
        f"/api/v1/units/{site.units['vacant_home'].pk}/move-in",
        {"resident_id": site.residents["owner2"].pk, "relation": "owner", "start_date": 20250301},
        content_type="application/json",
        headers=headers,
    )
    assert move_in.status_code == 422
    assert move_in.json()["errors"] == {"start_date": ["Enter a date as YYYY-MM-DD."]}
    area = client.patch(
        f"/api/v1/units/{site.units['vacant_home'].pk}",
        {"building_area": "1e3"},
        content_type="application/json",
        headers=headers,
    )
    assert area.status_code == 422
    assert area.json()["errors"] == {"building_area": ["Enter a number such as 98.50."]}


def test_unknown_address_and_method_get_the_json_error_shape(client, site):
    unknown = client.get("/api/v1/no-such-resource", headers=bearer(site.manager))
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Not found.", "errors": {}}
    wrong_method = client.delete(
        f"/api/v1/units/{site.units['owner_home'].pk}", headers=bearer(site.manager)
    )
    assert wrong_method.status_code == 405
    assert set(wrong_method["Allow"].split(", ")) == {"GET", "PATCH"}
    assert set(wrong_method.json()) == {"detail", "errors"}
