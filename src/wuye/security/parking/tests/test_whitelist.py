"""The whitelist: the register's cars on the homes' parking contracts park as monthly cars."""

from datetime import date

import pytest
import time_machine

from wuye.billing.tests.fixtures import ParkingContractFactory
from wuye.estates.models import ParkingSpace, Residency
from wuye.security.parking import whitelist
from wuye.security.parking.models import ParkingSession, ParkingSettings, SessionKind
from wuye.security.passes.tests.fixtures import invite
from wuye.testing import factories as f

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(site):
    """Wang Fang's home rents space A-001 for its car 新B12345 from 2025 on."""
    Residency.objects.update(start_date=date(2020, 1, 1))
    return ParkingContractFactory(
        unit=site.units["owner_home"],
        space=ParkingSpace.objects.get(number="A-001"),
        start_date=date(2025, 1, 1),
    )


def test_a_car_of_a_running_contract_parks_monthly(site, contract, drive):
    entry = drive("in", "新B12345", at(2, 8))
    assert entry.session.kind == SessionKind.MONTHLY
    assert entry.session.contract == contract
    left = drive("out", "新B12345", at(2, 20))
    assert left.open_barrier and left.session.fee == 0


def test_a_car_of_a_home_member_is_on_the_contract_too(site, contract):
    f.VehicleFactory(
        community=site.community, plate="新B88888", resident=site.residents["owner_spouse"]
    )
    assert whitelist.standing(site.community.pk, "新B88888", at(2, 8)).kind == SessionKind.MONTHLY


@pytest.mark.parametrize(
    ("ended", "kind"),
    [
        (date(2026, 2, 26), SessionKind.MONTHLY),  # ended 4 days before: within the grace
        (date(2026, 2, 25), SessionKind.TEMPORARY),  # 5 days: beyond it
    ],
)
def test_an_ended_contract_keeps_the_car_monthly_only_for_the_grace_days(
    site, contract, ended, kind
):
    contract.end_date = ended
    contract.save()
    assert whitelist.standing(site.community.pk, "新B12345", at(2, 8)).kind == kind


def test_the_grace_days_are_the_communitys(site, contract):
    contract.end_date = date(2026, 2, 20)
    contract.save()
    ParkingSettings.objects.create(community=site.community, contract_grace_days=10)
    assert whitelist.standing(site.community.pk, "新B12345", at(2, 8)).kind == SessionKind.MONTHLY


def test_on_a_shared_space_the_second_car_inside_parks_temporary(site, contract, drive):
    f.VehicleFactory(
        community=site.community, plate="新B88888", resident=site.residents["owner_spouse"]
    )
    drive("in", "新B12345", at(2, 8))
    second = drive("in", "新B88888", at(2, 9))
    assert second.session.kind == SessionKind.TEMPORARY
    # a space for two (子母车位) takes both
    contract.cars_inside_at_once = 2
    contract.save()
    ParkingSession.objects.filter(pk=second.session.pk).update(status="left")
    assert drive("in", "新B88888", at(2, 10)).session.kind == SessionKind.MONTHLY


def test_a_car_of_another_community_is_not_whitelisted(site, contract):
    assert whitelist.standing(site.other.pk, "新B12345", at(2, 8)).kind == SessionKind.TEMPORARY


def test_a_visitor_pass_makes_a_visitor_session_which_leaves_free(site, drive, monkeypatch):
    monkeypatch.setattr(whitelist, "visitor_pass", lambda community_id, plate, at: object())
    entry = drive("in", "新A99999", at(2, 8))
    assert entry.session.kind == SessionKind.VISITOR
    assert drive("out", "新A99999", at(2, 12)).open_barrier


def test_an_owners_pass_for_a_car_lets_it_in_as_a_visitor_within_its_window(site, drive):
    Residency.objects.update(start_date=date(2020, 1, 1))
    with time_machine.travel(at(2, 9), tick=False):
        invite(site, plate="新A99999", valid_from=at(2, 9), valid_until=at(2, 18))
    assert drive("in", "新A99999", at(2, 10)).session.kind == SessionKind.VISITOR
    assert drive("out", "新A99999", at(2, 12)).open_barrier
    assert drive("in", "新A99999", at(2, 19)).session.kind == SessionKind.TEMPORARY
