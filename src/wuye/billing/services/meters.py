"""Meter readings (抄表), metered charges and the apportionment of common meters (公摊).

A reading below the one before is refused unless the meter was replaced; a jump far above
the meter's recent usage is recorded but flagged for a second look. Metered charges price
each home's usage on its fee item's tiered tariff; a common meter's cost is split over the
homes by building area (or by their own consumption) so the parts add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community

from .. import calc
from ..models import (
    Account,
    Apportionment,
    Charge,
    EntryKind,
    FeeItem,
    FeeMethod,
    LedgerEntry,
    Meter,
    MeterReading,
)
from ..pricing import homes_of, plan_for_item, prices_on

# A usage more than this many times the median of the meter's recent usages is flagged as an
# unusual jump, once the meter has at least JUMP_HISTORY of them (of the last RECENT_READINGS).
JUMP_FACTOR = Decimal(3)
RECENT_READINGS = 6
JUMP_HISTORY = 3


def unusual_jump(usage: Decimal, recent: list[Decimal]) -> bool:
    """Whether a usage is far beyond the meter's recent ones (newest first, at most six)."""
    return calc.unusual_jump(
        usage, recent[:RECENT_READINGS], factor=JUMP_FACTOR, least=JUMP_HISTORY
    )


def _reading_value(value) -> Decimal:
    try:
        reading = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"reading": [_("Enter the reading as a number.")]}) from None
    if not reading.is_finite() or reading < 0:
        raise ValidationError({"reading": [_("Enter a reading of zero or more, to 0.01.")]})
    # Checked before rounding: a number too large for the cents' precision cannot round.
    if reading >= Decimal("1e10"):
        raise ValidationError({"reading": [_("This reading is too large.")]})
    if reading != reading.quantize(calc.CENT):
        raise ValidationError({"reading": [_("Enter a reading of zero or more, to 0.01.")]})
    return reading


def _period(period: str) -> str:
    try:
        calc.parse_period(period)
    except ValueError:
        raise ValidationError({"period": [_("Enter the period as YYYY-MM.")]}) from None
    return period


def _prepare(meter: Meter, period: str, value, replaced: bool) -> MeterReading:
    """The reading as it would be stored, checked against the meter's history."""
    period, reading = _period(period), _reading_value(value)
    if MeterReading.objects.filter(meter=meter, period=period).exists():
        raise ValidationError({"period": [_("This meter already has a reading for the period.")]})
    history = list(
        MeterReading.objects.filter(meter=meter, period__lt=period)
        .order_by("-period")
        .values_list("reading", "usage", "previous", "replaced")[: RECENT_READINGS + 1]
    )
    previous = history[0][0] if history else None
    if previous is not None and reading < previous and not replaced:
        raise ValidationError(
            {
                "reading": [
                    _("The reading is below the last one (%(previous)s). Was the meter replaced?")
                    % {"previous": previous}
                ]
            }
        )
    if previous is None or replaced:
        usage = reading if replaced else calc.ZERO
    else:
        usage = reading - previous
    usage = (usage * meter.multiplier).quantize(calc.CENT)
    # a meter's first reading measures no month's usage
    usages = [u for _r, u, before, new in history if before is not None or new]
    return MeterReading(
        community_id=meter.community_id,
        meter=meter,
        period=period,
        reading=reading,
        previous=None if replaced else previous,
        usage=usage,
        replaced=replaced,
        flagged=unusual_jump(usage, usages),
    )


@transaction.atomic
def reading_record(
    *, meter: Meter, period: str, reading, actor, replaced: bool = False
) -> MeterReading:
    """Record a meter's reading for a period (from the phone page or the desk)."""
    policy.require_perm(actor, "billing.read_meters", meter.community_id)
    meter = Meter.objects.select_for_update().get(pk=meter.pk)
    row = _prepare(meter, period, reading, replaced)
    row.recorded_by = actor
    row.save()
    audit.record(actor=actor, action="meter.read", obj=row, changes={"reading": str(row.reading)})
    return row


