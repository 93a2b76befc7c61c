"""Bordeaux Town's fees: the published standards and a year of bills, readings and payments.

The standards are the plausible ones of `shared/domain/bordeaux-town.md`: property fee by
building area (multi-storey ¥0.80, small high-rise ¥1.20, shops ¥2.00 per m² a month),
heating ¥22 per m² a season (15 Oct – 15 Apr, billed by the season's first bill run), rented
parking ¥150 and owned-space management ¥40 a month, water and electricity metered at Hami's
tiered utility prices with nothing added, and the common areas' electricity apportioned by
building area.

The year is billed through the bill run itself (one run per month, which also charges the
month's meter readings and apportions the common meter); payments are written in bulk with
their historical dates, receipt numbers in order, so that the collection rate lands in the
low nineties with a tail of homes that have not paid for a year or more. Everything is drawn
from a fixed seed: the same day gives the same data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from wuye.billing import calc
from wuye.billing.models import (
    Account,
    Allocation,
    AppliesTo,
    BillingSettings,
    BillRun,
    Charge,
    EntryKind,
    FeeItem,
    FeeKind,
    FeeMethod,
    LedgerEntry,
    Meter,
    MeterKind,
    MeterReading,
    ParkingContract,
    Payment,
    PaymentMethod,
    ReceiptCounter,
    TariffStep,
)
from wuye.billing.runs.generate import bill_run_generate
from wuye.billing.services import PAYER_LENGTH, meters
from wuye.core.models import Community
from wuye.estates.models import (
    BuildingKind,
    Occupancy,
    ParkingKind,
    ParkingSpace,
    Relation,
    Residency,
    Unit,
    UnitUse,
)

SEED = 20260101
MONTHS = 12
FEES_FROM = date(2024, 1, 1)  # the standards in force since the homes were handed over
BATCH = 2000

# code, name, kind, method, unit price, how the homes are chosen
STANDARDS = [
    ("PF-MS", "物业费（多层）", FeeKind.PROPERTY,
     FeeMethod.BUILDING_AREA, "0.80", BuildingKind.MULTI_STOREY),
    ("PF-HR", "物业费（小高层）", FeeKind.PROPERTY,
     FeeMethod.BUILDING_AREA, "1.20", BuildingKind.SMALL_HIGH_RISE),
    ("PF-SHOP", "物业费（商铺）", FeeKind.PROPERTY,
     FeeMethod.BUILDING_AREA, "2.00", UnitUse.SHOP),
    ("PARK-RENT", "车位租金", FeeKind.PARKING,
     FeeMethod.PER_SPACE, "150.00", ParkingKind.RENTED),
    ("PARK-MGMT", "车位管理费", FeeKind.PARKING,
     FeeMethod.PER_SPACE, "40.00", ParkingKind.OWNED),
    ("HEAT", "取暖费（采暖季10月15日至次年4月15日，元/m²）", FeeKind.HEATING,
     FeeMethod.BUILDING_AREA, "22.00", None),
    ("WATER", "水费", FeeKind.WATER,
     FeeMethod.METERED, "3.05", MeterKind.WATER),
    ("POWER", "电费", FeeKind.ELECTRICITY,
     FeeMethod.METERED, "0.39", MeterKind.ELECTRICITY),
    ("SHARED-EL", "公摊电费", FeeKind.SHARED_LOAD,
     FeeMethod.APPORTIONED, "0.41", None),
]  # fmt: skip
# Monthly tiered tariffs (阶梯价): (up to, price); the last step has no limit.
STEPS = {
    "WATER": [("15", "3.05"), ("22", "4.58"), (None, "9.15")],
    "POWER": [("170", "0.39"), ("260", "0.44"), (None, "0.69")],
}
HEATING_SEASON = ("10-15", "04-15")
COMMON_METER = "C-EL-01"
METHODS = [
    (PaymentMethod.WECHAT_PAY, 45),
    (PaymentMethod.ALIPAY, 20),
    (PaymentMethod.CASH, 15),
    (PaymentMethod.BANK_TRANSFER, 10),
    (PaymentMethod.CARD, 10),
]


@dataclass(frozen=True)
class Home:
    pk: int
    label: str
    building_kind: str
    use: str
    area: Decimal
    occupancy: str


def billing_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Load the community's fee standards and a year of billing, unless already there.

    Returns what was written (empty when the community already has its fee standards).
    """
    if FeeItem.objects.filter(community=community, code="PF-MS").exists():
        return {}
    today = today or timezone.localdate()
    with transaction.atomic():
        return _load(community, today)


