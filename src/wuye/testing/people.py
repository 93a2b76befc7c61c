"""Named people of a small test community, matching the demo's logins and roles.

`site` builds Bordeaux Town in miniature — two buildings, a few homes, an owner, a second
owner, a tenant and the staff — plus a neighbouring community that nobody here may see.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wuye.core import policy, twofactor
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
    for user in users.values():
        if policy.requires_second_factor(user):
            enrol(user)
        policy.forget(user)
    return Site(
        community=community,
        other=other,
        buildings=[b1, b2],
        units=units,
        residents=residents,
        users=users,
    )


# The authenticator key of the people who sign in with a second factor (20 bytes, hex).
TEST_TOTP_KEY = "77757965207465737420746f7470207365637265"


def enrol(user) -> TOTPDevice:
    """Give `user` a confirmed authenticator with the test key (and a backup-code device)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user,
        confirmed=True,
        defaults={"name": twofactor.AUTHENTICATOR, "key": TEST_TOTP_KEY},
    )
    StaticDevice.objects.get_or_create(user=user, name=twofactor.BACKUP, confirmed=True)
    return device


def totp_code(user, *, steps_ahead: int = 0) -> str:
    """The code `user`'s authenticator shows now (or that many 30-second steps later)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def backup_code(user) -> str:
    """A fresh single-use backup code of `user` (enrolled), for a login in a browser test."""
    device = StaticDevice.objects.get(user=user, name=twofactor.BACKUP)
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return token


@pytest.fixture
def site(db) -> Site:
    return build_site()


_force_login = Client.force_login


def _force_verified_login(self, user, backend=None):
    """`client.force_login` for a user who signs in with a second factor: also as if they had
    given their code, so that tests of pages need not type one (tests of the second factor
    itself log in through the forms)."""
    _force_login(self, user, backend)
    required = policy.requires_second_factor(user)
    policy.forget(user)
    if required:
        device = enrol(user)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[twofactor.ENROLLED_KEY] = True
        session.save()


@pytest.fixture(autouse=True)
def _second_factor_given_on_force_login(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_verified_login)