@transaction.atomic
def readings_import(
    *, community: Community, rows: Iterable[tuple[str, str, object, bool]], actor
) -> list[MeterReading]:
    """Record many readings (meter number, period, reading, replaced) all or nothing.

    Every row is checked before anything is written; any bad row raises a ValidationError
    whose messages name the row, and nothing is recorded.
    """
    policy.require_perm(actor, "billing.read_meters", community.pk)
    rows = list(rows)
    meters = {
        m.number: m
        for m in Meter.objects.select_for_update().filter(
            community=community, number__in=[str(r[0]).strip() for r in rows]
        )
    }
    prepared, errors, seen = [], {}, set()
    for line, (number, period, reading, replaced) in enumerate(rows, start=2):
        key = f"row {line}"
        meter = meters.get(str(number).strip())
        if meter is None:
            errors[key] = [_("No meter %(number)s in this community.") % {"number": number}]
            continue
        if (meter.pk, period) in seen:
            errors[key] = [_("The same meter and period appear twice in the file.")]
            continue
        seen.add((meter.pk, period))
        try:
            prepared.append(_prepare(meter, str(period).strip(), reading, bool(replaced)))
        except ValidationError as exc:
            errors[key] = [m for messages in exc.message_dict.values() for m in messages]
    if errors:
        raise ValidationError(errors)
    for row in prepared:
        row.recorded_by = actor
    MeterReading.objects.bulk_create(prepared)
    audit.record(
        actor=actor, action="meter.import", obj=community, changes={"readings": len(prepared)}
    )
    return prepared


def _insert_charges(charges: list[Charge]) -> int:
    """Write charges once (the unique key skips those already there) with their ledger entries."""
    if not charges:
        return 0
    Charge.objects.bulk_create(charges, ignore_conflicts=True)
    first = charges[0]
    has_entry = LedgerEntry.objects.filter(charge=OuterRef("pk"), kind=EntryKind.CHARGE)
    new = (
        Charge.objects.filter(
            fee_item_id__in={c.fee_item_id for c in charges},
            period=first.period,
            unit_id__in=[c.unit_id for c in charges],
            source_ref="",
        )
        .filter(~Exists(has_entry))
        .values_list("pk", "unit_id", "amount")
    )
    entries = [
        LedgerEntry(
            community_id=first.community_id,
            unit_id=unit_id,
            account=Account.RECEIVABLE,
            kind=EntryKind.CHARGE,
            amount=amount,
            charge_id=pk,
        )
        for pk, unit_id, amount in new
    ]
    LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def _charge(item: FeeItem, unit_id: int, period: str, amount: Decimal, run=None) -> Charge:
    """A usage charge for the month `period`, due the item's days after the month ends."""
    start, end = calc.period_span(period)
    return Charge(
        community_id=item.community_id,
        unit_id=unit_id,
        fee_item_id=item.pk,
        period=period,
        period_start=start,
        period_end=end,
        amount=amount,
        due_date=end + timedelta(days=item.due_days),
        bill_run=run,
    )


def _metered_charges(community: Community, period: str, run=None) -> int:
    readings = (
        MeterReading.objects.filter(
            community=community,
            period=period,
            meter__unit__isnull=False,
            meter__fee_item__method=FeeMethod.METERED,
        )
        .select_related("meter__fee_item")
        .prefetch_related("meter__fee_item__steps")
    )
    readings = list(readings)
    prices = prices_on({r.meter.fee_item for r in readings}, calc.parse_period(period))
    charges = []
    for reading in readings:
        item = reading.meter.fee_item
        steps = [calc.Tier(s.upto, s.price) for s in item.steps.all()]
        raw = calc.tiered(reading.usage, steps) if steps else reading.usage * prices[item.pk]
        amount = calc.to_cents(raw, item.rounding)
        if amount > 0:
            charges.append(_charge(item, reading.meter.unit_id, period, amount, run))
    return _insert_charges(charges)


@transaction.atomic
def metered_charges_generate(*, community: Community, period: str, actor) -> int:
    """Charge each home's metered usage of the period (usage × price, or the tiered tariff).

    Running it again adds nothing. Returns how many charges were created. Bill runs do this
    for their period by themselves.
    """
    policy.require_perm(actor, "billing.run", community.pk)
    period = _period(period)
    created = _metered_charges(community, period)
    audit.record(
        actor=actor, action="meter.charges", obj=community, changes={"period": period, "n": created}
    )
    return created


@transaction.atomic
def apportionment_publish(
    *, meter: Meter, period: str, actor, basis: str = Apportionment.Basis.AREA
) -> Apportionment:
    """Split a common meter's cost of the period over the homes its fee item applies to.

    The total (usage × unit price) is split by building area, or by the homes' own metered
    consumption of the same kind, with the largest-remainder method: the homes' charges add
    up exactly to the total. Published once per meter and period (bill runs publish their
    period's by building area by themselves).
    """
    policy.require_perm(actor, "billing.run", meter.community_id)
    published = _publish(meter, _period(period), basis, actor)
    audit.record(actor=actor, action="apportionment.publish", obj=published)
    return published


