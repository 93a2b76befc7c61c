"""The certificates list, its forms, and the API's expiry filter."""

from datetime import date, timedelta

import time_machine

from wuye.staff.certificates import services
from wuye.staff.certificates.models import Certificate
from wuye.testing.api import bearer

TODAY = date(2026, 5, 4)


def _add(site, holder, number, valid_until, kind="security_guard"):
    return services.certificate_add(
        actor=site.manager,
        community=site.community,
        holder=holder,
        kind=kind,
        number=number,
        valid_until=valid_until,
    )


def test_the_api_lists_a_certificate_expiring_in_20_days_within_30_and_60_not_10(client, site):
    with time_machine.travel(TODAY, tick=False):
        _add(site, site.guard, "G1", TODAY + timedelta(days=20))
        _add(site, site.electrician, "E1", TODAY + timedelta(days=200), kind="electrician")

        def listed(days):
            url = (
                f"/api/v1/certificates?community_id={site.community.pk}&expiring_within_days={days}"
            )
            answer = client.get(url, headers=bearer(site.manager))
            assert answer.status_code == 200
            return [(i["number"], i["days_left"]) for i in answer.json()["items"]]

        assert listed(30) == [("G1", 20)]
        assert listed(60) == [("G1", 20)]
        assert listed(10) == []
        everything = client.get(
            f"/api/v1/certificates?community_id={site.community.pk}", headers=bearer(site.manager)
        )
        assert everything.json()["count"] == 2
        too_far = f"/api/v1/certificates?community_id={site.community.pk}&expiring_within_days=3651"
        assert client.get(too_far, headers=bearer(site.manager)).status_code == 422
        guard = f"/api/v1/certificates?community_id={site.community.pk}"
        assert client.get(guard, headers=bearer(site.guard)).status_code == 403


def test_the_list_shows_the_expired_first_and_the_form_adds_and_edits(
    client, site, django_assert_max_num_queries
):
    with time_machine.travel(TODAY, tick=False):
        _add(site, site.guard, "G1", TODAY + timedelta(days=20))
        _add(site, site.electrician, "E1", TODAY - timedelta(days=3), kind="electrician")
        _add(site, site.frontdesk, "H9", TODAY + timedelta(days=300), kind="health")
        client.force_login(site.manager)
        url = f"/c/{site.community.pk}/staff/certificates/"
        client.get(url)
        with django_assert_max_num_queries(20):
            page = client.get(url)
        text = page.text
        assert text.index("E1") < text.index("G1") and "H9" not in text
        assert "H9" in client.get(url + "?show=all").text
        added = client.post(
            url + "add/",
            {
                "holder": site.cashier.pk,
                "kind": "health",
                "number": "H10",
                "valid_until": "2027-01-01",
            },
        )
        assert added.status_code == 302
        twice = client.post(
            url + "add/", {"holder": site.guard.pk, "kind": "health", "number": "H10"}
        )
        assert "already has this number" in twice.text
        certificate = Certificate.objects.get(number="G1")
        edited = client.post(
            f"{url}{certificate.pk}/",
            {"kind": "security_guard", "number": "G1", "valid_until": "2029-05-01"},
        )
        assert edited.status_code == 302
    certificate.refresh_from_db()
    assert certificate.valid_until == date(2029, 5, 1)
