"""The staff of a community through the API."""

from datetime import date

from wuye.staff.certificates.models import Certificate
from wuye.testing.api import bearer

URL = "/api/v1/staff"


def test_the_manager_lists_the_staff_with_posts_and_certificates(client, site, office):
    Certificate.objects.create(
        community=site.community,
        user=site.guard,
        kind="security_guard",
        number="G1",
        valid_until=date(2099, 1, 1),
    )
    body = client.get(URL, {"community_id": site.community.pk}, headers=bearer(site.manager)).json()

    people = {p["username"]: p for p in body["items"]}
    assert body["count"] == len(people) == 7  # the six staff and the company administrator
    guard = people["guard"]
    assert guard["post"]["code"] == "pedestrian-gate"
    assert guard["department"]["kind"] == "security"
    assert guard["certificates"][0]["state"] == "valid"
    assert guard["certificate_state"] == "valid"
    assert people["electrician"]["missing_certificates"] == ["electrician"]
    assert people["frontdesk"]["post"] is None


def test_filters_and_pages(client, site, office):
    headers = bearer(site.manager)
    security = client.get(
        URL,
        {"community_id": site.community.pk, "department_id": office.security.pk},
        headers=headers,
    ).json()
    assert [p["username"] for p in security["items"]] == ["guard"]
    page = client.get(
        URL, {"community_id": site.community.pk, "limit": 2, "page": 2}, headers=headers
    ).json()
    assert page["count"] == 7 and len(page["items"]) == 2


def test_a_guard_and_another_community_are_refused(client, site, office):
    assert (
        client.get(URL, {"community_id": site.community.pk}, headers=bearer(site.guard)).status_code
        == 403
    )
    assert (
        client.get(URL, {"community_id": site.other.pk}, headers=bearer(site.manager)).status_code
        == 403
    )


def test_bad_filters_are_422(client, site, office):
    headers = bearer(site.manager)
    for params in (
        {"community_id": site.community.pk, "q": "a\x00"},
        {"community_id": site.community.pk, "certificate_state": "great"},
        {"community_id": "x"},
        {},
    ):
        assert client.get(URL, params, headers=headers).status_code == 422, params
