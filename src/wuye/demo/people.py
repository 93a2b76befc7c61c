"""Who lives in Bordeaux Town: households, their residencies, vehicles and parking spaces.

Households are planned home by home from the occupancy the layout drew: owner families in
occupied homes, tenants (and an owner living elsewhere) in rented ones, owners alone on the
register of vacant and renovating homes, nobody in unsold ones. Family sizes are then nudged
until the register holds exactly the planned population of the source (4,438).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from wuye.estates.models import Occupancy, ParkingKind, Relation, UnitUse

from .facts import RESIDENTS
from .layout import Layout, UnitKey
from .names import UYGHUR_SHARE, Identities

SEED = 20140501
# People living in an owner-occupied home, and how often (the mean is about 3.5).
FAMILY_SIZES = {1: 6, 2: 16, 3: 30, 4: 26, 5: 14, 6: 8}
TENANT_HOUSEHOLD_SIZES = {1: 25, 2: 35, 3: 28, 4: 12}
LARGEST_FAMILY = 7
# One single-person household in two is an elderly resident living alone.
ELDERLY_ALONE_SHARE = 0.5
# Share of landlords and absent owners who own and live in another home of the estate.
SECOND_HOME_SHARE = 0.2
# Owners who rented a home here before they bought theirs: the history of moving out.
TENANTS_WHO_BOUGHT = 12
CARS_PER_HOUSEHOLD = {0: 40, 1: 48, 2: 12}
# The demo logins' households: family roles, and cars, as (kind of space or None).
FEATURED = {
    "owner": {"roles": ("owner", "spouse", "child"), "cars": (ParkingKind.OWNED,)},
    "owner2": {"roles": ("owner", "spouse"), "cars": (ParkingKind.RENTED,)},
    "tenant": {"roles": ("tenant", "tenant"), "cars": (None,)},
}
# Birth years of the first member of a household, by role.
HEAD_BORN = {
    "owner": (1958, 1995),
    "absent_owner": (1955, 1990),
    "tenant": (1975, 2000),
    "elderly_alone": (1934, 1952),
}
HEADS = ("owner", "absent_owner", "tenant")
YOUNGEST_BORN = 2022
ADULT_BORN_BY = 2007  # ID numbers are recorded for adults only
MOBILE_BORN_BY = 2012
ELDERLY_NOTE = "独居老人，每周电话问候一次"


@dataclass(frozen=True)
class PersonPlan:
    name: str
    mobile: str
    id_number: str = ""
    emergency_contact: str = ""
    emergency_phone: str = ""
    needs_attention: bool = False
    notes: str = ""
    login: str = ""


@dataclass(frozen=True)
class ResidencyPlan:
    unit: UnitKey
    person: int
    relation: str
    since_days: int  # moved in this many days before the load
    until_days: int | None = None  # moved out this many days before the load


@dataclass(frozen=True)
class VehiclePlan:
    plate: str
    person: int
    description: str


@dataclass(frozen=True)
class SpaceLink:
    unit: UnitKey | None
    plate: str | None


@dataclass(frozen=True)
class Population:
    people: tuple[PersonPlan, ...]
    residencies: tuple[ResidencyPlan, ...]
    vehicles: tuple[VehiclePlan, ...]
    parking: dict[str, SpaceLink]  # space number -> its home and car

    def digest(self) -> str:
        rows = [repr(p) for p in self.people] + [repr(r) for r in self.residencies]
        rows += [repr(v) for v in self.vehicles] + [f"{k}:{v}" for k, v in self.parking.items()]
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@dataclass(eq=False)
class _Household:
    """People planned for one home before they get names: a list of family roles."""

    unit: UnitKey
    roles: list[str]
    relation: str  # the relation of the first member; the others follow _relation_of
    login: str = ""
    adjustable: bool = False
    since_days: int = 0
    people: list[int] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _family_roles(rng: random.Random, size: int) -> list[str]:
    if size == 1:
        return ["elderly_alone" if rng.random() < ELDERLY_ALONE_SHARE else "owner"]
    roles = ["owner", "spouse" if rng.random() < 0.8 else "child"]
    roles += ["child"] * min(size - 2, 2)
    roles += ["elder"] * (size - len(roles))
    return roles


def _resize(roles: list[str], size: int) -> list[str]:
    """A family grown or shrunk by children and grandparents, keeping owner and spouse."""
    head, rest = roles[:2], roles[2:]
    while len(head) + len(rest) < size:
        rest.append("child" if rest.count("child") < 3 else "elder")
    return head + rest[: size - len(head)]


def _plan_households(rng: random.Random, layout: Layout) -> list[_Household]:
    featured = {key: login for login, key in layout.featured.items()}
    households = []
    for unit in layout.units:
        login = featured.get(unit.key, "")
        if unit.use not in (UnitUse.RESIDENTIAL, UnitUse.SHOP):
            continue
        if unit.occupancy == Occupancy.UNSOLD:
            continue  # developer-held: nobody on the register yet
        if unit.occupancy == Occupancy.OCCUPIED and unit.is_home:
            if login:
                roles = list(FEATURED[login]["roles"])
            else:
                roles = _family_roles(rng, _weighted(rng, FAMILY_SIZES))
            households.append(
                _Household(
                    unit.key,
                    roles,
                    Relation.OWNER,
                    login=login,
                    adjustable=not login and len(roles) > 1,
                )
            )
            continue
        # The owner is on the register but lives elsewhere (or in another home here).
        households.append(_Household(unit.key, ["absent_owner"], Relation.OWNER))
        if unit.occupancy == Occupancy.RENTED:
            if login:
                roles = list(FEATURED[login]["roles"])
            elif unit.is_home:
                size = _weighted(rng, TENANT_HOUSEHOLD_SIZES)
                roles = ["tenant"] * min(size, 2) + ["tenant_child"] * (size - 2)
            else:
                roles = ["tenant"]  # the shopkeeper renting a shop
            households.append(_Household(unit.key, roles, Relation.TENANT, login=login))
    return households


def _fit_population(rng: random.Random, households: list[_Household], absent: int) -> None:
    """Grow or shrink families, one person at a time, until the register holds RESIDENTS."""
    total = sum(len(h.roles) for h in households) - absent
    adjustable = [h for h in households if h.adjustable]
    rng.shuffle(adjustable)
    step = 1 if total < RESIDENTS else -1
    while total != RESIDENTS:
        changed = False
        for household in adjustable:
            size = len(household.roles) + step
            if total != RESIDENTS and 2 <= size <= LARGEST_FAMILY:
                household.roles = _resize(household.roles, size)
                total += step
                changed = True
        if not changed:
            raise ValueError("The households cannot hold the planned population.")


def _relation_of(role: str) -> str:
    if role in ("owner", "absent_owner", "elderly_alone"):
        return Relation.OWNER
    if role in ("tenant", "tenant_child"):
        return Relation.TENANT
    return Relation.FAMILY


def _birth_year(rng: random.Random, role: str, head: int | None) -> int:
    """Ages that fit the household: children 22-40 years younger than the head of the
    household, grandparents 22-35 years older, spouses within four years."""
    if head is None:
        return rng.randint(*HEAD_BORN[role])
    if role.endswith("child"):
        return rng.randint(head + 22, min(head + 40, YOUNGEST_BORN))
    if role == "elder":
        return rng.randint(head - 35, head - 22)
    return rng.randint(head - 4, head + 4)


class _Register:
    """Turns planned households into named people, residencies, cars and parking links."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids = Identities(rng)
        self.people: list[PersonPlan] = []
        self.residencies: list[ResidencyPlan] = []
        self.vehicles: list[VehiclePlan] = []

    def person(self, role: str, gender: str, born: int, family: tuple[bool, str, str]) -> dict:
        """Name, mobile, ID number (for some adults) and care notes of one person."""
        rng, ids = self.rng, self.ids
        uyghur, surname, father = family
        child = role.endswith("child")
        if uyghur:
            name = ids.uyghur_name(gender, father if child and father else None)
        else:
            name = ids.name(gender, surname if child else None)
        recorded = born <= ADULT_BORN_BY and rng.random() < (0.8 if role in HEADS else 0.5)
        details = {
            "name": name,
            "mobile": ids.mobile() if born <= MOBILE_BORN_BY else "",
            "id_number": ids.id_number(born, gender) if recorded else "",
        }
        if role == "elderly_alone":
            son_or_daughter = ids.uyghur_name("m") if uyghur else ids.name(ids.gender(), name[0])
            details |= {
                "emergency_contact": f"{son_or_daughter}（子女）",
                "emergency_phone": ids.mobile(),
                "needs_attention": True,
                "notes": ELDERLY_NOTE,
            }
        return details

    def household(self, household: _Household) -> None:
        """Name the members of a planned household and move them in."""
        rng, ids = self.rng, self.ids
        uyghur = rng.random() < UYGHUR_SHARE
        head_gender = ids.gender()
        head_born = None
        family = (uyghur, "", "")
        for i, role in enumerate(household.roles):
            gender = head_gender if i == 0 else ids.gender()
            if role == "spouse" or (role == "tenant" and i == 1):
                gender = "f" if head_gender == "m" else "m"
            born = _birth_year(rng, role, head_born)
            details = self.person(role, gender, born, family)
            if i == 0:
                head_born = born
                if household.login and not details["id_number"]:
                    # The demo logins show their own (masked) ID number in the portal.
                    details["id_number"] = ids.id_number(born, gender)
                name = details["name"]
                family = (uyghur, name[0], name.split("·")[0] if head_gender == "m" else "")
                details["login"] = household.login
            self.people.append(PersonPlan(**details))
            index = len(self.people) - 1
            household.people.append(index)
            self.residencies.append(
                ResidencyPlan(household.unit, index, _relation_of(role), household.since_days)
            )

    def cars(self, household: _Household, count: int) -> list[str]:
        """Register up to `count` cars, one per adult at the head of the household."""
        plates = []
        drivers = [
            person
            for person, role in zip(household.people, household.roles, strict=True)
            if role in ("owner", "spouse", "tenant")
        ]
        for driver in drivers[:count]:
            plate, description = self.ids.car()
            self.vehicles.append(VehiclePlan(plate, driver, description))
            plates.append(plate)
        return plates