def _periods(today: date) -> list[str]:
    """The twelve months up to and including this one, oldest first."""
    first = calc.add_months(today.replace(day=1), -(MONTHS - 1))
    return [f"{calc.add_months(first, n):%Y-%m}" for n in range(MONTHS)]


def _load(community: Community, today: date) -> dict[str, int]:
    users = get_user_model().objects
    manager, engineer = users.get(username="manager"), users.get(username="engineer")
    cashier = users.get(username="cashier")
    periods = _periods(today)
    homes = [
        Home(pk, f"{b}-{e}-{n}" if e else f"{b}-{n}", kind, use, area, occ)
        for pk, b, e, n, kind, use, area, occ in Unit.objects.filter(community=community)
        .order_by("pk")
        .values_list(
            "pk",
            "building__number",
            "entrance",
            "number",
            "building__kind",
            "use",
            "building_area",
            "occupancy",
        )
    ]
    BillingSettings.objects.get_or_create(community=community)
    items = _standards(community, homes)
    contracts = _parking_contracts(community, items)
    # the meters are read at each month's end (this month's not yet), so that each month's
    # bill run charges the usage and apportions the common meter along with the fees
    readings = _readings(community, items, homes, periods, engineer)
    for period in periods:
        run = BillRun.objects.create(
            community=community,
            period=period,
            created_by=manager,
            units_total=len(homes),
            created_at=_moment(calc.parse_period(period), 8, 30),
        )
        bill_run_generate(run=run)
        _analyze_ledger()
    payments = _payments(community, homes, cashier, today)
    return {
        "fee_items": len(items),
        "parking_contracts": contracts,
        "bill_runs": len(periods),
        "heating_charges": Charge.objects.filter(fee_item=items["HEAT"]).count(),
        "readings": readings,
        "charges": Charge.objects.filter(community=community).count(),
        "payments": payments,
    }


def _insert(model, fields: list[str], rows: list[tuple]) -> int:
    """Write plain rows with one `executemany` per batch.

    The year's readings, allocations and ledger entries are some 150,000 rows; building a
    model object for each would take most of the demo's minute. Values arrive adapted.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for first in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[first : first + BATCH])
    return len(rows)


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _standards(community: Community, homes: list[Home]) -> dict[str, FeeItem]:
    items = {}
    for code, name, kind, method, price, basis in STANDARDS:
        by_use = basis == UnitUse.SHOP
        chosen = basis is not None and not by_use or kind == FeeKind.HEATING
        season = HEATING_SEASON if kind == FeeKind.HEATING else ("", "")
        items[code] = FeeItem.objects.create(
            community=community,
            code=code,
            name=name,
            kind=kind,
            method=method,
            unit_price=Decimal(price),
            start_date=FEES_FROM,
            due_days=30 if method in (FeeMethod.METERED, FeeMethod.APPORTIONED) else 15,
            applies_to=AppliesTo.UNITS if chosen else AppliesTo.USE,
            applies_use=UnitUse.SHOP if by_use else UnitUse.RESIDENTIAL,
            auto_pay_from_prepaid=kind == FeeKind.PROPERTY,
            season_start=season[0],
            season_end=season[1],
        )
    for code, kind in [
        ("PF-MS", BuildingKind.MULTI_STOREY),
        ("PF-HR", BuildingKind.SMALL_HIGH_RISE),
    ]:
        chosen = [h.pk for h in homes if h.building_kind == kind and h.use == UnitUse.RESIDENTIAL]
        items[code].applies_units.add(*chosen)
    # heated: the homes and the shops, per m² a season
    heated = [h.pk for h in homes if h.use in (UnitUse.RESIDENTIAL, UnitUse.SHOP)]
    items["HEAT"].applies_units.add(*heated)
    TariffStep.objects.bulk_create(
        TariffStep(fee_item=items[code], upto=upto and Decimal(upto), price=Decimal(price))
        for code, steps in STEPS.items()
        for upto, price in steps
    )
    return items


def _parking_contracts(community: Community, items: dict[str, FeeItem]) -> int:
    """Each home's rented or owned space is billed from the day the homes were handed over."""
    item_for = {ParkingKind.RENTED: items["PARK-RENT"], ParkingKind.OWNED: items["PARK-MGMT"]}
    spaces = ParkingSpace.objects.filter(
        community=community, unit__isnull=False, kind__in=list(item_for)
    ).values_list("pk", "unit_id", "kind")
    rows = ParkingContract.objects.bulk_create(
        ParkingContract(
            community=community,
            space_id=pk,
            unit_id=unit_id,
            fee_item=item_for[kind],
            start_date=FEES_FROM,
        )
        for pk, unit_id, kind in spaces
    )
    return len(rows)


