"""`wuye demo` against the database: loaded once for this module, rolled back afterwards."""

from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import authenticate as authenticate_with
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import RequestFactory
from django.urls import reverse

from wuye.core import policy
from wuye.core.models import AuditEntry, Community, Membership, Role, ServiceStandard
from wuye.demo.layout import bordeaux_town_layout
from wuye.estates import queries
from wuye.estates.models import (
    Building,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    Vehicle,
)

pytestmark = pytest.mark.django_db


def authenticate(**credentials):
    """Check a password as the login page does (the lockout needs the request)."""
    return authenticate_with(RequestFactory().post(reverse("login")), **credentials)


MODELS = (
    get_user_model(),
    Membership,
    Community,
    ServiceStandard,
    Building,
    Unit,
    Resident,
    Residency,
    Vehicle,
    ParkingSpace,
    AuditEntry,
)
LOGINS = {
    "admin": Role.COMPANY_ADMIN,
    "manager": Role.PROPERTY_MANAGER,
    "frontdesk": Role.FRONT_DESK,
    "engineer": Role.ENGINEERING_SUPERVISOR,
    "electrician": Role.TECHNICIAN,
    "guard": Role.GUARD,
    "cashier": Role.CASHIER,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once by the command; everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", stdout=out)
        yield SimpleNamespace(output=out.getvalue(), community=Community.objects.get(code="BDX"))
        transaction.set_rollback(True)


def current_homes(user):
    return {
        (r.unit_id, r.relation)
        for r in Residency.objects.current().filter(resident__user=user).select_related("unit")
    }


def test_totals_match_the_source_exactly(demo):
    community = demo.community
    area = Unit.objects.filter(community=community).aggregate(total=Sum("building_area"))
    assert area["total"].quantize(Decimal("0.01")) == Decimal("134061.38")
    counts = queries.community_counts(community)
    assert counts["parking_spaces"] == 632
    assert counts["residents"] == 4438
    assert Resident.objects.filter(community=community).count() == 4438
    assert counts["owners"] and counts["family_members"] and counts["tenants"]
    assert 1200 <= counts["units_by_use"]["residential"] <= 1400
    assert "Loaded 波尔多小镇 in" in demo.output


def test_the_profile_reads_as_the_source_says(demo):
    community = demo.community
    assert community.name == "波尔多小镇"
    assert community.city == "哈密"
    assert community.developer == "哈密朗天房地产开发有限公司"
    assert community.total_building_area == Decimal("134061.38")
    assert community.building_density == Decimal("21.63")
    assert community.green_ratio == Decimal("38.80")
    assert community.plot_ratio == Decimal("1.84")
    assert community.planned_parking_spaces == 632
    assert community.planned_population == 4438
    assert community.service_level == "1"
    assert community.standard.emergency_onsite_minutes == 30


def test_homes_in_the_database_are_the_drawn_ones(demo):
    """A fresh database always holds the same areas: the layout is drawn, not random."""
    stored = sorted(
        (u.building.number, u.entrance, u.number, u.building_area, u.inner_area, u.occupancy)
        for u in Unit.objects.filter(community=demo.community).select_related("building")
    )
    drawn = sorted(
        (u.building, u.entrance, u.number, u.building_area, u.inner_area, u.occupancy)
        for u in bordeaux_town_layout().units
    )
    assert stored == drawn


def test_a_second_run_changes_nothing(demo):
    before = {model: model.objects.count() for model in MODELS}
    out = StringIO()
    call_command("demo", stdout=out)
    assert "already loaded; nothing changed" in out.getvalue()
    assert {model: model.objects.count() for model in MODELS} == before


def test_the_load_is_audited_once(demo):
    actions = list(
        AuditEntry.objects.filter(community=demo.community).values_list("action", flat=True)
    )
    assert actions.count("demo.load") == 1
    # Meters, paid repairs' bills, fund usage, the committee and the owners' year (notices,
    # votes, reports), the SLA policies, the gate (tariffs, lanes, the fees of a fortnight's
    # traffic and their common income, visitors' passes, the parcel shelf) and the staff
    # (departments, posts and who holds them, rosters' changes, training, staff suggestions)
    # and the guards (patrol scans, incidents and their work order, shift handovers) and the
    # facilities (the equipment register and its statutory profiles, maintenance tasks and the
    # work order a reading raised, contractors, contracts and their inspections) go through
    # their services, audited as they happen.
    by_services = (
        "meter.",
        "repair_bill.",
        "charge.repair",
        "apportionment.",
        "publicity.",
        "committee.",
        "notice.",
        "vote.",
        "service_report.",
        "sla_policy.",
        "parking_tariff.",
        "parking_gate.",
        "parking_payment.",
        "common_income.",
        "parcel.",
        "pass.",
        "department.",
        "post.",
        "assignment.",
        "roster.",
        "training.",
        "staff_feedback.",
        "patrol.",
        "incident.",
        "handover.",
        "work_order.",
        "equipment.",
        "maintenance.",
        "contractor.",
        "inspections.",
        "stores.",
    )
    register = [a for a in actions if not a.startswith(by_services)]
    assert len(register) <= 3  # the community's creation, its standards, and the load


def test_demo_staff_log_in_with_their_roles(demo):
    for username, role in LOGINS.items():
        user = authenticate(username=username, password="wuye-demo")
        assert user is not None, username
        membership = user.memberships.get()
        assert membership.role == role and membership.title
        if role == Role.COMPANY_ADMIN:
            assert membership.community is None
            assert user.is_staff and user.is_superuser
        else:
            assert membership.community == demo.community
            assert not user.is_staff
    assert policy.has_perm(
        authenticate(username="manager", password="wuye-demo"), "register.change", demo.community.pk
    )


def test_owner_and_owner2_own_different_homes_and_tenant_rents_a_third(demo):
    users = {
        name: authenticate(username=name, password="wuye-demo")
        for name in ("owner", "owner2", "tenant")
    }
    homes = {name: current_homes(user) for name, user in users.items()}
    (owner_home,) = homes["owner"]
    (owner2_home,) = homes["owner2"]
    (tenant_home,) = homes["tenant"]
    assert owner_home[1] == owner2_home[1] == Relation.OWNER
    assert tenant_home[1] == Relation.TENANT
    assert len({owner_home[0], owner2_home[0], tenant_home[0]}) == 3
    landlords = Residency.objects.current().filter(unit_id=tenant_home[0], relation="owner")
    assert landlords.exists()
    assert not landlords.filter(resident__user=users["tenant"]).exists()
    assert not any(u.memberships.exists() for u in users.values())


def test_the_owner_sees_their_household_car_and_space(demo):
    owner = authenticate(username="owner", password="wuye-demo")
    resident = Resident.objects.get(user=owner)
    assert resident.id_number_masked and "*" in resident.id_number_masked
    assert resident.reveal_id_number().startswith("6505")
    assert queries.residents_visible_to(owner).count() == 3
    assert queries.vehicles_visible_to(owner).exists()
    assert queries.parking_spaces_visible_to(owner).filter(kind="owned").exists()
    assert queries.units_visible_to(owner).count() == 1


def test_company_admin_opens_the_django_admin_with_the_published_code(demo, client):
    response = client.post(reverse("login"), {"username": "admin", "password": "wuye-demo"})
    assert response.status_code == 302
    assert client.get("/admin/").url.startswith(reverse("second_factor"))
    out = StringIO()
    call_command("demo_code", stdout=out)
    assert (
        client.post(reverse("second_factor"), {"code": out.getvalue().strip()}).status_code == 302
    )
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/core/community/").status_code == 200


def test_parking_spaces_link_homes_and_cars_of_the_community(demo):
    spaces = ParkingSpace.objects.filter(community=demo.community)
    assert spaces.filter(kind="owned", unit__isnull=False).count() == 320
    assert spaces.filter(vehicle__isnull=False).count() == 500
    assert (
        not spaces.exclude(vehicle__isnull=True).exclude(vehicle__community=demo.community).exists()
    )


def test_the_demo_says_who_signs_in_with_a_code_and_with_which_key(demo):
    from wuye.demo.facts import TOTP_SECRET

    (line,) = [line for line in demo.output.splitlines() if TOTP_SECRET in line]
    for name in ("admin", "manager", "cs-supervisor", "accountant"):
        assert name in line
    for name in ("frontdesk", "guard", "cashier", "owner"):
        assert f" {name}," not in line and f" {name} " not in line


def test_the_plant_is_registered_and_kept(demo):
    """Every lift of the high-rise blocks is on the register with its statutory profile, one
    periodic inspection falls due within the month and none has lapsed; the pumps' monthly
    readings and the contractors' inspections are there."""
    from datetime import timedelta

    from django.utils import timezone

    from wuye.facilities.contractors.models import Contractor, Inspection
    from wuye.facilities.equipment.models import Equipment, StatutoryProfile
    from wuye.facilities.equipment.queries import LAPSED, calendar_entries
    from wuye.facilities.maintenance.models import TaskAnswer

    community = demo.community
    today = timezone.localdate()
    lifts = Building.objects.filter(community=community).aggregate(n=Sum("lifts"))["n"]
    register = Equipment.objects.filter(community=community)
    assert register.filter(kind="lift").count() == lifts > 0
    profiles = StatutoryProfile.objects.filter(
        equipment__community=community, equipment__kind="lift"
    )
    assert profiles.count() == lifts
    soon = profiles.filter(next_inspection_due__range=(today, today + timedelta(days=30)))
    assert soon.count() == 1
    assert not [e for e in calendar_entries(register, today) if e.state == LAPSED]
    assert set(register.values_list("kind", flat=True)) >= {
        "lift", "water_pump", "water_tank", "fire_alarm_panel", "sprinklers", "hydrants",
        "extinguishers", "transformer", "switchgear", "generator", "cctv", "access_gate",
        "water_feature",
    }  # fmt: skip
    pressure = TaskAnswer.objects.filter(equipment__code="PUMP-1", item__unit="MPa")
    assert pressure.count() == 3
    # one pump reading out of range; the inspection rounds' four findings
    failed = TaskAnswer.objects.filter(task__community=community, failed=True)
    assert failed.filter(task__plan__purpose="maintenance").count() == 1
    assert failed.filter(task__plan__purpose="inspection").count() == 4
    assert Contractor.objects.filter(community=community).count() == 5
    assert Inspection.objects.filter(community=community).count() == 15
    assert "Facilities: " in demo.output
