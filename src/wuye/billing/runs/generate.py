"""Writing a bill run: its homes batch by batch, then the period's meter readings.

For each fee item due in the period, one `INSERT … SELECT … ON CONFLICT DO NOTHING` prices a
batch's homes in the database and writes their charges; one more `INSERT … SELECT` puts the
charges just created (as returned by the insert) on the ledger. Each batch is one transaction:
its charges, their ledger entries and the payments taken from prepaid balances commit together
or not at all.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from wuye.core.models import Community
from wuye.estates.models import Unit

from .. import calc
from ..models import Account, Allocation, BillRun, Charge, EntryKind, LedgerEntry
from ..pricing import ItemPlan, charges_for, homes_of, plans_for
from ..services.meters import usage_charges_write
from . import sql

BATCH_SIZE = 10_000
# Refresh PostgreSQL's statistics after a run that wrote at least this many charges.
ANALYZE_AFTER = 10_000


def _batches(community: Community, size: int) -> list[tuple[int, int, int]]:
    """The community's homes in batches of consecutive ids: (first id, last id, homes)."""
    ids = list(Unit.objects.filter(community=community).order_by("pk").values_list("pk", flat=True))
    return [
        (ids[n], ids[min(n + size, len(ids)) - 1], min(size, len(ids) - n))
        for n in range(0, len(ids), size)
    ]


