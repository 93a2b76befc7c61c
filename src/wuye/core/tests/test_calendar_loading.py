"""A community's calendar from the database: hours, company and community days, seeding."""

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from wuye.core.calendar import calendar_seed_china, china_calendar_days, service_calendar
from wuye.core.models import (
    AuditEntry,
    CalendarDay,
    CalendarDayKind,
    Community,
    ServiceLevel,
    ServiceStandard,
)
from wuye.core.services import service_standard_reset
from wuye.testing import factories as f

from .fixtures import at

HOLIDAY, WORKDAY = CalendarDayKind.HOLIDAY, CalendarDayKind.WORKDAY


def test_service_hours_come_from_the_communitys_standard(site):
    ServiceStandard.objects.filter(community=site.community).update(
        service_opens_at=time(9), service_closes_at=time(17, 30)
    )
    calendar = service_calendar(Community.objects.get(pk=site.community.pk))
    assert calendar.add(at(2025, 3, 3, 17), 60) == at(2025, 3, 4, 9, 30)
    assert calendar.end_of_working_day(at(2025, 3, 3, 10)) == at(2025, 3, 3, 17, 30)


def test_service_hours_default_from_the_service_level(db):
    community = f.CommunityFactory(service_level=ServiceLevel.LEVEL_3)
    service_standard_reset(community=community, actor=None)
    community.standard.refresh_from_db()
    assert (community.standard.service_opens_at, community.standard.service_closes_at) == (
        time(9),
        time(17),
    )
    assert f.CommunityFactory().standard.service_closes_at == time(18)


def test_service_hours_must_close_after_they_open(site):
    standard = site.community.standard
    standard.service_opens_at, standard.service_closes_at = time(18), time(8)
    with pytest.raises(ValidationError) as caught:
        standard.full_clean()
    assert "service_closes_at" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        standard.save()


def test_company_days_apply_to_every_community_of_the_company(site):
    calendar_seed_china(company=site.community.company, years=[2025])
    for community in (site.community, site.other):
        calendar = service_calendar(community)
        assert not calendar.is_working_day(date(2025, 10, 8))
        assert calendar.is_working_day(date(2025, 10, 11))


def test_a_communitys_own_day_overrides_its_companys(site):
    calendar_seed_china(company=site.community.company, years=[2025])
    CalendarDay.objects.create(
        community=site.community, date=date(2025, 10, 8), kind=WORKDAY, name="Open day"
    )
    CalendarDay.objects.create(
        community=site.community, date=date(2025, 3, 12), kind=HOLIDAY, name="Anniversary"
    )
    ours, theirs = service_calendar(site.community), service_calendar(site.other)
    assert ours.is_working_day(date(2025, 10, 8))
    assert not ours.is_working_day(date(2025, 3, 12))
    assert not theirs.is_working_day(date(2025, 10, 8))
    assert theirs.is_working_day(date(2025, 3, 12))


def test_another_companys_days_do_not_apply(site):
    calendar_seed_china(company=f.CompanyFactory(), years=[2025])
    assert service_calendar(site.community).is_working_day(date(2025, 10, 8))


@pytest.mark.parametrize("seeded_years", [[2025], [2025, 2026]])
def test_loading_takes_the_same_few_queries_however_many_days(
    site, seeded_years, django_assert_num_queries
):
    calendar_seed_china(company=site.community.company, years=seeded_years)
    community = Community.objects.select_related("standard").get(pk=site.community.pk)
    with django_assert_num_queries(1):
        calendar = service_calendar(community, years=[2025, 2026])
        for month in range(1, 13):
            calendar.add_working_days(at(2025, month, 10, 9), 20)
            calendar.add(at(2026, month, 10, 9), 6000)


def test_other_years_are_read_once_each_when_first_needed(site, django_assert_num_queries):
    calendar_seed_china(company=site.community.company, years=[2025, 2026])
    community = Community.objects.select_related("standard").get(pk=site.community.pk)
    with django_assert_num_queries(2):
        calendar = service_calendar(community)
        # 2025 is read for the start, 2026 when the count crosses the year end.
        assert calendar.add(at(2025, 12, 31, 17, 30), 60) == at(2026, 1, 4, 8, 30)
        calendar.add_working_days(at(2025, 6, 1, 9), 40)


def test_a_date_is_in_a_calendar_once(site):
    company = site.community.company
    CalendarDay.objects.create(company=company, date=date(2025, 5, 1), kind=HOLIDAY)
    duplicate = CalendarDay(company=company, date=date(2025, 5, 1), kind=WORKDAY)
    with pytest.raises(ValidationError, match="already has this date"):
        duplicate.full_clean()
    # The same date for one community is an override, not a duplicate.
    CalendarDay(community=site.community, date=date(2025, 5, 1), kind=WORKDAY).full_clean()


