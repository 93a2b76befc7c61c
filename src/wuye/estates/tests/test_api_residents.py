"""API: residents — masked personal data, scoping, changes and contact updates."""

import pytest

from wuye.core import policy
from wuye.core.models import AuditEntry
from wuye.estates.models import Resident
from wuye.testing import factories as f
from wuye.testing.api import bearer
from wuye.testing.people import STAFF_ROLES

pytestmark = pytest.mark.django_db


def residents_url(site) -> str:
    return f"/api/v1/communities/{site.community.pk}/residents"


def by_name(body) -> dict:
    return {r["name"]: r for r in body["items"]}


def test_front_desk_sees_full_mobiles_and_masked_id_numbers(client, site):
    body = client.get(residents_url(site), headers=bearer(site.frontdesk)).json()
    assert body["count"] == 5
    owner = by_name(body)["Wang Fang"]
    assert owner["mobile"] == "13912340001"
    number = f.valid_id_number(1)
    assert owner["id_number_masked"] == number[:4] + "**********" + number[-4:]
    assert "id_number" not in owner
    assert [(h["unit_label"], h["relation"]) for h in owner["homes"]] == [("1-1-101", "owner")]
    assert owner["notes"] == ""


def test_id_number_is_never_sent_in_full(client, site):
    number = f.valid_id_number(1)
    for user in (site.admin, site.manager, site.frontdesk, site.owner):
        response = client.get(
            f"/api/v1/residents/{site.residents['owner'].pk}", headers=bearer(user)
        )
        assert number not in response.content.decode()
        assert response.json()["id_number_masked"] == number[:4] + "**********" + number[-4:]


def test_guard_sees_masked_mobiles(client, site):
    body = client.get(residents_url(site), headers=bearer(site.guard)).json()
    assert by_name(body)["Wang Fang"]["mobile"] == "139****0001"
    assert all("****" in r["mobile"] for r in body["items"])


@pytest.mark.parametrize("role", ["admin", *STAFF_ROLES, "owner", "tenant", "other_manager"])
def test_mobile_masking_follows_the_policy_for_every_role(client, site, role):
    user = getattr(site, role)
    headers = bearer(user)
    shown = {}
    for community in (site.community, site.other):
        response = client.get(f"/api/v1/communities/{community.pk}/residents", headers=headers)
        if response.status_code == 200:
            shown.update({r["id"]: r["mobile"] for r in response.json()["items"]})
    assert shown
    for resident in Resident.objects.filter(pk__in=shown):
        full = policy.can(user, "view_mobile", resident)
        assert shown[resident.pk] == (resident.mobile if full else resident.mobile_masked), (
            role,
            resident.name,
        )


def test_owner_sees_their_household_but_not_staff_notes(client, site):
    Resident.objects.filter(pk=site.residents["owner_spouse"].pk).update(
        notes="Elderly, lives alone on weekdays", needs_attention=True
    )
    body = client.get(residents_url(site), headers=bearer(site.owner)).json()
    assert sorted(by_name(body)) == ["Li Na", "Wang Fang"]
    spouse = by_name(body)["Li Na"]
    assert spouse["notes"] is None
    assert spouse["mobile"] == "139****0002"
    assert spouse["needs_attention"] is True


def test_owner_gets_404_for_a_neighbour(client, site):
    response = client.get(
        f"/api/v1/residents/{site.residents['owner2'].pk}", headers=bearer(site.owner)
    )
    assert response.status_code == 404


def test_residents_filter_like_the_staff_pages(client, site):
    headers = bearer(site.manager)

    def names(**params):
        return sorted(by_name(client.get(residents_url(site), params, headers=headers).json()))

    assert names(relation="tenant") == ["Liu Yang"]
    assert names(building="2") == ["Chen Jing", "Liu Yang"]
    assert names(q="wang") == ["Wang Fang"]
    assert names(q="1391234000") == sorted(
        ["Wang Fang", "Li Na", "Zhang Wei", "Liu Yang", "Chen Jing"]
    )
    Resident.objects.filter(pk=site.residents["owner_spouse"].pk).update(needs_attention=True)
    assert names(attention="true") == ["Li Na"]


