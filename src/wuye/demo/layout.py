"""The layout of Bordeaux Town: buildings, homes, shops, the clubhouse and the parking spaces.

One seeded generator draws the estate, so every load builds the same one. Homes in the same
stack (the same position on every floor of an entrance) share a floor plan (户型) and so an
area, as in a real building. Once the plans are drawn, every home moves by the same small
amount so that what is left for the clubhouse comes close to its planned size; the clubhouse,
the last unit, then takes exactly what remains of the 134,061.38 m² of the source, so the
total is exact to the cent whatever the draw.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from wuye.estates.models import BuildingKind, Occupancy, ParkingKind, UnitUse

from .facts import TOTAL_BUILDING_AREA

SEED = 20130618
CENT = Decimal("0.01")

# The site plan (总平面图): entrances of each multi-storey block (多层: six floors, no lift, two
# homes per landing) and (floors, entrances) of each small high-rise block (小高层).
MULTI_STOREY_ENTRANCES = (
    (3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3)
    + (2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3)
    + (3, 2, 3, 2, 3, 3, 2, 3, 2)
)
SMALL_HIGH_RISE_BLOCKS = ((11, 2), (14, 2), (16, 1), (18, 2), (12, 2), (15, 1))
FIRST_HIGH_RISE = str(len(MULTI_STOREY_ENTRANCES) + 1)
HOMES_PER_LANDING = 2
# Floor plans (户型) as (smallest, largest m², weight); two-bedroom plans dominate, as in Hami.
MULTI_STOREY_PLANS = ((87, 94, 12), (104, 116, 3), (120, 127, 1))
SMALL_HIGH_RISE_PLANS = ((93, 100, 6), (110, 124, 3), (132, 141, 1))
SHOPS_PER_ROW = 12
SHOP_PLANS = ((42, 78, 4), (80, 140, 4), (140, 198, 2))
# The plans are drawn, then every home moves by the same few square metres (at most
# MAX_SHIFT) so that the clubhouse (pool, gym, function rooms) closes near its target.
CLUBHOUSE_TARGET = Decimal("1860.00")
MAX_SHIFT = Decimal("2.00")
PROPERTY_OFFICE_AREA = Decimal("286.40")
SALES_OFFICE_AREA = Decimal("412.75")

HOME_OCCUPANCY = {
    Occupancy.OCCUPIED: 86,
    Occupancy.RENTED: 8,
    Occupancy.VACANT: 3,
    Occupancy.RENOVATING: 1.5,
    Occupancy.UNSOLD: 1.5,
}
SHOP_OCCUPANCY = {
    Occupancy.OCCUPIED: 35,
    Occupancy.RENTED: 45,
    Occupancy.VACANT: 14,
    Occupancy.UNSOLD: 6,
}

# The homes of the demo residents' logins: (building, entrance, room) and occupancy.
FEATURED_HOMES = {
    "owner": (("1", "1", "301"), Occupancy.OCCUPIED),
    "owner2": ((FIRST_HIGH_RISE, "1", "801"), Occupancy.OCCUPIED),
    "tenant": (("2", "1", "402"), Occupancy.RENTED),
}

# Zone code, zone name, and how many spaces of each kind it holds.
PARKING_ZONES = (
    ("A", "地下车库A区", ((ParkingKind.OWNED, 200), (ParkingKind.RENTED, 60))),
    ("B", "地下车库B区", ((ParkingKind.OWNED, 120), (ParkingKind.RENTED, 80))),
    ("P", "地面停车场", ((ParkingKind.RENTED, 40), (ParkingKind.PUBLIC, 100))),
    ("V", "访客车位", ((ParkingKind.VISITOR, 32),)),
)

UnitKey = tuple[str, str, str]


@dataclass(frozen=True)
class BuildingPlan:
    number: str
    name: str
    kind: str
    floors: int
    lifts: int


@dataclass(frozen=True)
class UnitPlan:
    building: str
    entrance: str
    floor: int
    number: str
    building_area: Decimal
    inner_area: Decimal
    use: str
    occupancy: str

    @property
    def key(self) -> UnitKey:
        return (self.building, self.entrance, self.number)

    @property
    def is_home(self) -> bool:
        return self.use == UnitUse.RESIDENTIAL


@dataclass(frozen=True)
class ParkingPlan:
    number: str
    zone: str
    kind: str


@dataclass(frozen=True)
class Layout:
    buildings: tuple[BuildingPlan, ...]
    units: tuple[UnitPlan, ...]
    parking: tuple[ParkingPlan, ...]
    featured: dict[str, UnitKey]

    def digest(self) -> str:
        """A fingerprint of everything drawn: equal digests mean equal estates."""
        rows = [repr(b) for b in self.buildings]
        rows += [
            f"{u.key}|{u.floor}|{u.building_area}|{u.inner_area}|{u.use}|{u.occupancy}"
            for u in self.units
        ]
        rows += [f"{p.number}|{p.zone}|{p.kind}" for p in self.parking]
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _plan_area(rng: random.Random, plans: Iterable[tuple[int, int, int]]) -> Decimal:
    plans = tuple(plans)
    low, high, _ = rng.choices(plans, weights=[w for *_, w in plans])[0]
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _ratio(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 4)))


def _inner(area: Decimal, ratio: Decimal) -> Decimal:
    """Inner area (套内面积): the building area less its share of common parts (公摊)."""
    return (area * ratio).quantize(CENT, rounding=ROUND_DOWN)


@dataclass
class _Stack:
    """Homes on top of each other: the same entrance and position on every floor."""

    building: BuildingPlan
    entrance: int
    position: int
    area: Decimal
    inner_ratio: Decimal


def _stacks(rng, building: BuildingPlan, entrances: int, plans, inner_ratio) -> list[_Stack]:
    return [
        _Stack(
            building,
            entrance,
            position,
            _plan_area(rng, plans),
            _ratio(rng, *inner_ratio),
        )
        for entrance in range(1, entrances + 1)
        for position in range(1, HOMES_PER_LANDING + 1)
    ]


def _parking(rng: random.Random) -> list[ParkingPlan]:
    spaces = []
    for code, zone, kinds in PARKING_ZONES:
        # Kinds are mixed along the rows, as spaces are sold and let one by one.
        row = [kind for kind, count in kinds for _ in range(count)]
        rng.shuffle(row)
        spaces += [
            ParkingPlan(number=f"{code}-{i:03d}", zone=zone, kind=kind)
            for i, kind in enumerate(row, start=1)
        ]
    return spaces


def bordeaux_town_layout(seed: int = SEED) -> Layout:
    """Draw the estate. The same seed always gives the same buildings, homes and spaces."""
    rng = random.Random(seed)
    buildings: list[BuildingPlan] = []
    stacks: list[_Stack] = []
    for n, entrances in enumerate(MULTI_STOREY_ENTRANCES, start=1):
        building = BuildingPlan(str(n), "", BuildingKind.MULTI_STOREY, 6, 0)
        buildings.append(building)
        stacks += _stacks(rng, building, entrances, MULTI_STOREY_PLANS, (0.80, 0.86))
    for floors, entrances in SMALL_HIGH_RISE_BLOCKS:
        # Frame shear-wall; GB 50096 asks for two lifts per entrance from the 12th floor up.
        lifts = entrances * (2 if floors >= 12 else 1)
        number = str(len(buildings) + 1)
        building = BuildingPlan(number, "", BuildingKind.SMALL_HIGH_RISE, floors, lifts)
        buildings.append(building)
        stacks += _stacks(rng, building, entrances, SMALL_HIGH_RISE_PLANS, (0.74, 0.80))

    others: list[UnitPlan] = []
    for row, name in (
        ("S1", "商业街北"),
        ("S2", "商业街南"),
    ):
        # Two-storey shops along the commercial street (商业街), one unit each.
        buildings.append(BuildingPlan(row, name, BuildingKind.SHOP_ROW, 2, 0))
        for i in range(1, SHOPS_PER_ROW + 1):
            area = _plan_area(rng, SHOP_PLANS)
            others.append(
                UnitPlan(
                    building=row,
                    entrance="",
                    floor=1,
                    number=f"1{i:02d}",
                    building_area=area,
                    inner_area=_inner(area, _ratio(rng, 0.86, 0.92)),
                    use=UnitUse.SHOP,
                    occupancy=_weighted(rng, SHOP_OCCUPANCY),
                )
            )
    buildings.append(BuildingPlan("C1", "会所", BuildingKind.CLUBHOUSE, 2, 1))
    for number, floor, area, occupancy in (
        # 物业服务中心: the property company's office and front desk.
        ("201", 2, PROPERTY_OFFICE_AREA, Occupancy.OCCUPIED),
        # 售楼处: the developer still sells its last homes from here.
        ("102", 1, SALES_OFFICE_AREA, Occupancy.UNSOLD),
    ):
        inner = _inner(area, _ratio(rng, 0.85, 0.9))
        others.append(UnitPlan("C1", "", floor, number, area, inner, UnitUse.OFFICE, occupancy))

    homes_count = sum(s.building.floors for s in stacks)
    drawn = sum(s.area * s.building.floors for s in stacks) + sum(u.building_area for u in others)
    shift = ((TOTAL_BUILDING_AREA - CLUBHOUSE_TARGET - drawn) / homes_count).quantize(CENT)
    if abs(shift) > MAX_SHIFT:
        raise ValueError(f"The site plan is {shift} m² a home away from the total; redraw it.")

    pinned = dict(FEATURED_HOMES.values())
    homes = []
    for stack in stacks:
        area = stack.area + shift
        for floor in range(1, stack.building.floors + 1):
            number = f"{floor}{stack.position:02d}"
            key = (stack.building.number, str(stack.entrance), number)
            homes.append(
                UnitPlan(
                    building=stack.building.number,
                    entrance=str(stack.entrance),
                    floor=floor,
                    number=number,
                    building_area=area,
                    inner_area=_inner(area, stack.inner_ratio),
                    use=UnitUse.RESIDENTIAL,
                    occupancy=pinned.get(key) or _weighted(rng, HOME_OCCUPANCY),
                )
            )
    units = homes + others
    # The clubhouse is the last unit: it takes the cents the shift could not place.
    rest = TOTAL_BUILDING_AREA - sum(u.building_area for u in units)
    units.append(
        UnitPlan(
            "C1",
            "",
            1,
            "101",
            rest,
            _inner(rest, _ratio(rng, 0.85, 0.9)),
            UnitUse.CLUBHOUSE,
            Occupancy.OCCUPIED,
        )
    )
    featured = {login: key for login, (key, _) in FEATURED_HOMES.items()}
    return Layout(tuple(buildings), tuple(units), tuple(_parking(rng)), featured)