def bordeaux_town_population(layout: Layout, seed: int = SEED) -> Population:
    """Plan the register's people for `layout`. The same inputs always give the same people."""
    rng = random.Random(seed)
    occupancy = {u.key: u.occupancy for u in layout.units}
    households = _plan_households(rng, layout)
    absent = [h for h in households if h.roles == ["absent_owner"]]
    second_homes = [h for h in absent if rng.random() < SECOND_HOME_SHARE]
    _fit_population(rng, households, len(second_homes))
    families = [h for h in households if h.relation == Relation.OWNER and h not in absent]
    buyers = rng.sample([h for h in families if not h.login], TENANTS_WHO_BOUGHT)

    register = _Register(rng)
    for household in households:
        if household in second_homes:
            continue
        if household in buyers:
            household.since_days = rng.randint(200, 500)
        elif household.relation == Relation.TENANT:
            household.since_days = rng.randint(30, 700)
        elif household in absent and occupancy[household.unit] == Occupancy.RENOVATING:
            household.since_days = rng.randint(60, 400)  # bought recently, now fitting out
        else:
            household.since_days = rng.randint(730, 1095)  # handed over two to three years ago
        register.household(household)

    # Owners of a second home here: landlords and owners of homes standing empty.
    for household in second_homes:
        owner = rng.choice(families).people[0]
        household.people.append(owner)
        register.residencies.append(
            ResidencyPlan(household.unit, owner, Relation.OWNER, rng.randint(400, 1000))
        )
    _tenants_who_bought(rng, register, households, buyers)
    parking = _park(rng, register, layout, households)
    return Population(
        tuple(register.people), tuple(register.residencies), tuple(register.vehicles), parking
    )