def test_a_day_belongs_to_a_company_or_a_community_not_both(site):
    both = CalendarDay(
        company=site.community.company,
        community=site.community,
        date=date(2025, 5, 1),
        kind=HOLIDAY,
    )
    with pytest.raises(ValidationError, match="either a company or a community"):
        both.full_clean()
    with pytest.raises(ValidationError, match="either a company or a community"):
        CalendarDay(date=date(2025, 5, 1), kind=HOLIDAY).full_clean()


def test_china_schedule_has_the_official_holidays_and_swapped_days():
    days_2025 = {d: (kind, name) for d, kind, name in china_calendar_days(2025)}
    assert sum(kind == HOLIDAY for kind, _name in days_2025.values()) == 28
    assert days_2025[date(2025, 1, 28)] == (HOLIDAY, "春节")
    assert days_2025[date(2025, 2, 8)] == (WORKDAY, "春节调休")
    days_2026 = {d: (kind, name) for d, kind, name in china_calendar_days(2026)}
    assert [d for d, (kind, _n) in days_2026.items() if kind == WORKDAY] == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]
    # Swapped working days are always weekend days; holidays never overlap them.
    for year in (2025, 2026):
        workdays = [d for d, kind, _n in china_calendar_days(year) if kind == WORKDAY]
        assert all(d.weekday() >= 5 for d in workdays)
        assert len({d for d, _k, _n in china_calendar_days(year)}) == len(china_calendar_days(year))
    with pytest.raises(ValueError, match="2024"):
        china_calendar_days(2024)


def test_seeding_china_twice_adds_nothing_the_second_time(site):
    company = site.community.company
    assert calendar_seed_china(company=company, years=[2025, 2026], actor=site.admin) == 72
    assert calendar_seed_china(company=company, years=[2025, 2026]) == 0
    assert CalendarDay.objects.filter(company=company).count() == 72
    entry = AuditEntry.objects.get(action="calendar.seed_china")
    assert entry.actor == site.admin
    assert entry.changes == {"years": [2025, 2026], "days": 72}


def test_seeding_keeps_the_companys_own_choice_for_a_date(site):
    company = site.community.company
    CalendarDay.objects.create(company=company, date=date(2025, 10, 8), kind=WORKDAY)
    calendar_seed_china(company=company, years=[2025])
    assert CalendarDay.objects.get(company=company, date=date(2025, 10, 8)).kind == WORKDAY


def test_seed_command_adds_the_years_asked_for(site, capsys):
    company = site.community.company
    call_command("calendar_seed", "--company", company.name, "--year", "2026")
    assert "Added 39 calendar days" in capsys.readouterr().out
    assert not CalendarDay.objects.filter(company=company, date__year=2025).exists()


def test_seed_command_names_an_unknown_company_or_year(site):
    with pytest.raises(CommandError, match="no company named Nowhere"):
        call_command("calendar_seed", "--company", "Nowhere")
    with pytest.raises(CommandError, match="not for 2031"):
        call_command("calendar_seed", "--company", site.community.company.name, "--year", "2031")
    assert not CalendarDay.objects.exists()


def test_company_admin_keeps_calendar_days_in_the_admin(client, site):
    calendar_seed_china(company=site.community.company, years=[2025])
    client.force_login(site.admin)
    listing = client.get(reverse("admin:core_calendarday_changelist") + "?q=春节")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "2025-01-28 春节" in html
    assert "劳动节" not in html
    response = client.post(
        reverse("admin:core_calendarday_add"),
        {"community": site.community.pk, "date": "2025-03-12", "kind": HOLIDAY, "name": "Fair"},
    )
    assert response.status_code == 302
    assert not service_calendar(site.community).is_working_day(date(2025, 3, 12))


def test_the_admin_warns_when_the_year_has_no_public_holidays(client, site):
    calendar_seed_china(company=site.community.company, years=[2026])
    listing = reverse("admin:core_calendarday_changelist")
    pages = {}
    for year, moment in ((2026, at(2026, 12, 7, 10)), (2027, at(2027, 2, 6, 10))):
        with time_machine.travel(moment):
            client.force_login(site.admin)
            pages[year] = client.get(listing)
    in_2026, in_2027 = (pages[year].content.decode() for year in (2026, 2027))

    company = site.community.company.name
    assert pages[2026].status_code == pages[2027].status_code == 200
    assert "has no public holidays" not in in_2026
    assert (
        f"{company} has no public holidays for 2027: the service clocks count every weekday "
        "of 2027 as a working day" in in_2027
    )
