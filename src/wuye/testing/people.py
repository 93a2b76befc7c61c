"""Named people of a small test community, matching the demo's logins and roles.

`site` builds Bordeaux Town in miniature — two buildings, a few homes, an owner, a second
owner, a tenant and the staff — plus a neighbouring community that nobody here may see.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User

from wuye.core.models import Community, Membership, Role
from wuye.estates.models import Building, BuildingKind, Relation, Resident, Unit

from . import factories as f

STAFF_ROLES = {
    "manager": Role.PROPERTY_MANAGER,
    "frontdesk": Role.FRONT_DESK,
    "engineer": Role.ENGINEERING_SUPERVISOR,
    "electrician": Role.TECHNICIAN,
    "guard": Role.GUARD,
    "cashier": Role.CASHIER,
}


@dataclass
class Site:
    community: Community
    other: Community
    buildings: list[Building]
    units: dict[str, Unit]
    residents: dict[str, Resident]
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def build_site() -> Site:
    community = f.CommunityFactory(code="BDX", name="Bordeaux Town")
    other = f.CommunityFactory(code="OTH", name="Other Garden", company=community.company)
    b1 = f.BuildingFactory(community=community, number="1", kind=BuildingKind.MULTI_STOREY)
    b2 = f.BuildingFactory(
        community=community, number="2", kind=BuildingKind.SMALL_HIGH_RISE, floors=11, lifts=2
    )
    units = {
        "owner_home": f.UnitFactory(building=b1, entrance="1", floor=1, number="101"),
        "owner2_home": f.UnitFactory(building=b1, entrance="2", floor=5, number="502"),
        "tenant_home": f.UnitFactory(building=b2, entrance="1", floor=3, number="301"),
        "vacant_home": f.UnitFactory(
            building=b2, entrance="1", floor=4, number="401", occupancy="vacant"
        ),
    }
    ob = f.BuildingFactory(community=other, number="1")
    units["other_home"] = f.UnitFactory(building=ob, number="101")

    users = {
        name: f.UserFactory(username=name, first_name=name.title())
        for name in [
            "admin",
            *STAFF_ROLES,
            "owner",
            "owner2",
            "tenant",
            "landlord",
            "other_manager",
            "other_owner",
            "nobody",
        ]
    }
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    Membership.objects.create(
        user=users["admin"], company=community.company, role=Role.COMPANY_ADMIN
    )
    for name, role in STAFF_ROLES.items():
        f.MembershipFactory(user=users[name], community=community, role=role)
    f.MembershipFactory(user=users["other_manager"], community=other, role=Role.PROPERTY_MANAGER)

    residents = {
        "owner": f.ResidentFactory(
            community=community, name="Wang Fang", user=users["owner"], mobile="13912340001"
        ),
        "owner_spouse": f.ResidentFactory(community=community, name="Li Na", mobile="13912340002"),
        "owner2": f.ResidentFactory(
            community=community, name="Zhang Wei", user=users["owner2"], mobile="13912340003"
        ),
        "tenant": f.ResidentFactory(
            community=community, name="Liu Yang", user=users["tenant"], mobile="13912340004"
        ),
        "landlord": f.ResidentFactory(
            community=community, name="Chen Jing", user=users["landlord"], mobile="13912340005"
        ),
        "other_owner": f.ResidentFactory(
            community=other, name="Zhao Lei", user=users["other_owner"], mobile="13912340006"
        ),
    }
    residents["owner"].set_id_number(f.valid_id_number(1))
    residents["owner"].save()
    links = [
        ("owner_home", "owner", Relation.OWNER),
        ("owner_home", "owner_spouse", Relation.FAMILY),
        ("owner2_home", "owner2", Relation.OWNER),
        ("tenant_home", "landlord", Relation.OWNER),
        ("tenant_home", "tenant", Relation.TENANT),
        ("other_home", "other_owner", Relation.OWNER),
    ]
    for unit, resident, relation in links:
        f.ResidencyFactory(unit=units[unit], resident=residents[resident], relation=relation)
    vehicle = f.VehicleFactory(community=community, plate="新B12345", resident=residents["owner"])
    f.VehicleFactory(community=community, plate="新BD23456", resident=residents["owner2"])
    f.ParkingSpaceFactory(
        community=community, number="A-001", kind="owned", unit=units["owner_home"], vehicle=vehicle
    )
    f.ParkingSpaceFactory(community=community, number="V-001", kind="visitor")
    return Site(
        community=community,
        other=other,
        buildings=[b1, b2],
        units=units,
        residents=residents,
        users=users,
    )


@pytest.fixture
def site(db) -> Site:
    return build_site()
