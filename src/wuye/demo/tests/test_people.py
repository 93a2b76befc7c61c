"""The planned residents, cars and staff, before they touch a database."""

from collections import Counter, defaultdict

from wuye.core.models import Role
from wuye.core.validators import normalize_id_number, normalize_mobile, normalize_plate
from wuye.demo.facts import RESIDENTS
from wuye.demo.layout import bordeaux_town_layout
from wuye.demo.people import bordeaux_town_population
from wuye.demo.staff import bordeaux_town_staff
from wuye.estates.models import Occupancy, ParkingKind, Relation, UnitUse

LAYOUT = bordeaux_town_layout()
PEOPLE = bordeaux_town_population(LAYOUT)
UNITS = {u.key: u for u in LAYOUT.units}
CURRENT = [r for r in PEOPLE.residencies if r.until_days is None]


def relations_by_unit():
    by_unit = defaultdict(set)
    for r in CURRENT:
        by_unit[r.unit].add(r.relation)
    return by_unit


def test_4438_residents_each_with_a_current_residency():
    assert len(PEOPLE.people) == RESIDENTS == 4438
    assert {r.person for r in CURRENT} == set(range(4438))


def test_about_three_and_a_half_people_per_lived_in_home():
    lived_in = [
        u
        for u in LAYOUT.units
        if u.use == UnitUse.RESIDENTIAL and u.occupancy in (Occupancy.OCCUPIED, Occupancy.RENTED)
    ]
    assert 3.2 <= RESIDENTS / len(lived_in) <= 3.7


def test_owners_family_members_and_tenants_where_occupancy_says():
    by_unit = relations_by_unit()
    for unit in LAYOUT.units:
        relations = by_unit.get(unit.key, set())
        if unit.occupancy == Occupancy.UNSOLD or unit.use in (UnitUse.CLUBHOUSE, UnitUse.OFFICE):
            assert not relations, unit
        elif unit.occupancy == Occupancy.RENTED:
            assert relations == {Relation.OWNER, Relation.TENANT}, unit
        elif unit.occupancy in (Occupancy.VACANT, Occupancy.RENOVATING):
            assert relations == {Relation.OWNER}, unit
        else:
            assert Relation.OWNER in relations and Relation.TENANT not in relations, unit


def test_nobody_lives_twice_in_the_same_home():
    open_pairs = [(r.unit, r.person) for r in CURRENT]
    assert len(open_pairs) == len(set(open_pairs))


def test_moved_out_tenancies_ended_before_the_current_tenants_came():
    ended = [r for r in PEOPLE.residencies if r.until_days is not None]
    assert ended
    for old in ended:
        assert old.since_days > old.until_days
        tenants = [r for r in CURRENT if r.unit == old.unit and r.relation == Relation.TENANT]
        assert all(t.since_days < old.until_days for t in tenants)


def test_mobiles_id_numbers_and_plates_are_valid_and_unique():
    mobiles = [p.mobile for p in PEOPLE.people if p.mobile]
    ids = [p.id_number for p in PEOPLE.people if p.id_number]
    plates = [v.plate for v in PEOPLE.vehicles]
    assert len(mobiles) == len(set(mobiles)) > 3500
    assert len(ids) == len(set(ids)) > 1500
    assert len(plates) == len(set(plates)) > 600
    assert all(normalize_mobile(m) == m for m in mobiles)
    assert all(normalize_id_number(n) == n and n.startswith("6505") for n in ids)
    assert all(normalize_plate(p) == p for p in plates)
    # Hami's plates are 新L.
    assert Counter(p[:2] for p in plates).most_common(1)[0][0] == "新L"


def test_elderly_living_alone_are_flagged_with_someone_to_call():
    flagged = [i for i, p in enumerate(PEOPLE.people) if p.needs_attention]
    assert len(flagged) >= 20
    household_size = Counter(r.unit for r in CURRENT)
    for i in flagged:
        person = PEOPLE.people[i]
        assert person.emergency_contact and normalize_mobile(person.emergency_phone)
        (home,) = [r.unit for r in CURRENT if r.person == i]
        assert household_size[home] == 1


def test_owned_and_rented_spaces_are_linked_to_real_homes_and_cars():
    kinds = {p.number: p.kind for p in LAYOUT.parking}
    plates = {v.plate for v in PEOPLE.vehicles}
    linked = Counter(kinds[number] for number in PEOPLE.parking)
    assert linked == {ParkingKind.OWNED: 320, ParkingKind.RENTED: 180}
    for link in PEOPLE.parking.values():
        assert link.unit in UNITS
        assert link.plate is None or link.plate in plates


def test_demo_residents_own_two_homes_and_rent_a_third():
    logins = {p.login: i for i, p in enumerate(PEOPLE.people) if p.login}
    homes = {
        login: {(r.unit, r.relation) for r in CURRENT if r.person == i}
        for login, i in logins.items()
    }
    assert homes["owner"] == {(LAYOUT.featured["owner"], Relation.OWNER)}
    assert homes["owner2"] == {(LAYOUT.featured["owner2"], Relation.OWNER)}
    assert homes["tenant"] == {(LAYOUT.featured["tenant"], Relation.TENANT)}
    landlords = [
        r.person
        for r in CURRENT
        if r.unit == LAYOUT.featured["tenant"] and r.relation == Relation.OWNER
    ]
    assert landlords and logins["tenant"] not in landlords


def test_staff_cover_the_organisation_chart_with_unique_usernames():
    staff = bordeaux_town_staff()
    assert len({s.username for s in staff}) == len(staff)
    roles = Counter(s.role for s in staff)
    assert set(roles) == set(Role.values)
    assert roles[Role.PROPERTY_MANAGER] == 1 and roles[Role.COMPANY_ADMIN] == 1
    assert roles[Role.GUARD] >= 12  # shift leaders and posts on three shifts
    assert all(s.name and s.title for s in staff)
    assert staff == bordeaux_town_staff()
