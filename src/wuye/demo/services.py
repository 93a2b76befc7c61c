"""Loading the Bordeaux Town demo: once, completely, in one transaction.

The layout, the people and the staff are planned in memory first (see layout.py, people.py,
staff.py), then written with bulk inserts; the audit trail gets one `demo.load` entry for the
whole data set instead of one per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy, twofactor
from wuye.core.models import Community, Company, Membership
from wuye.core.services import community_create
from wuye.estates.models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle

from .calendar import demo_calendar
from .facts import CODE, COMPANY_NAME, PASSWORD, PROFILE, TOTP_KEY
from .layout import Layout, bordeaux_town_layout
from .people import FEATURED, Population, SpaceLink, bordeaux_town_population
from .staff import LOGINS, StaffPlan, bordeaux_town_staff

# The logins the design lists (README), which read their messages by e-mail too.
DEMO_LOGINS = {username for username, _role, _title in LOGINS} | set(FEATURED)

BATCH = 2000


@dataclass(frozen=True)
class DemoLoad:
    community: Community
    created: bool
    counts: dict[str, int]


@transaction.atomic
def demo_load() -> DemoLoad:
    """Load Bordeaux Town unless a community with its code exists (then change nothing).

    Every demo account gets the password `wuye-demo`. Raises ValidationError, before
    writing anything, if one of the demo usernames is already taken.
    """
    existing = Community.objects.filter(code=CODE).first()
    if existing is not None:
        return DemoLoad(existing, created=False, counts={})

    layout = bordeaux_town_layout()
    population = bordeaux_town_population(layout)
    staff = bordeaux_town_staff()
    users = _accounts(staff, population)
    company, _created = Company.objects.get_or_create(name=COMPANY_NAME)
    community = community_create(actor=None, company=company, code=CODE, **PROFILE)
    demo_calendar(company)
    Membership.objects.bulk_create(
        Membership(
            user=users[s.username],
            company=company,
            community=None if s.company_wide else community,
            role=s.role,
            title=s.title,
        )
        for s in staff
    )
    for s in staff:
        if policy.requires_second_factor(users[s.username]):
            twofactor.authenticator_set(user=users[s.username], key=TOTP_KEY.hex())
        policy.forget(users[s.username])
    counts = _register(community, layout, population, users)
    counts["staff"] = len(staff)
    audit.record(actor=None, action="demo.load", obj=community, changes=counts)
    return DemoLoad(community, created=True, counts=counts)


def _accounts(staff: tuple[StaffPlan, ...], population: Population) -> dict[str, Any]:
    """The staff's and the demo residents' user accounts, by username."""
    logins = {p.login: p.name for p in population.people if p.login}
    User = get_user_model()
    usernames = [s.username for s in staff] + list(logins)
    taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        raise ValidationError(
            {
                "username": [
                    _("These demo usernames are already taken: %(names)s.")
                    % {"names": ", ".join(taken)}
                ]
            }
        )
    # One hash for every demo account: hashing is slow on purpose, and this is demo data.
    password = make_password(PASSWORD)
    users = [
        User(
            username=s.username,
            first_name=s.name,
            email=_email(s.username),
            password=password,
            is_staff=s.company_wide,
            is_superuser=s.company_wide,
        )
        for s in staff
    ]
    users += [
        User(username=login, first_name=name, email=_email(login), password=password)
        for login, name in logins.items()
    ]
    return {u.username: u for u in User.objects.bulk_create(users)}


def _email(username: str) -> str:
    """The design's demo logins read their messages by e-mail too (an address of the domain
    kept for examples); the rest of the organisation has none."""
    return f"{username}@example.com" if username in DEMO_LOGINS else ""


def _register(
    community: Community, layout: Layout, population: Population, users: dict[str, Any]
) -> dict[str, int]:
    """Buildings, homes, residents, residencies, vehicles and parking spaces, in bulk."""
    buildings = {
        b.number: b
        for b in Building.objects.bulk_create(
            Building(
                community=community,
                number=b.number,
                name=b.name,
                kind=b.kind,
                floors=b.floors,
                lifts=b.lifts,
            )
            for b in layout.buildings
        )
    }
    units = Unit.objects.bulk_create(
        (
            Unit(
                community=community,
                building=buildings[u.building],
                entrance=u.entrance,
                floor=u.floor,
                number=u.number,
                building_area=u.building_area,
                inner_area=u.inner_area,
                use=u.use,
                occupancy=u.occupancy,
            )
            for u in layout.units
        ),
        batch_size=BATCH,
    )
    unit_by_key = {plan.key: unit for plan, unit in zip(layout.units, units, strict=True)}

    residents = []
    for person in population.people:
        resident = Resident(
            community=community,
            user=users.get(person.login),
            name=person.name,
            mobile=person.mobile,
            emergency_contact=person.emergency_contact,
            emergency_phone=person.emergency_phone,
            needs_attention=person.needs_attention,
            notes=person.notes,
        )
        resident.set_id_number(person.id_number)  # encrypted, digested and masked
        residents.append(resident)
    residents = Resident.objects.bulk_create(residents, batch_size=BATCH)

    today = timezone.localdate()
    Residency.objects.bulk_create(
        (
            Residency(
                unit=unit_by_key[r.unit],
                resident=residents[r.person],
                relation=r.relation,
                start_date=today - timedelta(days=r.since_days),
                end_date=None if r.until_days is None else today - timedelta(days=r.until_days),
            )
            for r in population.residencies
        ),
        batch_size=BATCH,
    )
    vehicles = Vehicle.objects.bulk_create(
        (
            Vehicle(
                community=community,
                plate=v.plate,
                resident=residents[v.person],
                description=v.description,
            )
            for v in population.vehicles
        ),
        batch_size=BATCH,
    )
    vehicle_by_plate = {v.plate: v for v in vehicles}
    unlinked = SpaceLink(unit=None, plate=None)
    links = [population.parking.get(space.number, unlinked) for space in layout.parking]
    ParkingSpace.objects.bulk_create(
        (
            ParkingSpace(
                community=community,
                number=space.number,
                zone=space.zone,
                kind=space.kind,
                unit=unit_by_key.get(link.unit),
                vehicle=vehicle_by_plate.get(link.plate),
            )
            for space, link in zip(layout.parking, links, strict=True)
        ),
        batch_size=BATCH,
    )
    return {
        "buildings": len(buildings),
        "units": len(units),
        "residents": len(residents),
        "residencies": len(population.residencies),
        "vehicles": len(vehicles),
        "parking_spaces": len(links),
    }
