"""Benchmark of billing (`wuye bench billing`): a monthly bill run and payments at the desk.

A community of int(100,000 × scale) homes is billed its property fee (building area × ¥0.80)
for one month through the bill run, beside a floor measured in the same run: a hand-written
`INSERT … SELECT` writing the same charges and ledger entries for another month. Then the
cashier's service takes payments one after another, each in its own transaction. The target
is 100,000 homes billed in under 10 s on PostgreSQL, within 2× of the floor.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from wuye.core.bench import Table, timed
from wuye.core.models import Community, Company, Membership, Role
from wuye.core.services import community_create
from wuye.estates.models import Building, Occupancy, Unit

from . import calc, services
from .models import BillRun, Charge, EntryKind, FeeItem, FeeKind, FeeMethod, LedgerEntry
from .runs.services import bill_run_start

HOMES_PER_BUILDING = 100
PRICE = Decimal("0.80")
RUN_PERIOD, FLOOR_PERIOD = "2026-01", "2026-02"


def _community(homes: int) -> tuple[Community, FeeItem, object]:
    """A community of `homes` homes with a monthly property fee, and its manager."""
    company = Company.objects.create(name="Bench Property Services")
    community = community_create(actor=None, company=company, code="BENCH", name="Bench Gardens")
    manager = get_user_model().objects.create(username="bench-manager")
    Membership.objects.create(
        user=manager, company=company, community=community, role=Role.PROPERTY_MANAGER
    )
    buildings = Building.objects.bulk_create(
        Building(community=community, number=str(n + 1), floors=18)
        for n in range(-(-homes // HOMES_PER_BUILDING))
    )
    occupancies = [Occupancy.OCCUPIED] * 8 + [Occupancy.RENTED, Occupancy.VACANT]
    Unit.objects.bulk_create(
        (
            Unit(
                community=community,
                building=buildings[i // HOMES_PER_BUILDING],
                floor=i % HOMES_PER_BUILDING // 4 + 1,
                number=str(i % HOMES_PER_BUILDING + 101),
                building_area=Decimal(8500 + i * 37 % 6000) / 100,
                use="residential",
                occupancy=occupancies[i % len(occupancies)],
            )
            for i in range(homes)
        ),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the planner should know how many homes there are
            cursor.execute("ANALYZE estates_unit, estates_building")
    item = FeeItem.objects.create(
        community=community,
        name="Property fee",
        code="PF",
        kind=FeeKind.PROPERTY,
        method=FeeMethod.BUILDING_AREA,
        unit_price=PRICE,
        start_date=calc.parse_period(RUN_PERIOD),
    )
    return community, item, manager


def _floor(community: Community, item: FeeItem, period: str) -> int:
    """The same rows as the bill run (its run, the charges and their ledger entries), written
    by plain statements in one transaction."""
    ops = connection.ops
    start, end = calc.period_span(period)
    due = start + timedelta(days=item.due_days)  # paid in advance: days after the start
    now = ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        run = BillRun.objects.create(community=community, period=period)
        cursor.execute(
            "INSERT INTO billing_charge (community_id, unit_id, fee_item_id, period,"
            " period_start, period_end, amount, due_date, bill_run_id, source_ref, description,"
            " created_at) SELECT u.community_id, u.id, %s, %s, %s, %s,"
            " ROUND(u.building_area * %s, 2), %s, %s, '', '', %s FROM estates_unit u"
            " WHERE u.community_id = %s AND u.use = %s",
            [
                item.pk,
                period,
                ops.adapt_datefield_value(start),
                ops.adapt_datefield_value(end),
                ops.adapt_decimalfield_value(PRICE, 12, 4),
                ops.adapt_datefield_value(due),
                run.pk,
                now,
                community.pk,
                item.applies_use,
            ],
        )
        cursor.execute(
            "INSERT INTO billing_ledgerentry (community_id, unit_id, account, kind, amount,"
            " charge_id, reason, at) SELECT c.community_id, c.unit_id, 'receivable', 'charge',"
            " c.amount, c.id, '', %s FROM billing_charge c"
            " WHERE c.bill_run_id = %s",
            [now, run.pk],
        )
        written = cursor.rowcount
        BillRun.objects.filter(pk=run.pk).update(status=BillRun.Status.FINISHED)
        return written


def _same_rows(community: Community) -> None:
    """The floor and the bill run wrote the same number of charges for the same total."""
    per_period = dict(
        (row["period"], (row["n"], row["total"]))
        for row in Charge.objects.filter(community=community)
        .values("period")
        .annotate(n=Count("pk"), total=Sum("amount"))
    )
    run, floor = per_period[RUN_PERIOD], per_period[FLOOR_PERIOD]
    if run[0] != floor[0] or calc.cents(run[1]) != calc.cents(floor[1]):
        raise AssertionError(f"The bill run wrote {run}, the floor {floor}.")
    entries = LedgerEntry.objects.filter(community=community, kind=EntryKind.CHARGE).count()
    if entries != 2 * run[0]:
        raise AssertionError(f"{entries} ledger entries for {2 * run[0]} charges.")


def _pay(homes: list[tuple[int, Decimal]], cashier) -> None:
    units = Unit.objects.in_bulk([pk for pk, _amount in homes])
    for n, (pk, amount) in enumerate(homes):
        services.payment_record(
            unit=units[pk],
            amount=amount,
            method="cash",
            actor=cashier,
            idempotency_key=f"bench-{n}",
        )


def run(*, out, scale: float = 1.0) -> None:
    homes = max(1, round(100_000 * scale))
    setup_s, (community, item, manager) = timed(lambda: _community(homes))

    def bill():
        return bill_run_start(
            community=community, period=RUN_PERIOD, actor=manager, background=False
        )

    floor_s, floor_rows = timed(lambda: _floor(community, item, FLOOR_PERIOD))
    run_s, bill_run = timed(bill)
    again_s, again = timed(bill)
    if bill_run.charges_created != homes or again.charges_created != 0:
        raise AssertionError(f"{bill_run.charges_created} charges, then {again.charges_created}.")
    _same_rows(community)

    table = Table(
        out, f"Monthly bill run, {homes:,} homes (community built in {setup_s:.1f} s)", "seconds"
    )
    table.add("floor: INSERT … SELECT charges + ledger", floor_s)
    table.add(
        f"bill run ({bill_run.charges_created:,} charges)",
        run_s,
        floor="floor: INSERT … SELECT charges + ledger",
    )
    table.add(
        "the same bill run again (adds nothing)",
        again_s,
        floor="floor: INSERT … SELECT charges + ledger",
    )
    table.print()
    out.write(
        f"homes billed per second: {homes / run_s:,.0f} (floor {floor_rows / floor_s:,.0f})\n"
    )

    count = max(20, round(2_000 * scale))
    owed = list(
        Charge.objects.filter(community=community, period=RUN_PERIOD)
        .order_by("unit_id")
        .values_list("unit_id", "amount")[:count]
    )
    cashier = get_user_model().objects.create(username="bench-cashier")
    Membership.objects.create(
        user=cashier, company=community.company, community=community, role=Role.CASHIER
    )
    pay_s, _ = timed(lambda: _pay(owed, cashier))
    payments = Table(
        out, f"Payments at the desk ({len(owed):,}, one transaction each)", "per second"
    )
    payments.add("payments posted through payment_record", len(owed) / pay_s)
    payments.print()
