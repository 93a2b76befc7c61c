"""Fee items and billed homes for billing tests, in the shapes Bordeaux Town uses.

Registered as a pytest plugin in the root conftest.
"""

from datetime import date
from decimal import Decimal

import factory

from wuye.billing.models import AppliesTo, FeeItem, FeeKind, FeeMethod, ParkingContract
from wuye.testing import factories as f


class FeeItemFactory(factory.django.DjangoModelFactory):
    """The property fee of multi-storey homes: ¥0.80 per m² of building area a month."""

    class Meta:
        model = FeeItem

    community = factory.SubFactory(f.CommunityFactory)
    name = "Property fee"
    code = factory.Sequence(lambda n: f"PF{n}")
    kind = FeeKind.PROPERTY
    method = FeeMethod.BUILDING_AREA
    unit_price = Decimal("0.80")
    cycle_months = 1
    start_date = date(2025, 1, 1)
    applies_to = AppliesTo.USE
    applies_use = "residential"


class ParkingContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkingContract

    community = factory.SelfAttribute("unit.community")
    unit = factory.SubFactory(f.UnitFactory)
    space = factory.SubFactory(
        f.ParkingSpaceFactory, community=factory.SelfAttribute("..community"), kind="rented"
    )
    fee_item = factory.SubFactory(
        FeeItemFactory,
        community=factory.SelfAttribute("..community"),
        name="Parking fee",
        kind=FeeKind.PARKING,
        method=FeeMethod.PER_SPACE,
        unit_price=Decimal("150.00"),
    )
    start_date = date(2025, 1, 1)


def billed_home(unit, actor, period: str = "2026-01") -> dict[str, int]:
    """A home's community with a property fee and a billed period, and a payment by the home.

    Returns the ids other tests aim at: `fee_item_id`, `run_id` and `payment_id`.
    """
    from wuye.billing import services
    from wuye.billing.runs.services import bill_run_start

    item = FeeItemFactory(community=unit.community)
    run = bill_run_start(community=unit.community, period=period, actor=actor, background=False)
    payment, _created = services.payment_record(
        unit=unit, amount=Decimal("20.00"), method="cash", actor=actor
    )
    return {"fee_item_id": item.pk, "run_id": run.pk, "payment_id": payment.pk}
