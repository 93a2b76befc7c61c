"""The drawn estate, before it touches a database."""

import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal

from wuye.demo.facts import PARKING_SPACES, TOTAL_BUILDING_AREA
from wuye.demo.layout import CLUBHOUSE_TARGET, bordeaux_town_layout
from wuye.estates.models import BuildingKind, Occupancy, ParkingKind, UnitUse

LAYOUT = bordeaux_town_layout()


def units_of(kind):
    numbers = {b.number for b in LAYOUT.buildings if b.kind == kind}
    return [u for u in LAYOUT.units if u.building in numbers]


def test_unit_areas_add_up_to_the_source_total_to_the_cent():
    assert sum(u.building_area for u in LAYOUT.units) == TOTAL_BUILDING_AREA
    assert str(TOTAL_BUILDING_AREA) == "134061.38"
    assert all(u.building_area == u.building_area.quantize(Decimal("0.01")) for u in LAYOUT.units)


def test_the_clubhouse_closing_the_total_keeps_a_plausible_size():
    (clubhouse,) = [u for u in LAYOUT.units if u.use == UnitUse.CLUBHOUSE]
    assert clubhouse == LAYOUT.units[-1]
    assert abs(clubhouse.building_area - CLUBHOUSE_TARGET) < 20


def test_multi_storey_blocks_have_six_floors_no_lift_and_two_homes_per_landing():
    blocks = [b for b in LAYOUT.buildings if b.kind == BuildingKind.MULTI_STOREY]
    assert blocks and all(b.floors == 6 and b.lifts == 0 for b in blocks)
    entrances = defaultdict(set)
    per_floor = Counter()
    for unit in units_of(BuildingKind.MULTI_STOREY):
        assert Decimal("85") <= unit.building_area <= Decimal("130")
        entrances[unit.building].add(unit.entrance)
        per_floor[(unit.building, unit.entrance, unit.floor)] += 1
    assert {len(e) for e in entrances.values()} == {2, 3}
    assert set(per_floor.values()) == {2}


def test_small_high_rise_blocks_have_11_to_18_floors_and_lifts():
    blocks = [b for b in LAYOUT.buildings if b.kind == BuildingKind.SMALL_HIGH_RISE]
    assert blocks and all(11 <= b.floors <= 18 and b.lifts >= 1 for b in blocks)
    homes = units_of(BuildingKind.SMALL_HIGH_RISE)
    assert all(Decimal("90") <= u.building_area <= Decimal("145") for u in homes)


def test_shops_line_the_commercial_street_and_the_clubhouse_is_there():
    shops = units_of(BuildingKind.SHOP_ROW)
    assert len(shops) >= 20
    assert all(u.use == UnitUse.SHOP for u in shops)
    assert all(Decimal("40") <= u.building_area <= Decimal("200") for u in shops)
    assert {u.use for u in units_of(BuildingKind.CLUBHOUSE)} == {UnitUse.CLUBHOUSE, UnitUse.OFFICE}


def test_between_1200_and_1400_homes():
    homes = [u for u in LAYOUT.units if u.use == UnitUse.RESIDENTIAL]
    assert 1200 <= len(homes) <= 1400


def test_room_numbers_are_unique_per_building_and_entrance():
    keys = [u.key for u in LAYOUT.units]
    assert len(keys) == len(set(keys))


def test_inner_areas_are_positive_and_never_larger_than_the_building_area():
    assert all(0 < u.inner_area <= u.building_area for u in LAYOUT.units)


def test_most_homes_are_occupied_and_every_occupancy_appears():
    occupancy = Counter(u.occupancy for u in LAYOUT.units if u.use == UnitUse.RESIDENTIAL)
    homes = sum(occupancy.values())
    assert occupancy[Occupancy.OCCUPIED] > 0.8 * homes
    assert occupancy[Occupancy.RENTED] > occupancy[Occupancy.VACANT]
    assert 0 < occupancy[Occupancy.UNSOLD] < 0.03 * homes
    assert 0 < occupancy[Occupancy.RENOVATING] < 0.03 * homes


def test_632_parking_spaces_of_every_kind_in_zones():
    assert len(LAYOUT.parking) == PARKING_SPACES == 632
    assert len({p.number for p in LAYOUT.parking}) == 632
    assert set(Counter(p.kind for p in LAYOUT.parking)) == set(ParkingKind.values)
    assert all(p.zone for p in LAYOUT.parking)


def test_the_demo_logins_homes_exist_with_the_right_occupancy():
    units = {u.key: u for u in LAYOUT.units}
    assert units[LAYOUT.featured["owner"]].occupancy == Occupancy.OCCUPIED
    assert units[LAYOUT.featured["owner2"]].occupancy == Occupancy.OCCUPIED
    assert units[LAYOUT.featured["tenant"]].occupancy == Occupancy.RENTED
    assert len(set(LAYOUT.featured.values())) == 3


DIGESTS = """
import json, django
django.setup()
from wuye.demo.layout import bordeaux_town_layout
from wuye.demo.people import bordeaux_town_population
layout = bordeaux_town_layout()
print(json.dumps([layout.digest(), bordeaux_town_population(layout).digest()]))
"""


def test_every_process_draws_the_same_estate_and_people():
    """Equal in fresh interpreters whatever their string hashing: a fresh database gets
    the same homes, areas and people on every machine."""
    runs = []
    for hash_seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": hash_seed, "DJANGO_SETTINGS_MODULE": "wuye.settings"}
        out = subprocess.run(
            [sys.executable, "-c", DIGESTS], env=env, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert runs[0] == runs[1]
    assert runs[0][0] == LAYOUT.digest()