def test_resident_list_queries_do_not_grow_with_residents(client, site, django_assert_num_queries):
    headers = bearer(site.guard)
    client.get(residents_url(site), headers=headers)
    with django_assert_num_queries(7) as few:
        client.get(residents_url(site), headers=headers)
    for n in range(15):
        f.ResidencyFactory(
            unit=site.units["vacant_home"],
            resident=f.ResidentFactory(community=site.community, mobile=f"1380000{n:04d}"),
            relation="tenant",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(residents_url(site), headers=headers).json()
    assert body["count"] == 20
    assert all("****" in r["mobile"] for r in body["items"])


def test_front_desk_registers_a_resident_with_normalised_input(client, site):
    number = f.valid_id_number(7)
    response = client.post(
        residents_url(site),
        {
            "name": "  Zhou   Min ",
            "mobile": "+86 139 1234 5678",
            "id_number": number[:-1] + number[-1].lower(),
            "needs_attention": True,
        },
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["mobile"]) == ("Zhou Min", "13912345678")
    assert body["id_number_masked"] == number[:4] + "**********" + number[-4:]
    assert body["homes"] == []
    resident = Resident.objects.get(pk=body["id"])
    assert resident.reveal_id_number() == number
    assert AuditEntry.objects.filter(action="resident.create", object_id=str(resident.pk)).exists()


def test_a_bad_mobile_and_a_wrong_id_check_digit_are_refused_naming_the_field(client, site):
    def create(**fields):
        return client.post(
            residents_url(site),
            {"name": "Zhou Min", **fields},
            content_type="application/json",
            headers=bearer(site.frontdesk),
        )

    bad_mobile = create(mobile="12345")
    assert bad_mobile.status_code == 422  # not a mobile by the schema's pattern
    assert list(bad_mobile.json()["errors"]) == ["mobile"]
    # 18 characters as the schema says, but the check digit is wrong: only the register knows
    wrong_digit = create(id_number="650502198001010010")
    assert wrong_digit.status_code == 400
    assert list(wrong_digit.json()["errors"]) == ["id_number"]
    assert not Resident.objects.filter(name="Zhou Min").exists()


def test_guard_may_not_register_or_change_residents(client, site):
    headers = bearer(site.guard)
    created = client.post(
        residents_url(site),
        {"name": "Zhou Min"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 403
    changed = client.patch(
        f"/api/v1/residents/{site.residents['owner'].pk}",
        {"mobile": "13700000000"},
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 403


def test_manager_changes_a_residents_notes(client, site):
    response = client.patch(
        f"/api/v1/residents/{site.residents['owner_spouse'].pk}",
        {"notes": "Uses a wheelchair", "needs_attention": True},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 200
    assert (response.json()["notes"], response.json()["needs_attention"]) == (
        "Uses a wheelchair",
        True,
    )


def test_owner_updates_their_own_contact_details(client, site):
    headers = bearer(site.owner)
    own = site.residents["owner"]
    response = client.patch(
        f"/api/v1/residents/{own.pk}",
        {"mobile": "13700001111", "emergency_contact": "Wang Lei"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert (own.mobile, own.emergency_contact) == ("13700001111", "Wang Lei")


def test_owner_may_not_change_their_name_or_a_family_members_details(client, site):
    headers = bearer(site.owner)
    renamed = client.patch(
        f"/api/v1/residents/{site.residents['owner'].pk}",
        {"name": "Someone Else", "needs_attention": True},
        content_type="application/json",
        headers=headers,
    )
    assert renamed.status_code == 400
    assert sorted(renamed.json()["errors"]) == ["name", "needs_attention"]
    spouse = client.patch(
        f"/api/v1/residents/{site.residents['owner_spouse'].pk}",
        {"mobile": "13700001111"},
        content_type="application/json",
        headers=headers,
    )
    assert spouse.status_code == 403
    neighbour = client.patch(
        f"/api/v1/residents/{site.residents['owner2'].pk}",
        {"mobile": "13700001111"},
        content_type="application/json",
        headers=headers,
    )
    assert neighbour.status_code == 404
    assert Resident.objects.get(pk=site.residents["owner"].pk).name == "Wang Fang"
