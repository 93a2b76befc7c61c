"""The owner portal: a resident sees their own homes only and keeps their contact details."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.testing import factories as f

HOME = reverse("portal:home")
PROFILE = reverse("portal:profile")


def portal(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response


def test_owner_sees_own_home_household_vehicle_and_parking(client, site):
    response = portal(client, site.owner)
    html = response.content.decode()
    assert [h.label for h in response.context["homes"]] == ["1-1-101"]
    assert "Wang Fang" in html and "Li Na" in html
    assert "新B12345" in html
    assert "A-001" in html


def test_owner_sees_nothing_of_other_homes(client, site):
    html = portal(client, site.owner).content.decode()
    for other in ["1-2-502", "2-1-301", "Zhang Wei", "Liu Yang", "Chen Jing", "新BD23456", "V-001"]:
        assert other not in html


def test_owner_sees_own_mobile_and_the_household_masked(client, site):
    html = portal(client, site.owner).content.decode()
    assert "13912340001" in html
    assert "13912340002" not in html
    assert "139****0002" in html


def test_tenant_sees_the_rented_home_and_not_the_landlords_mobile(client, site):
    response = portal(client, site.tenant)
    html = response.content.decode()
    assert [h.label for h in response.context["homes"]] == ["2-1-301"]
    assert "Chen Jing" in html
    assert "13912340005" not in html
    assert "Wang Fang" not in html


def test_second_owner_sees_only_their_own_home(client, site):
    response = portal(client, site.owner2)
    assert [h.label for h in response.context["homes"]] == ["1-2-502"]
    assert "新BD23456" in response.content.decode()


def test_a_resident_who_moved_out_no_longer_sees_the_home(client, site):
    residency = site.residents["owner2"].residencies.get()
    residency.end_date = residency.start_date
    residency.save()
    response = portal(client, site.owner2)
    assert response.context["homes"] == []
    assert "not registered in a home" in response.content.decode()


def test_staff_are_sent_to_their_pages_and_strangers_get_403(client, site):
    client.force_login(site.manager)
    assert client.get(HOME)["Location"] == reverse("home")
    client.force_login(site.nobody)
    assert client.get(HOME).status_code == 403
    assert client.get(PROFILE).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, site):
    assert client.get(HOME)["Location"].startswith(reverse("login"))


def test_the_portal_is_a_column_of_cards_without_wide_tables(client, site):
    html = portal(client, site.owner).content.decode()
    assert '<div class="portal">' in html
    assert "<table" not in html
    assert 'name="viewport"' in html


def test_portal_queries_do_not_grow_with_the_household(client, site):
    home = site.units["owner_home"]
    client.force_login(site.owner)
    client.get(HOME)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(HOME)
        return len(ctx.captured_queries)

    before = count()
    for _ in range(6):
        member = f.ResidentFactory(community=site.community)
        f.ResidencyFactory(unit=home, resident=member, relation="family")
        f.VehicleFactory(community=site.community, resident=member)
    assert count() == before


# ---- my details ------------------------------------------------------------------------


def test_resident_updates_own_mobile_and_emergency_contact(client, site):
    client.force_login(site.owner)
    page = client.get(PROFILE)
    assert site.residents["owner"].id_number_masked in page.content.decode()
    assert site.residents["owner"].reveal_id_number() not in page.content.decode()
    response = client.post(
        PROFILE,
        {
            "mobile": "+86 139 0000 2222",
            "emergency_contact": "王强",
            "emergency_phone": "0902-1234567",
        },
    )
    assert response.status_code == 302
    owner = site.residents["owner"]
    owner.refresh_from_db()
    assert owner.mobile == "13900002222"
    assert owner.emergency_contact == "王强"
    assert AuditEntry.objects.filter(action="resident.update", actor=site.owner).exists()


def test_a_bad_mobile_in_my_details_is_a_field_error(client, site):
    client.force_login(site.owner)
    response = client.post(PROFILE, {"mobile": "12", "emergency_contact": ""})
    assert "mobile" in response.context["form"].errors
    owner = site.residents["owner"]
    owner.refresh_from_db()
    assert owner.mobile == "13912340001"


def test_name_and_id_number_cannot_be_changed_from_the_portal(client, site):
    client.force_login(site.owner)
    client.post(
        PROFILE,
        {"mobile": "13912340001", "name": "Someone Else", "id_number": f.valid_id_number(9)},
    )
    owner = site.residents["owner"]
    owner.refresh_from_db()
    assert owner.name == "Wang Fang"
    assert owner.reveal_id_number() == f.valid_id_number(1)


def test_a_resident_cannot_edit_someone_elses_details(client, site):
    client.force_login(site.owner)
    spouse = site.residents["owner_spouse"]
    response = client.get(PROFILE + f"?resident={spouse.pk}")
    assert response.status_code == 404
    response = client.post(PROFILE + f"?resident={spouse.pk}", {"mobile": "13900009999"})
    assert response.status_code == 404
    spouse.refresh_from_db()
    assert spouse.mobile == "13912340002"


@pytest.mark.parametrize("who", ["owner", "tenant"])
def test_residents_cannot_reach_staff_pages(client, site, who):
    client.force_login(getattr(site, who))
    home = site.units[f"{who}_home"]
    path = reverse("estates:unit", args=[site.community.pk, home.pk])
    assert client.get(path).status_code == 403
