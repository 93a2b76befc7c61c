"""Staff pages that read the register: who may open them, what they show, what they cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.estates.models import Occupancy
from wuye.testing import factories as f


def url(name, site, *args):
    return reverse(f"estates:{name}", args=[site.community.pk, *args])


def get(client, user, path):
    client.force_login(user)
    return client.get(path)


def read_pages(site):
    """Every reading page of the register, with an object of the community where needed."""
    owner = site.residents["owner"]
    return [
        url("overview", site),
        url("search", site) + "?q=101",
        url("buildings", site),
        url("building", site, site.buildings[0].pk),
        url("units", site),
        url("unit", site, site.units["owner_home"].pk),
        url("residents", site),
        url("resident", site, owner.pk),
        url("vehicles", site),
        url("parking", site),
    ]


@pytest.mark.parametrize("who", ["admin", "manager", "frontdesk", "engineer", "guard", "cashier"])
def test_staff_of_the_community_can_open_every_register_page(client, site, who):
    client.force_login(getattr(site, who))
    for path in read_pages(site):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path


@pytest.mark.parametrize("who", ["other_manager", "owner", "tenant", "nobody"])
def test_people_without_a_role_in_the_community_get_403(client, site, who):
    client.force_login(getattr(site, who))
    for path in read_pages(site):
        assert client.get(path).status_code == 403, path


def test_anonymous_visitors_are_sent_to_log_in(client, site):
    response = client.get(url("residents", site))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_rows_of_another_community_are_not_found_through_this_one(client, site):
    """The admin reaches both communities, but a row only opens under its own community."""
    other_home = site.units["other_home"]
    client.force_login(site.admin)
    assert client.get(url("unit", site, other_home.pk)).status_code == 404
    assert client.get(url("building", site, other_home.building_id)).status_code == 404
    other_owner = site.residents["other_owner"]
    assert client.get(url("resident", site, other_owner.pk)).status_code == 404
    path = reverse("estates:unit", args=[site.other.pk, other_home.pk])
    assert client.get(path).status_code == 200


def test_overview_shows_profile_beside_live_counts(client, site):
    community = site.community
    community.address = "Tianshan North Road 1"
    community.developer = "哈密朗天房地产开发有限公司"
    community.planned_parking_spaces = 632
    community.save()
    response = get(client, site.manager, url("overview", site))
    html = response.content.decode()
    counts = response.context["counts"]
    assert counts["homes"] == 4
    assert counts["residents"] == 5
    assert 'data-stat="homes">4<' in html
    assert 'data-stat="residents">5<' in html
    assert 'data-stat="owners">3<' in html
    assert 'data-stat="tenants">1<' in html
    assert 'data-stat="parking_spaces">2<' in html
    assert 'data-stat="parking_visitor">1<' in html
    assert 'data-stat="occupancy_vacant">1<' in html
    assert "哈密朗天房地产开发有限公司" in html
    assert "Tianshan North Road 1" in html


def test_building_page_lists_its_homes_with_residents_and_filters(client, site):
    building = site.buildings[0]
    response = get(client, site.guard, url("building", site, building.pk))
    labels = [u.label for u in response.context["page"]]
    assert labels == ["1-1-101", "1-2-502"]
    assert "Wang Fang" in response.content.decode()
    response = client.get(url("building", site, building.pk) + "?entrance=2")
    assert [u.label for u in response.context["page"]] == ["1-2-502"]


def test_homes_list_filters_by_occupancy(client, site):
    response = get(client, site.frontdesk, url("units", site) + "?occupancy=vacant")
    assert [u.label for u in response.context["page"]] == ["2-1-401"]


def test_home_page_shows_residents_history_vehicles_and_parking(client, site):
    home = site.units["owner_home"]
    f.ResidencyFactory(
        unit=home,
        resident=f.ResidentFactory(community=site.community, name="Former Tenant"),
        relation="tenant",
        start_date="2020-01-01",
        end_date="2021-01-01",
    )
    response = get(client, site.frontdesk, url("unit", site, home.pk))
    html = response.content.decode()
    current = [r.resident.name for r in response.context["home"].current_residencies]
    assert sorted(current) == ["Li Na", "Wang Fang"]
    assert [r.resident.name for r in response.context["history"]] == ["Former Tenant"]
    assert "新B12345" in html
    assert "A-001" in html
    assert "13912340001" in html  # the front desk calls residents back


def test_guard_sees_mobiles_and_id_numbers_masked(client, site):
    home = site.units["owner_home"]
    owner = site.residents["owner"]
    response = get(client, site.guard, url("unit", site, home.pk))
    html = response.content.decode()
    assert "13912340001" not in html
    assert "139****0001" in html
    assert owner.id_number_masked in html
    assert owner.reveal_id_number() not in html
    html = client.get(url("resident", site, owner.pk)).content.decode()
    assert "13912340001" not in html
    assert "Show full ID number" not in html


def test_nobody_sees_an_id_number_in_full_on_the_resident_page(client, site):
    owner = site.residents["owner"]
    html = get(client, site.manager, url("resident", site, owner.pk)).content.decode()
    assert owner.reveal_id_number() not in html
    assert owner.id_number_masked in html
    assert "Show full ID number" in html


def test_resident_page_shows_homes_and_vehicles(client, site):
    owner = site.residents["owner"]
    response = get(client, site.cashier, url("resident", site, owner.pk))
    assert [r.unit.label for r in response.context["current"]] == ["1-1-101"]
    assert [v.plate for v in response.context["vehicles"]] == ["新B12345"]


def test_residents_list_filters_by_relation_building_and_name(client, site):
    client.force_login(site.frontdesk)
    base = url("residents", site)
    names = lambda r: [p.name for p in r.context["page"]]  # noqa: E731
    assert names(client.get(base + "?relation=tenant")) == ["Liu Yang"]
    assert names(client.get(base + "?building=2")) == ["Chen Jing", "Liu Yang"]
    assert names(client.get(base + "?q=wang")) == ["Wang Fang"]
    assert names(client.get(base + "?q=13912340003")) == ["Zhang Wei"]


def test_vehicles_and_parking_lists_filter(client, site):
    client.force_login(site.guard)
    response = client.get(url("vehicles", site) + "?q=BD")
    assert [v.plate for v in response.context["page"]] == ["新BD23456"]
    response = client.get(url("parking", site) + "?kind=visitor")
    assert [p.number for p in response.context["page"]] == ["V-001"]


def test_lists_are_paginated_by_the_page_size(client, site, settings):
    settings.PAGE_SIZE = 2
    response = get(client, site.manager, url("residents", site) + "?page=2")
    page = response.context["page"]
    assert page.number == 2 and page.paginator.num_pages == 3
    assert len(page) == 2
    assert "Page 2 of 3" in response.content.decode()


def test_export_links_carry_the_current_filters(client, site):
    response = get(client, site.manager, url("residents", site) + "?relation=owner&page=1")
    html = response.content.decode()
    export = reverse("estates:export", args=[site.community.pk])
    assert f'href="{export}?relation=owner&amp;kind=residents"' in html
    building = site.buildings[1]
    html = client.get(url("building", site, building.pk) + "?occupancy=rented").content.decode()
    assert f'href="{export}?occupancy=rented&amp;kind=units&amp;building=2"' in html


def test_export_links_show_only_to_roles_that_may_export(client, site):
    html = get(client, site.guard, url("residents", site)).content.decode()
    assert "data-export" not in html


def test_search_finds_homes_residents_and_vehicles(client, site):
    client.force_login(site.frontdesk)
    search = url("search", site)
    response = client.get(search + "?q=Wang")
    assert [r.name for r in response.context["residents"]] == ["Wang Fang"]
    response = client.get(search + "?q=新B12345")
    assert [v.plate for v in response.context["vehicles"]] == ["新B12345"]
    f.UnitFactory(building=site.buildings[1], entrance="2", number="101")
    response = client.get(search + "?q=101")
    assert [u.label for u in response.context["units"]] == ["1-1-101", "2-2-101"]


def test_search_for_one_exact_home_opens_it(client, site):
    response = get(client, site.guard, url("search", site) + "?q=2-1-301")
    assert response.status_code == 302
    assert response["Location"] == url("unit", site, site.units["tenant_home"].pk)


def test_search_with_no_hit_says_so(client, site):
    response = get(client, site.guard, url("search", site) + "?q=9-9-999")
    assert response.status_code == 200
    assert "Nothing found" in response.content.decode()


def test_buttons_to_change_the_register_show_only_to_those_who_may(client, site):
    home = site.units["owner_home"]
    html = get(client, site.guard, url("unit", site, home.pk)).content.decode()
    assert url("move_in", site, home.pk) not in html
    assert url("unit_edit", site, home.pk) not in html
    html = get(client, site.frontdesk, url("unit", site, home.pk)).content.decode()
    assert url("move_in", site, home.pk) in html
    assert url("unit_edit", site, home.pk) in html


# ---- query counts: a list page costs the same with 3 rows or 30 ------------------------


def count_queries(client, path) -> int:
    client.get(path)  # the first visit remembers the community in the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_rows(site, n):
    building = site.buildings[1]
    for i in range(n):
        home = f.UnitFactory(building=building, entrance="3", number=f"9{i:02d}")
        resident = f.ResidentFactory(community=site.community)
        f.ResidencyFactory(unit=home, resident=resident, relation="owner")
        f.ResidencyFactory(
            unit=home, resident=f.ResidentFactory(community=site.community), relation="family"
        )
        vehicle = f.VehicleFactory(community=site.community, resident=resident)
        f.ParkingSpaceFactory(community=site.community, unit=home, vehicle=vehicle)


# session, user, the second factor the session was verified with, memberships, community,
# then the page's own reads
LIST_CEILINGS = {
    # Each page also counts the unread messages for the bell in its header.
    "overview": 30,  # the register's counts, and the panels the other apps register
    "buildings": 8,
    "units": 11,
    "residents": 11,
    "vehicles": 10,
    "parking": 10,
}


@pytest.mark.parametrize("name", LIST_CEILINGS)
def test_list_pages_run_a_fixed_number_of_queries(
    client, site, name, django_assert_max_num_queries
):
    client.force_login(site.manager)
    path = url(name, site)
    before = count_queries(client, path)
    add_rows(site, 25)
    after = count_queries(client, path)
    assert after == before
    with django_assert_max_num_queries(LIST_CEILINGS[name]):
        assert client.get(path).status_code == 200


def test_building_and_home_pages_run_a_fixed_number_of_queries(client, site):
    client.force_login(site.manager)
    building_path = url("building", site, site.buildings[1].pk)
    home = site.units["owner_home"]
    home_path = url("unit", site, home.pk)
    before = count_queries(client, building_path), count_queries(client, home_path)
    add_rows(site, 25)
    for _ in range(5):
        f.ResidencyFactory(
            unit=home,
            resident=f.ResidentFactory(community=site.community),
            relation="family",
            start_date="2019-01-01",
            end_date="2020-01-01",
        )
    assert (count_queries(client, building_path), count_queries(client, home_path)) == before


def test_occupancy_choices_all_appear_on_the_overview(client, site):
    html = get(client, site.manager, url("overview", site)).content.decode()
    for key in Occupancy.values:
        assert f'data-stat="occupancy_{key}"' in html