def _tenants_who_bought(rng, register: _Register, households, buyers) -> None:
    """Some owners rented a home here before they bought their own: the ended tenancy is
    kept as history, before the current tenants of that home moved in."""
    rented = [h for h in households if h.relation == Relation.TENANT and not h.login]
    for buyer in buyers:
        earlier = [h for h in rented if h.since_days < buyer.since_days]
        home = earlier.pop(rng.randrange(len(earlier)))
        rented.remove(home)
        ended = buyer.since_days + rng.randint(1, 30)
        started = rng.randint(ended + 180, 1095)
        register.residencies.append(
            ResidencyPlan(home.unit, buyer.people[0], Relation.TENANT, started, ended)
        )


def _park(rng, register: _Register, layout: Layout, households) -> dict[str, SpaceLink]:
    """Cars for the households that live here; owned and rented spaces linked to them."""
    spaces = {kind: [p.number for p in layout.parking if p.kind == kind] for kind in ParkingKind}
    links: dict[str, SpaceLink] = {}

    def take(kind: str, unit: UnitKey | None, plate: str | None) -> bool:
        if not spaces[kind]:
            return False
        links[spaces[kind].pop(0)] = SpaceLink(unit, plate)
        return True

    living = [
        h for h in households if h.roles != ["absent_owner"] and "elderly_alone" not in h.roles
    ]
    for household in living:
        if household.login:
            wanted = FEATURED[household.login]["cars"]
            for kind, plate in zip(wanted, register.cars(household, len(wanted)), strict=True):
                if kind:
                    take(kind, household.unit, plate)
    others = [h for h in living if not h.login]
    rng.shuffle(others)
    parked: list[tuple[_Household, str]] = []
    for household in others:
        for plate in register.cars(household, _weighted(rng, CARS_PER_HOUSEHOLD)):
            parked.append((household, plate))
    # Owner families bought spaces first; the rest of the cars rent what is left.
    for household, plate in parked:
        kind = ParkingKind.OWNED if household.relation == Relation.OWNER else ParkingKind.RENTED
        if not take(kind, household.unit, plate):
            take(ParkingKind.RENTED, household.unit, plate)
    # Owned spaces still unlinked were bought by owners without a registered car.
    owners = [h for h in others if h.relation == Relation.OWNER]
    while spaces[ParkingKind.OWNED]:
        take(ParkingKind.OWNED, rng.choice(owners).unit, None)
    return links