def _publish(meter: Meter, period: str, basis: str, actor, run=None) -> Apportionment:
    meter = Meter.objects.select_for_update().select_related("fee_item").get(pk=meter.pk)
    item = meter.fee_item
    if meter.unit_id is not None or item.method != FeeMethod.APPORTIONED:
        raise ValidationError({"meter": [_("Choose a common meter with an apportioned fee.")]})
    if Apportionment.objects.filter(meter=meter, period=period).exists():
        raise ValidationError({"period": [_("This meter's period has been published already.")]})
    reading = MeterReading.objects.filter(meter=meter, period=period).first()
    if reading is None:
        raise ValidationError({"period": [_("Record the meter's reading for the period first.")]})
    community = Community.objects.get(pk=meter.community_id)
    plan = plan_for_item(item, period)
    homes = [h for h in homes_of(community) if plan.applies(h)]
    if basis == Apportionment.Basis.CONSUMPTION:
        used = dict(
            MeterReading.objects.filter(
                community=community,
                period=period,
                meter__kind=meter.kind,
                meter__unit__isnull=False,
            )
            .values_list("meter__unit_id")
            .annotate(total=Sum("usage"))
        )
        weights = [calc.cents(used.get(h.pk)) for h in homes]
    elif basis == Apportionment.Basis.AREA:
        weights = [h.building_area for h in homes]
    else:
        raise ValidationError({"basis": [_("Split by area or by consumption.")]})
    if not homes or sum(weights) <= 0:
        raise ValidationError({"basis": [_("There is nothing to split the cost by.")]})
    total = calc.to_cents(reading.usage * plan.price, item.rounding)
    parts = calc.apportion(total, weights) if total > 0 else [calc.ZERO] * len(homes)
    _insert_charges(
        [
            _charge(item, home.pk, period, part, run)
            for home, part in zip(homes, parts, strict=True)
            if part > 0
        ]
    )
    return Apportionment.objects.create(
        community=community,
        meter=meter,
        period=period,
        basis=basis,
        usage=reading.usage,
        unit_price=plan.price,
        total_amount=total,
        homes=sum(1 for part in parts if part > 0),
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def usage_charges_write(*, community: Community, period: str, run) -> int:
    """A bill run's usage charges: the period's meter readings priced, and each common meter
    read in the period and not yet published apportioned by building area. Returns how many
    charges were created."""
    created = _metered_charges(community, period, run)
    due = Meter.objects.filter(
        community=community,
        unit__isnull=True,
        active=True,
        fee_item__method=FeeMethod.APPORTIONED,
        readings__period=period,
    ).exclude(apportionments__period=period)
    for meter in due.order_by("number"):
        published = _publish(meter, period, Apportionment.Basis.AREA, run.created_by, run)
        created += published.homes
    return created


def usage_work_pending(community: Community, period: str) -> dict[str, int]:
    """What a bill run of `period` would still do with meters: the readings with usage not yet
    charged, and the common meters read in the period and not yet apportioned."""
    charged = Charge.objects.filter(
        unit_id=OuterRef("meter__unit_id"),
        fee_item_id=OuterRef("meter__fee_item_id"),
        period=period,
        source_ref="",
    )
    readings = (
        MeterReading.objects.filter(
            community=community,
            period=period,
            usage__gt=0,
            meter__unit__isnull=False,
            meter__fee_item__method=FeeMethod.METERED,
        )
        .exclude(Exists(charged))
        .count()
    )
    apportionments = (
        Meter.objects.filter(
            community=community,
            unit__isnull=True,
            active=True,
            fee_item__method=FeeMethod.APPORTIONED,
            readings__period=period,
        )
        .exclude(apportionments__period=period)
        .count()
    )
    return {"readings": readings, "apportionments": apportionments}


def apportionment_breakdown(apportionment: Apportionment):
    """Each home's part of a published apportionment (for the notice board and the portal)."""
    return (
        Charge.objects.filter(
            fee_item_id=apportionment.meter.fee_item_id,
            period=apportionment.period,
            source_ref="",
        )
        .filter(~Q(amount=0))
        .select_related("unit__building")
        .order_by("unit_id")
    )