def _readings(
    community: Community, items: dict[str, FeeItem], homes: list[Home], periods: list[str], actor
) -> int:
    """Every home's water and electricity meter and the common meter, read each month end.

    Winter doubles the electricity; a few homes have a spring leak (a flagged jump), and one
    water meter was replaced halfway through the year.
    """
    rng = random.Random(SEED + 1)
    metered = [h for h in homes if h.use in (UnitUse.RESIDENTIAL, UnitUse.SHOP)]
    home_meters = Meter.objects.bulk_create(
        [
            Meter(
                community=community,
                unit_id=h.pk,
                number=f"{prefix}-{h.label}",
                kind=kind,
                fee_item=items[code],
            )
            for h in metered
            for prefix, kind, code in (
                ("W", MeterKind.WATER, "WATER"),
                ("E", MeterKind.ELECTRICITY, "POWER"),
            )
        ]
        + [
            Meter(
                community=community,
                number=COMMON_METER,
                kind=MeterKind.ELECTRICITY,
                fee_item=items["SHARED-EL"],
            )
        ],
        batch_size=BATCH,
    )
    occupancy_of = {h.pk: h.occupancy for h in metered}
    # the month before the first: the readings the year starts from
    months = [f"{calc.add_months(calc.parse_period(periods[0]), -1):%Y-%m}"] + periods[:-1]
    water = home_meters[:-1:2]
    leaks = {m.pk for m in rng.sample(water, min(6, len(water) // 100 + 1))}
    replaced = home_meters[0].pk
    ops, rows = connection.ops, []
    for meter in home_meters:
        lived_in = occupancy_of.get(meter.unit_id) in (Occupancy.OCCUPIED, Occupancy.RENTED)
        value, history = Decimal(rng.randint(50, 900)), []
        # each home its own level; months vary by a fifth either way, winter lighting adds half
        if meter.unit_id is None:
            level = 17000
        elif meter.kind == MeterKind.WATER:
            level = rng.randint(5, 14) if lived_in else 0
        else:
            level = rng.randint(90, 220) if lived_in else 3
        for n, period in enumerate(months):
            month = int(period[5:])
            winter = 1.5 if month in (11, 12, 1, 2) else 1
            usage = Decimal(round(level * winter * rng.uniform(0.85, 1.15)))
            if meter.pk in leaks and month == 4:
                usage *= 5  # a burst pipe in the spring thaw
            is_replaced = meter.pk == replaced and n == 6
            value = usage if is_replaced else value + usage
            rows.append(
                (
                    community.pk,
                    meter.pk,
                    period,
                    value,
                    None if n == 0 or is_replaced else value - usage,
                    usage if n else Decimal(0),
                    is_replaced,
                    bool(n) and meters.unusual_jump(usage, history[::-1]),
                    ops.adapt_datefield_value(calc.period_span(period)[1]),
                    actor.pk,
                )
            )
            if n:  # the first reading measures no month's usage
                history.append(usage)
    fields = ["community", "meter", "period", "reading", "previous", "usage", "replaced"]
    return _insert(MeterReading, [*fields, "flagged", "read_on", "recorded_by"], rows)


def _payments(community: Community, homes: list[Home], cashier, today: date) -> int:
    """Who pays when: most homes settle every one, three, six or twelve months; some stopped
    paying a few months ago; a tail has paid nothing for the whole year."""
    rng = random.Random(SEED)
    owed = defaultdict(list)
    for pk, unit_id, amount, due in (
        Charge.objects.filter(community=community)
        .order_by("unit_id", "due_date", "period", "pk")
        .values_list("pk", "unit_id", "amount", "due_date")
    ):
        owed[unit_id].append((pk, amount, due))
    methods, weights = zip(*METHODS, strict=True)
    plans = []  # (received_at, unit_id, method, [(charge, amount)])
    for home in homes:
        charges = owed.get(home.pk)
        if not charges:
            continue
        draw = rng.random()
        if draw < 0.05 or (home.occupancy == Occupancy.UNSOLD and draw < 0.5):
            continue  # long-standing arrears: nothing paid this year
        last_day = today - timedelta(days=1)
        stopped = today - timedelta(days=rng.randint(60, 150)) if draw < 0.09 else last_day
        every = rng.choice([1, 1, 1, 3])
        start = min(c[2] for c in charges)
        pay_day = start + timedelta(days=rng.randint(0, 20))
        paid = 0
        while pay_day <= stopped and paid < len(charges):
            due_now = [c for c in charges[paid:] if c[2] <= pay_day + timedelta(days=25)]
            if due_now:
                paid += len(due_now)
                received = _moment(pay_day, rng.randint(9, 17), rng.randint(0, 59))
                method = rng.choices(methods, weights)[0]
                plans.append(
                    (received, home.pk, method, [(pk, amount) for pk, amount, _d in due_now])
                )
            pay_day = calc.add_months(pay_day, every)
    plans.sort(key=lambda p: (p[0], p[1]))
    # 交款人: the home's owners hand the money over, as the desk names them by default
    owners = defaultdict(list)
    for unit_id, name in (
        Residency.objects.filter(unit__community=community, relation=Relation.OWNER)
        .order_by("resident__name")
        .values_list("unit_id", "resident__name")
    ):
        owners[unit_id].append(name)
    numbers: dict[int, int] = defaultdict(int)
    payments = []
    for received, unit_id, method, parts in plans:
        year = timezone.localtime(received).year
        numbers[year] += 1
        payments.append(
            Payment(
                community=community,
                unit_id=unit_id,
                amount=sum(a for _pk, a in parts),
                method=method,
                payer_name="、".join(owners[unit_id])[:PAYER_LENGTH],
                receipt_number=f"{community.code}-{year}-{numbers[year]:06d}",
                receipt_prints=1,
                received_at=received,
                cashier=cashier,
            )
        )
    payments = Payment.objects.bulk_create(payments, batch_size=BATCH)
    allocations, entries = [], []
    for payment, (_received, unit_id, _method, parts) in zip(payments, plans, strict=True):
        at = connection.ops.adapt_datetimefield_value(payment.received_at)
        for charge_id, amount in parts:
            allocations.append((payment.pk, charge_id, amount, at))
            entries.append(
                (community.pk, unit_id, Account.RECEIVABLE, EntryKind.ALLOCATION, -amount)
                + (charge_id, payment.pk, "", cashier.pk, at)
            )
    _insert(Allocation, ["payment", "charge", "amount", "created_at"], allocations)
    fields = ["community", "unit", "account", "kind", "amount", "charge", "payment", "reason"]
    _insert(LedgerEntry, [*fields, "actor", "at"], entries)
    ReceiptCounter.objects.bulk_create(
        ReceiptCounter(community=community, year=year, last=last) for year, last in numbers.items()
    )
    return len(payments)


def _analyze_ledger() -> None:
    """Refresh PostgreSQL's statistics of the charges and the ledger between monthly runs:
    each run reads back what the previous ones wrote, and the planner should know how much."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE billing_charge, billing_ledgerentry, billing_allocation")
