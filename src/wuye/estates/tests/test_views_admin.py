"""The register in the Django admin: read-only, scoped by the policy, personal data masked."""

from django.urls import reverse

from wuye.testing import factories as f


def test_company_admin_looks_residents_up_with_numbers_masked(client, site):
    owner = site.residents["owner"]
    client.force_login(site.admin)
    response = client.get(reverse("admin:estates_resident_changelist") + "?q=Wang")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wang Fang" in html
    assert owner.id_number_masked in html
    assert owner.reveal_id_number() not in html
    assert "13912340001" not in html
    detail = client.get(reverse("admin:estates_resident_change", args=[owner.pk]))
    assert detail.status_code == 200
    assert owner.reveal_id_number() not in detail.content.decode()
    assert owner.id_number_cipher not in detail.content.decode()


def test_the_admin_does_not_change_the_register(client, site):
    client.force_login(site.admin)
    home = site.units["owner_home"]
    assert client.get(reverse("admin:estates_unit_add")).status_code == 403
    response = client.post(reverse("admin:estates_unit_change", args=[home.pk]), {"number": "999"})
    assert response.status_code == 403
    assert client.get(reverse("admin:estates_unit_delete", args=[home.pk])).status_code == 403
    home.refresh_from_db()
    assert home.number == "101"


def test_the_admin_lists_only_communities_the_user_reaches(client, site):
    stranger = f.CommunityFactory(name="Elsewhere")
    f.UnitFactory(building=f.BuildingFactory(community=stranger, number="88"), number="8801")
    client.force_login(site.admin)
    html = client.get(reverse("admin:estates_unit_changelist")).content.decode()
    assert "1-1-101" in html
    assert "8801" not in html


def test_staff_without_admin_access_cannot_open_it(client, site):
    client.force_login(site.manager)
    response = client.get(reverse("admin:estates_resident_changelist"))
    assert response.status_code == 302
