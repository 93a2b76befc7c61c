"""Factories for tests: small, valid objects with names a property office would recognise."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from wuye.core.models import Community, Company, Membership, ServiceLevel, ServiceStandard
from wuye.core.standards import LEVEL_DEFAULTS
from wuye.core.validators import id_check_digit
from wuye.estates.models import (
    Building,
    BuildingKind,
    Occupancy,
    ParkingKind,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    Vehicle,
)

PASSWORD = "wuye-demo"


def valid_id_number(seq: int, birth: str = "19800101", region: str = "650502") -> str:
    first17 = f"{region}{birth}{seq % 1000:03d}"
    return first17 + id_check_digit(first17)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Property Company {n}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"Garden {n}")
    city = "Hami"
    service_level = ServiceLevel.LEVEL_1
    language = "en"  # tests read messages in English unless they ask for Chinese

    @factory.post_generation
    def standard(obj, create, extracted, **kwargs):
        if create:
            ServiceStandard.objects.create(community=obj, **LEVEL_DEFAULTS[obj.service_level])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    community = factory.SubFactory(CommunityFactory)
    company = factory.LazyAttribute(lambda m: m.community.company)
    role = "front_desk"


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    kind = BuildingKind.MULTI_STOREY
    floors = 6


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    community = factory.LazyAttribute(lambda u: u.building.community)
    entrance = "1"
    floor = 1
    number = factory.Sequence(lambda n: f"{100 + n}")
    building_area = Decimal("98.50")
    inner_area = Decimal("80.20")
    occupancy = Occupancy.OCCUPIED


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"Resident {n}")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")


class ResidencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Residency

    unit = factory.SubFactory(UnitFactory)
    resident = factory.SubFactory(
        ResidentFactory, community=factory.SelfAttribute("..unit.community")
    )
    relation = Relation.OWNER


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    community = factory.SubFactory(CommunityFactory)
    plate = factory.Sequence(lambda n: f"新B{n:05d}")


class ParkingSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkingSpace

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"P{n:04d}")
    zone = "B1"
    kind = ParkingKind.RENTED
