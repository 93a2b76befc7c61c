"""The settings a manager changes in the console (设置): the overview, the community's profile
with the plan's ratios computed from its areas, and the service calendar's own days."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.core.calendar import service_calendar
from wuye.core.models import AuditEntry, CalendarDay, CalendarDayKind, Community

pytestmark = pytest.mark.django_db

PAGES = [
    "settings:overview",
    "settings:profile",
    "settings:profile_history",
    "settings:calendar",
    "settings:calendar_history",
]

PROFILE = {
    "name": "Bordeaux Town",
    "city": "Hami",
    "address": "North district",
    "service_phone": "0902-2318888",
    "developer": "Hami Development",
    "service_level": "1",
    "language": "zh-hans",
    "total_building_area": "134061.38",
    "site_area": "72860.00",
    "building_footprint": "15759.62",
    "green_area": "28269.68",
    "planned_parking_spaces": "632",
    "planned_population": "4438",
}


@pytest.mark.parametrize("name", PAGES)
def test_a_manager_opens_each_settings_page(client, site, name):
    client.force_login(site.manager)
    assert client.get(reverse(name, args=[site.community.pk])).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_the_front_desk_may_not(client, site, name):
    client.force_login(site.frontdesk)
    assert client.get(reverse(name, args=[site.community.pk])).status_code == 403


def test_a_manager_of_one_community_may_not_set_another(client, site):
    client.force_login(site.manager)
    response = client.post(reverse("settings:profile", args=[site.other.pk]), PROFILE)
    assert response.status_code == 403
    assert Community.objects.get(pk=site.other.pk).site_area is None


def test_the_overview_lists_every_setting_the_user_may_reach(client, site):
    client.force_login(site.manager)
    html = client.get(
        reverse("settings:overview", args=[site.community.pk]), headers={"accept-language": "en"}
    ).content.decode()
    for name in ("settings:profile", "settings:calendar", "core:audit"):
        assert f'href="{reverse(name, args=[site.community.pk])}"' in html
    assert 'data-setting="engagement:survey_settings"' in html  # another app's entry
    assert "plot ratio are computed" in html  # each with its line on what it sets


# ---- the profile ---------------------------------------------------------------------------


def test_the_plans_ratios_are_computed_from_its_areas():
    community = Community(
        total_building_area=Decimal("134061.38"),
        site_area=Decimal("72860.00"),
        building_footprint=Decimal("15759.62"),
        green_area=Decimal("28269.68"),
    )
    assert community.building_density == Decimal("21.63")
    assert community.green_ratio == Decimal("38.80")
    assert community.plot_ratio == Decimal("1.84")
    assert Community(building_footprint=Decimal("1")).building_density is None


def test_saving_the_profile_computes_the_ratios_and_records_the_change(client, site):
    client.force_login(site.manager)
    url = reverse("settings:profile", args=[site.community.pk])

    response = client.post(url, PROFILE)

    assert response.status_code == 302
    community = Community.objects.get(pk=site.community.pk)
    assert (community.building_density, community.green_ratio, community.plot_ratio) == (
        Decimal("21.63"),
        Decimal("38.80"),
        Decimal("1.84"),
    )
    entry = AuditEntry.objects.get(action="community.profile_change")
    assert entry.actor == site.manager
    assert entry.changes["site_area"] == ["", "72860.00"]
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "21.63 %" in page and "38.80 %" in page and "1.84" in page
    history = client.get(
        reverse("settings:profile_history", args=[site.community.pk]),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "site area (m²)" in history and "72860.00" in history


def test_the_ratios_are_not_typed(client, site):
    client.force_login(site.manager)
    url = reverse("settings:profile", args=[site.community.pk])
    client.post(url, {**PROFILE, "plot_ratio": "9.99", "building_density": "99"})
    assert Community.objects.get(pk=site.community.pk).plot_ratio == Decimal("1.84")


def test_a_footprint_larger_than_the_site_is_refused_in_chinese(client, site):
    client.force_login(site.manager)
    url = reverse("settings:profile", args=[site.community.pk])

    response = client.post(
        url, {**PROFILE, "building_footprint": "80000"}, headers={"accept-language": "zh-hans"}
    )

    assert response.status_code == 200
    assert "此面积不能大于用地面积（72860.00 m²）" in response.content.decode()
    assert Community.objects.get(pk=site.community.pk).site_area is None
    assert not AuditEntry.objects.filter(action="community.profile_change").exists()


def test_an_area_without_the_site_area_is_refused(client, site):
    client.force_login(site.manager)
    url = reverse("settings:profile", args=[site.community.pk])

    response = client.post(url, {**PROFILE, "site_area": ""}, headers={"accept-language": "en"})

    assert "Give the site area too" in response.content.decode()
    assert Community.objects.get(pk=site.community.pk).building_footprint is None


def test_footprint_and_green_area_together_fit_on_the_site(client, site):
    client.force_login(site.manager)
    url = reverse("settings:profile", args=[site.community.pk])

    response = client.post(
        url, {**PROFILE, "green_area": "60000"}, headers={"accept-language": "en"}
    )

    assert "together cannot be larger than the site area" in response.content.decode()


# ---- the service calendar ------------------------------------------------------------------


def mark(client, site, day: str, kind: str, name: str = ""):
    url = reverse("settings:calendar", args=[site.community.pk])
    return client.post(
        url, {"date": day, "kind": kind, "name": name}, headers={"accept-language": "en"}
    )


def test_a_manager_marks_a_holiday_and_the_service_clock_rests(client, site):
    client.force_login(site.manager)

    response = mark(client, site, "2026-07-01", CalendarDayKind.HOLIDAY, "建党节")

    assert response.status_code == 302
    day = CalendarDay.objects.get(community=site.community, date=date(2026, 7, 1))
    assert day.kind == CalendarDayKind.HOLIDAY and day.company_id is None
    assert not service_calendar(site.community).is_working_day(date(2026, 7, 1))
    entry = AuditEntry.objects.get(action="calendar.day_set")
    assert entry.actor == site.manager and entry.community_id == site.community.pk
    assert entry.changes["kind"] == ["", CalendarDayKind.HOLIDAY]


def test_a_swapped_working_day_then_taken_back_is_recorded_both_ways(client, site):
    client.force_login(site.manager)
    saturday = "2026-07-04"
    mark(client, site, saturday, CalendarDayKind.WORKDAY, "调休")
    assert service_calendar(site.community).is_working_day(date(2026, 7, 4))

    mark(client, site, saturday, "")

    assert not CalendarDay.objects.filter(community=site.community).exists()
    assert not service_calendar(site.community).is_working_day(date(2026, 7, 4))
    cleared = AuditEntry.objects.get(action="calendar.day_clear")
    assert cleared.changes["kind"] == [CalendarDayKind.WORKDAY, ""]
    history = client.get(
        reverse("settings:calendar_history", args=[site.community.pk]),
        headers={"accept-language": "en"},
    ).content.decode()
    assert history.count("Swapped working day") == 2  # set, then taken back


def test_marking_a_day_as_what_it_already_is_says_so(client, site):
    client.force_login(site.manager)

    response = mark(client, site, "2026-07-04", CalendarDayKind.HOLIDAY)  # a Saturday

    assert response.status_code == 200
    assert "2026-07-04 is already a rest day" in response.content.decode()
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_year_shows_the_companys_and_the_communitys_days(client, site):
    CalendarDay.objects.create(
        company=site.community.company, date=date(2026, 10, 1), kind=CalendarDayKind.HOLIDAY
    )
    CalendarDay.objects.create(
        community=site.community, date=date(2026, 10, 10), kind=CalendarDayKind.HOLIDAY
    )
    client.force_login(site.manager)
    html = client.get(
        reverse("settings:calendar", args=[site.community.pk]) + "?year=2026"
    ).content.decode()
    assert 'class="cal-day cal-holiday" data-day="2026-10-01"' in html
    assert 'class="cal-day cal-holiday cal-own" data-day="2026-10-10"' in html
    assert 'class="cal-day cal-rest" data-day="2026-10-11"' in html  # a Sunday


def test_a_year_out_of_range_shows_this_year(client, site):
    client.force_login(site.manager)
    response = client.get(reverse("settings:calendar", args=[site.community.pk]) + "?year=99999")
    assert response.status_code == 200