def bill_run_generate(*, run: BillRun, batch_size: int = BATCH_SIZE) -> BillRun:
    """Write the run's charges batch by batch, updating its progress after each batch; then
    charge the period's meter readings and publish its apportionments."""
    BillRun.objects.filter(pk=run.pk).update(
        status=BillRun.Status.RUNNING, started_at=timezone.now(), units_done=0, error=""
    )
    try:
        community = Community.objects.get(pk=run.community_id)
        plans = plans_for(community, run.period)
        largest = sql.largest_areas(community)
        for batch in _batches(community, batch_size):
            _write_batch(run, plans, batch, largest)
        with transaction.atomic():
            usage_charges_write(community=community, period=run.period, run=run)
    except Exception as exc:
        BillRun.objects.filter(pk=run.pk).update(
            status=BillRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    totals = Charge.objects.filter(bill_run=run).aggregate(n=Count("pk"), total=Sum("amount"))
    BillRun.objects.filter(pk=run.pk).update(
        status=BillRun.Status.FINISHED,
        finished_at=timezone.now(),
        charges_created=totals["n"],
        total_amount=calc.cents(totals["total"]),
    )
    if connection.vendor == "postgresql" and totals["n"] >= ANALYZE_AFTER:
        # what the run wrote is read back at once (statements, arrears, the desk): let the
        # planner know how much there now is
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {sql.table(Charge)}, {sql.table(LedgerEntry)}")
    run.refresh_from_db()
    return run


@transaction.atomic
def _write_batch(
    run: BillRun, plans: list[ItemPlan], batch: tuple[int, int, int], largest: dict
) -> None:
    """Write one batch's charges, their ledger entries and what prepaid balances pay."""
    first, last, count = batch
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    charge, entry = sql.table(Charge), sql.table(LedgerEntry)
    new: list[tuple[int, int, int]] = []  # (charge, home, fee item)
    in_python: dict[int, tuple[ItemPlan, set[int] | None]] = {}
    with connection.cursor() as cursor:
        for plan in plans:
            item = plan.item
            priced = sql.priced(plan, run.community_id, first, last, largest)
            if priced is not None and plan.whole:
                select, params = priced
                cursor.execute(
                    sql.INSERT_CHARGES.format(charge=charge, priced=select),
                    [run.community_id, item.pk, plan.period]
                    + [ops.adapt_datefield_value(day) for day in plan.span]
                    + [ops.adapt_datefield_value(plan.due_date), run.pk, now, *params],
                )
                new += cursor.fetchall()
            python = sql.python_homes(plan, priced is not None)
            if python is None or any(first <= pk <= last for pk in python):
                in_python[item.pk] = (plan, python)
        if in_python:
            new += _write_in_python(run, in_python, first, last, now, cursor)
        if new:
            ids_sql, ids = sql.ids_condition([pk for pk, _home, _item in new])
            cursor.execute(
                sql.INSERT_ENTRIES.format(entry=entry, charge=charge, ids=ids_sql),
                [Account.RECEIVABLE, EntryKind.CHARGE, now, ids],
            )
    auto = {plan.item.pk for plan in plans if plan.item.auto_pay_from_prepaid}
    _pay_from_prepaid(run.community_id, [(pk, home) for pk, home, item in new if item in auto])
    BillRun.objects.filter(pk=run.pk).update(units_done=F("units_done") + count)


def _write_in_python(run: BillRun, in_python: dict, first: int, last: int, now, cursor) -> list:
    """Charges of the batch that are priced one by one: written by one INSERT per 500."""
    ops = connection.ops
    wanted = set()
    for _plan, python in in_python.values():
        wanted = None if python is None or wanted is None else wanted | python
    homes = Unit.objects.filter(community_id=run.community_id, pk__gte=first, pk__lte=last)
    if wanted is not None:
        homes = homes.filter(pk__in=[pk for pk in wanted if first <= pk <= last])
    community = Community(pk=run.community_id)
    homes = homes_of(community, homes.values("pk"))
    rows = []
    for plan, python in in_python.values():
        chosen = [h for h in homes if python is None or h.pk in python]
        for c in charges_for([plan], chosen, run.period, run.pk):
            rows.append(
                [run.community_id, c.unit_id, c.fee_item_id, c.period]
                + [ops.adapt_datefield_value(day) for day in (c.period_start, c.period_end)]
                + [ops.adapt_decimalfield_value(c.amount, 12, 2)]
                + [ops.adapt_datefield_value(c.due_date), run.pk, "", "", now]
            )
    written = []
    for n in range(0, len(rows), 500):
        part = rows[n : n + 500]
        values = ", ".join(["(" + ", ".join(["%s"] * 12) + ")"] * len(part))
        cursor.execute(
            sql.INSERT_ROWS.format(charge=sql.table(Charge), rows=values),
            [value for row in part for value in row],
        )
        written += cursor.fetchall()
    return written


def _pay_from_prepaid(community_id: int, new: list[tuple[int, int]]) -> None:
    """Settle new charges (of items that allow it) from the prepaid balances of the homes that
    have one; the other homes cost nothing here."""
    if not new:
        return
    homes = sorted({home for _pk, home in new})
    credit = {
        unit_id: -calc.cents(owed)
        for unit_id, owed in LedgerEntry.objects.filter(
            community_id=community_id,
            account=Account.PREPAID,
            unit_id__gte=homes[0],
            unit_id__lte=homes[-1],
        )
        .values_list("unit_id")
        .annotate(owed=Sum("amount"))
        .filter(owed__lte=-calc.HALF_CENT)
    }
    payable = defaultdict(list)
    chosen = [pk for pk, home in new if credit.get(home, 0) > 0]
    for pk, unit_id, amount in (
        Charge.objects.filter(pk__in=chosen)
        .order_by("unit_id", "due_date", "pk")
        .values_list("pk", "unit_id", "amount")
    ):
        payable[unit_id].append((pk, calc.cents(amount)))
    now = timezone.now()
    entries, allocations = [], []
    for unit_id, charges in payable.items():
        for part in calc.allocate(credit[unit_id], charges)[0]:
            allocations.append(
                Allocation(charge_id=part.charge, amount=part.amount, created_at=now)
            )
            common = {"community_id": community_id, "unit_id": unit_id, "charge_id": part.charge}
            entries.append(
                LedgerEntry(
                    **common,
                    account=Account.PREPAID,
                    kind=EntryKind.PREPAID_OUT,
                    amount=part.amount,
                    at=now,
                )
            )
            entries.append(
                LedgerEntry(
                    **common,
                    account=Account.RECEIVABLE,
                    kind=EntryKind.ALLOCATION,
                    amount=-part.amount,
                    at=now,
                )
            )
    Allocation.objects.bulk_create(allocations)
    LedgerEntry.objects.bulk_create(entries)
