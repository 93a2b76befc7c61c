"""Bill run services: preview a period's run, start it (in a task or here and now), resume
one that failed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.estates.models import Unit

from .. import calc
from ..models import BillRun, Charge
from ..pricing import charges_for, homes_of, period_start, plans_for
from ..services.meters import usage_work_pending
from . import sql
from .generate import bill_run_generate
from .tasks import generate_bill_run


def bill_run_preview(*, community: Community, period: str, actor) -> dict:
    """Counts and totals the run would create, by building and fee item. Writes nothing."""
    policy.require_perm(actor, "billing.run", community.pk)
    plans = plans_for(community, period)
    by_building: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    by_item: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    ids = Unit.objects.filter(community=community).aggregate(first=Min("pk"), last=Max("pk"))
    largest = sql.largest_areas(community)
    charge = sql.table(Charge)

    def add(building_id: int, item_id: int, count: int, amount: Decimal) -> None:
        for bucket in (by_building[building_id], by_item[item_id]):
            bucket[0] += count
            bucket[1] += amount

    for plan in plans:
        priced = sql.priced(plan, community.pk, ids["first"] or 0, ids["last"] or 0, largest)
        if priced is not None and plan.whole:
            select, params = priced
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT p.building_id, COUNT(*), SUM(p.cents) FROM ({select}) p"
                    f" WHERE p.cents > 0 AND NOT EXISTS (SELECT 1 FROM {charge} c"
                    " WHERE c.unit_id = p.unit_id AND c.fee_item_id = %s AND c.period = %s"
                    " AND c.source_ref = '') GROUP BY p.building_id",
                    [*params, plan.item.pk, plan.period],
                )
                for building_id, count, cents in cursor.fetchall():
                    add(building_id, plan.item.pk, count, Decimal(int(cents)) / 100)
        homes = homes_of(community, sql.python_homes(plan, priced is not None))
        building_of = {h.pk: h.building_id for h in homes}
        existing = set(
            Charge.objects.filter(
                fee_item=plan.item, period=plan.period, source_ref="", unit__in=list(building_of)
            ).values_list("unit_id", flat=True)
        )
        for c in charges_for([plan], homes, period, None):
            if c.unit_id not in existing:
                add(building_of[c.unit_id], c.fee_item_id, 1, c.amount)
    count = sum(c for c, _a in by_item.values())
    total = sum((a for _c, a in by_item.values()), Decimal(0))
    meters = usage_work_pending(community, period)
    return {
        "period": period,
        "charges": count,
        **meters,
        # nothing to charge, no reading to price, no common meter to apportion
        "empty": count == 0 and not any(meters.values()),
        "total_amount": calc.cents(total),
        "by_building": {k: {"charges": c, "amount": a} for k, (c, a) in by_building.items()},
        "by_fee_item": {k: {"charges": c, "amount": a} for k, (c, a) in by_item.items()},
    }


def bill_run_start(
    *,
    community: Community,
    period: str,
    actor,
    background: bool = True,
    refuse_empty: bool = False,
) -> BillRun:
    """Create the run for `period`; generate its charges in a task, or here and now.

    A run of a period already charged adds nothing (runs are safe to repeat); with
    `refuse_empty`, as a person starting a run from its preview asks, a period whose preview
    is empty is refused instead of starting a run that would do nothing."""
    policy.require_perm(actor, "billing.run", community.pk)
    period_start(period)
    if refuse_empty and bill_run_preview(community=community, period=period, actor=actor)["empty"]:
        raise ValidationError(
            {
                "period": _("Nothing new to charge for %(period)s: no run was started.")
                % {"period": period}
            }
        )
    with transaction.atomic():
        run = BillRun.objects.create(
            community=community,
            period=period,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            units_total=Unit.objects.filter(community=community).count(),
        )
        audit.record(actor=actor, action="bill_run.start", obj=run, changes={"period": period})
    if background:
        transaction.on_commit(lambda: generate_bill_run.enqueue(run.pk))
    else:
        bill_run_generate(run=run)
    return run


def bill_run_resume(*, run: BillRun, actor) -> BillRun:
    """Run a failed or interrupted run again; what its committed batches wrote stays once."""
    policy.require_perm(actor, "billing.run", run.community_id)
    if run.status == BillRun.Status.FINISHED:
        raise ValidationError(_("This bill run has finished."))
    bill_run_generate(run=run)
    return run
