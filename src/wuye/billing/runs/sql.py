"""Pricing in SQL: a batch of homes priced for a fee item by one SELECT, in whole numbers.

Areas are counted in hundredths of a m², prices and rates in ten-thousandths, so that every
database rounds exactly as `calc.to_cents` does, by the item's rounding rule. An item whose
largest product would come near a 64-bit integer's limit, and the homes one expression cannot
price (a parking contract for part of the cycle, a move-in during a season), are priced in
Python by `pricing.ItemPlan.amount` instead.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import connection
from django.db.models import Max

from wuye.core.models import Community
from wuye.estates.models import Occupancy, Residency, Unit

from .. import calc
from ..models import AppliesTo, FeeItem, FeeMethod, ParkingContract, Rounding
from ..pricing import ItemPlan

# Whole-number pricing stays below this bound, far from a 64-bit integer's limit; an item
# whose largest product would not is priced in Python instead.
INTEGER_BOUND = 2**62


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rounded(number: str, divisor: int, rule: str) -> str:
    """SQL for the positive whole number `number` ÷ `divisor`, rounded to a whole by `rule`."""
    n = f"({number})"
    if rule == Rounding.DOWN:
        return f"{n} / {divisor}"
    if rule == Rounding.UP:
        return f"({n} + {divisor - 1}) / {divisor}"
    if rule == Rounding.HALF_EVEN:
        rest = f"({n} %% {divisor})"
        return (
            f"({n} / {divisor} + CASE WHEN 2 * {rest} > {divisor} OR (2 * {rest} = {divisor}"
            f" AND ({n} / {divisor}) %% 2 = 1) THEN 1 ELSE 0 END)"
        )
    return f"({n} + {divisor // 2}) / {divisor}"


def _whole(value: Decimal, places: int) -> int:
    scaled = Decimal(value).scaleb(places)
    if scaled != scaled.to_integral_value():
        raise ValueError(value)
    return int(scaled)


def priced(
    plan: ItemPlan, community_id: int, first: int, last: int, largest: dict[str, Decimal]
) -> tuple[str, list] | None:
    """A SELECT of (unit_id, building_id, cents) for the homes of ids `first`..`last` that the
    plan prices for its whole cycle; None when the item must be priced in Python."""
    item, d = plan.item, connection.ops.adapt_datefield_value
    start, end = plan.span
    joins, where, params = "", [], []
    covered, days = 1, 1
    if item.method == FeeMethod.PER_SPACE:
        contract = table(ParkingContract)
        quantity = "100 * pc.n"
        biggest = 100 * max((len(spans) for spans in plan.spaces.values()), default=0)
        joins = (
            f" JOIN (SELECT unit_id, COUNT(*) AS n FROM {contract} WHERE fee_item_id = %s"
            " AND start_date <= %s AND (end_date IS NULL OR end_date >= %s)"
            " GROUP BY unit_id) pc ON pc.unit_id = u.id"
        )
        params += [item.pk, d(start), d(end)]
        where.append(  # homes with a contract for part of the cycle are priced in Python
            f"NOT EXISTS (SELECT 1 FROM {contract} pp WHERE pp.fee_item_id = %s"
            " AND pp.unit_id = u.id AND pp.start_date <= %s"
            " AND (pp.end_date IS NULL OR pp.end_date >= %s)"
            " AND (pp.start_date > %s OR pp.end_date < %s))"
        )
        params += [item.pk, d(end), d(start), d(start), d(end)]
    else:
        if item.method == FeeMethod.FIXED:
            quantity, biggest = "CAST(100 AS BIGINT)", 100
        else:
            column = "building_area" if item.method == FeeMethod.BUILDING_AREA else "inner_area"
            quantity = f"CAST(ROUND(u.{column} * 100) AS BIGINT)"
            biggest = _whole(largest.get(column) or 0, 2)
            if column == "inner_area":
                where.append("u.inner_area IS NOT NULL")
        if item.applies_to == AppliesTo.USE:
            where.append("u.use = %s")
            params.append(item.applies_use)
        elif item.applies_to == AppliesTo.BUILDING:
            where.append("u.building_id = %s")
            params.append(item.applies_building_id)
        else:
            through = FeeItem.applies_units.through
            where.append(f"u.id IN (SELECT unit_id FROM {table(through)} WHERE feeitem_id = %s)")
            params.append(item.pk)
        if item.seasonal and item.season_prorate:  # those moving in later pay the days left
            residency = table(Residency)
            where.append(
                f"EXISTS (SELECT 1 FROM {residency} r WHERE r.unit_id = u.id"
                " AND r.start_date <= %s)"
            )
            params.append(d(start))
        covered_start, covered_end = plan.covered()
        covered = calc.days(max(start, covered_start), min(end, covered_end))
        days = calc.days(start, end)
        if covered == days:
            covered = days = 1
    price = _whole(plan.price, 4)
    factors, divisor = [quantity, str(price), str(plan.months)], 10_000 * days
    if plan.vacant_factor is not None:
        rate = _whole(plan.vacant_factor, 4)
        factors.append(f"CASE WHEN u.occupancy = '{Occupancy.VACANT}' THEN {rate} ELSE 10000 END")
        divisor *= 10_000
    if covered != 1:
        factors.append(str(covered))
    top = biggest * price * plan.months * covered * (10_000 if plan.vacant_factor else 1)
    if top + divisor >= INTEGER_BOUND:
        return None
    cents = _rounded(" * ".join(factors), divisor, item.rounding)
    unit = table(Unit)
    sql = (
        f"SELECT u.id AS unit_id, u.building_id AS building_id, {cents} AS cents"
        f" FROM {unit} u{joins} WHERE u.community_id = %s AND u.id BETWEEN %s AND %s"
        + "".join(f" AND {w}" for w in where)
    )
    if item.method == FeeMethod.PER_SPACE:
        return sql, params[:3] + [community_id, first, last] + params[3:]
    return sql, [community_id, first, last, *params]


def python_homes(plan: ItemPlan, in_sql: bool) -> set[int] | None:
    """The homes the plan prices in Python (None: every home it applies to)."""
    if not in_sql:
        return None if plan.whole else set(plan.movers)
    if plan.item.method == FeeMethod.PER_SPACE:
        return plan.partial_spaces
    return set(plan.movers)


def largest_areas(community: Community) -> dict[str, Decimal]:
    return Unit.objects.filter(community=community).aggregate(
        building_area=Max("building_area"), inner_area=Max("inner_area")
    )


def ids_condition(ids: list[int]) -> tuple[str, object]:
    """`IN (…)` for a list of ids, as one parameter."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", ids
    return "IN (SELECT value FROM json_each(%s))", json.dumps(ids)


INSERT_CHARGES = (
    "INSERT INTO {charge} (community_id, unit_id, fee_item_id, period, period_start,"
    " period_end, amount, due_date, bill_run_id, source_ref, description, created_at)"
    " SELECT %s, p.unit_id, %s, %s, %s, %s, p.cents / 100.0, %s, %s, '', '', %s"
    " FROM ({priced}) p WHERE p.cents > 0 ON CONFLICT DO NOTHING RETURNING id, unit_id, fee_item_id"
)
INSERT_ROWS = (
    "INSERT INTO {charge} (community_id, unit_id, fee_item_id, period, period_start,"
    " period_end, amount, due_date, bill_run_id, source_ref, description, created_at)"
    " VALUES {rows} ON CONFLICT DO NOTHING RETURNING id, unit_id, fee_item_id"
)
INSERT_ENTRIES = (
    "INSERT INTO {entry} (community_id, unit_id, account, kind, amount, charge_id, reason, at)"
    " SELECT c.community_id, c.unit_id, %s, %s, c.amount, c.id, '', %s FROM {charge} c"
    " WHERE c.id {ids}"
)
