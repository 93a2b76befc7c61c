"""The parcel desk's pages and the residents' "My parcels", for the right people only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.core.models import AuditEntry
from wuye.security.parcels import services
from wuye.security.parcels.models import Parcel, ParcelSettings, ParcelStatus
from wuye.testing import factories as f

from .fixtures import parcel_for


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as done:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(done)


def shelf(site):
    return reverse("security:parcels", args=[site.community.pk])


@pytest.mark.parametrize("who", ["frontdesk", "guard", "manager", "admin"])
def test_the_desk_opens_the_shelf_and_the_receive_form(client, site, who):
    parcel = parcel_for(site)
    client.force_login(getattr(site, who))

    listed = client.get(shelf(site))
    form = client.get(reverse("security:parcel_receive", args=[site.community.pk]))
    one = client.get(reverse("security:parcel", args=[site.community.pk, parcel.pk]))

    assert listed.status_code == form.status_code == one.status_code == 200
    assert f'data-parcel="{parcel.pk}"' in listed.content.decode()
    assert "data-scan-target" in form.content.decode()


@pytest.mark.parametrize("who", ["electrician", "cashier", "owner", "other_manager"])
def test_others_cannot_open_the_desk(client, site, who):
    parcel = parcel_for(site)
    client.force_login(getattr(site, who))

    for url in (
        shelf(site),
        reverse("security:parcel_receive", args=[site.community.pk]),
        reverse("security:parcel", args=[site.community.pk, parcel.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_shelf_reads_with_the_same_queries_however_many_parcels_wait(client, site):
    client.force_login(site.frontdesk)
    parcel_for(site, "owner_home")
    queries_of(client, shelf(site))  # the first visit remembers the community in the session
    few = queries_of(client, shelf(site))
    for n, home in enumerate(["owner2_home", "tenant_home", "vacant_home"] * 4):
        parcel_for(site, home, days_ago=n % 5)

    assert queries_of(client, shelf(site)) == few
    assert queries_of(client, shelf(site) + "?overdue=1&status=all") <= few


def test_the_shelf_filters_by_building_and_overdue(client, site):
    ParcelSettings.objects.create(community=site.community, reminder_days=3, return_days=7)
    old = parcel_for(site, "owner_home", days_ago=4)
    fresh = parcel_for(site, "owner2_home")
    other_building = parcel_for(site, "tenant_home", days_ago=5)
    client.force_login(site.guard)

    overdue = client.get(shelf(site) + "?overdue=1").content.decode()
    in_one = client.get(shelf(site) + f"?building={site.buildings[0].pk}").content.decode()

    assert f'data-parcel="{old.pk}"' in overdue and f'data-parcel="{fresh.pk}"' not in overdue
    assert f'data-parcel="{other_building.pk}"' not in in_one
    assert f'data-parcel="{fresh.pk}"' in in_one


def test_the_front_desk_receives_a_typed_number_for_a_home(client, site):
    client.force_login(site.frontdesk)
    url = reverse("security:parcel_receive", args=[site.community.pk])

    response = client.post(
        url,
        {"home": "1-2-502", "carrier": "yunda", "tracking_number": "4312 0098 7765", "shelf": "C1"},
    )

    assert response.status_code == 302 and "carrier=yunda" in response["Location"]
    parcel = Parcel.objects.get()
    assert (parcel.unit, parcel.tracking_number, parcel.shelf) == (
        site.units["owner2_home"],
        "431200987765",
        "C1",
    )


def test_an_unknown_home_is_refused_on_the_form(client, site):
    client.force_login(site.frontdesk)
    url = reverse("security:parcel_receive", args=[site.community.pk])

    response = client.post(url, {"home": "9-909", "carrier": "sf", "tracking_number": "SF99887766"})

    assert response.status_code == 400 and not Parcel.objects.exists()


def test_the_home_lookup_finds_a_resident_by_name(client, site):
    client.force_login(site.frontdesk)
    url = reverse("security:parcel_receive", args=[site.community.pk])

    page = client.get(url + "?find=Zhang").content.decode()

    assert "1-2-502" in page and "Zhang Wei" in page


def test_a_code_typed_at_the_desk_opens_its_parcel_and_hands_it_over(client, site):
    parcel = parcel_for(site)
    client.force_login(site.guard)

    found = client.get(shelf(site) + f"?code={parcel.pickup_code}")
    assert found.status_code == 302
    page = client.get(found["Location"]).content.decode()
    assert f'value="{parcel.pickup_code}"' in page

    pick_up = reverse("security:parcel_pick_up", args=[site.community.pk, parcel.pk])
    client.post(pick_up, {"code": parcel.pickup_code})

    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.PICKED_UP and parcel.picked_up_by == site.guard


def test_a_wrong_code_at_the_desk_says_so_and_changes_nothing(client, site):
    parcel = parcel_for(site)
    client.force_login(site.guard)
    wrong = "000000" if parcel.pickup_code != "000000" else "111111"
    pick_up = reverse("security:parcel_pick_up", args=[site.community.pk, parcel.pk])

    response = client.post(pick_up, {"code": wrong}, follow=True)

    assert "This is not the parcel" in response.content.decode()
    assert Parcel.objects.get(pk=parcel.pk).status == ParcelStatus.NOTIFIED


def test_the_desk_returns_a_parcel_to_its_carrier(client, site):
    parcel = parcel_for(site, days_ago=9)
    client.force_login(site.frontdesk)
    url = reverse("security:parcel_return", args=[site.community.pk, parcel.pk])

    client.post(url, {"reason": "Waited too long"})

    parcel.refresh_from_db()
    assert (parcel.status, parcel.return_reason) == (ParcelStatus.RETURNED, "Waited too long")


def test_the_manager_sets_the_reminder_days_and_the_change_is_audited(client, site):
    client.force_login(site.manager)
    url = reverse("security:parcel_settings", args=[site.community.pk])

    assert client.get(url).status_code == 200
    client.post(url, {"reminder_days": 2, "return_days": 5})
    refused = client.post(url, {"reminder_days": 6, "return_days": 5})

    row = ParcelSettings.objects.get(community=site.community)
    assert (row.reminder_days, row.return_days) == (2, 5)
    assert refused.status_code == 400
    assert AuditEntry.objects.filter(action="parcel.settings_change").count() == 1
    client.force_login(site.frontdesk)
    assert client.get(url).status_code == 403


def test_the_page_reads_in_chinese(client, site):
    parcel_for(site, carrier="jt")
    client.force_login(site.frontdesk)

    page = client.get(shelf(site), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    portal_page = client.get(reverse("security:parcel_receive", args=[site.community.pk]))

    assert "快递" in page and "极兔速递" in page and "货架" in page
    assert portal_page.status_code == 200


# ---- the portal -------------------------------------------------------------------------


def test_a_resident_sees_only_their_own_homes_parcels_with_the_code(client, site):
    mine = parcel_for(site, "owner_home")
    theirs = parcel_for(site, "owner2_home")
    client.force_login(site.owner)

    page = client.get(reverse("security_portal:parcels")).content.decode()
    hub = client.get(reverse("portal:home")).content.decode()

    assert f'data-parcel="{mine.pk}"' in page and mine.pickup_code in page
    assert f'data-parcel="{theirs.pk}"' not in page and theirs.pickup_code not in page
    assert 'data-panel="parcels"' in hub and mine.pickup_code in hub


def test_a_new_household_does_not_see_the_parcels_of_the_one_before(client, site):
    before = parcel_for(site, "vacant_home", days_ago=3)
    newcomer = f.UserFactory(username="newcomer")
    f.ResidencyFactory(
        unit=site.units["vacant_home"],
        resident=f.ResidentFactory(community=site.community, user=newcomer),
        start_date=timezone.localdate() - timedelta(days=1),
    )
    after = parcel_for(site, "vacant_home")
    client.force_login(newcomer)

    page = client.get(reverse("security_portal:parcels")).content.decode()

    assert f'data-parcel="{after.pk}"' in page and f'data-parcel="{before.pk}"' not in page


def test_my_parcels_reads_with_the_same_queries_however_many(client, site):
    client.force_login(site.owner)
    parcel_for(site, "owner_home")
    services.parcel_pick_up(
        actor=site.frontdesk, parcel=parcel_for(site, "owner_home"), collected_by="Li Na"
    )
    few = queries_of(client, reverse("security_portal:parcels"))
    for _ in range(8):
        services.parcel_pick_up(
            actor=site.frontdesk, parcel=parcel_for(site, "owner_home"), collected_by="Li Na"
        )
        parcel_for(site, "owner_home")

    assert queries_of(client, reverse("security_portal:parcels")) == few


def test_a_homes_record_and_the_overview_show_its_parcels(client, site):
    parcel_for(site, "owner_home")
    client.force_login(site.frontdesk)

    record = client.get(
        reverse("estates:unit", args=[site.community.pk, site.units["owner_home"].pk])
    ).content.decode()
    overview = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()

    assert 'data-panel="parcels"' in record and 'data-stat="parcels_waiting"' in record
    assert 'data-panel="parcels"' in overview
