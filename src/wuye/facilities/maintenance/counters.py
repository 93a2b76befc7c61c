"""Counters of equipment (run hours, starts, kWh): readings by hand or from a maintenance
answer, never lower than the last unless the meter was replaced. Each reading keeps the
counter's running total across meter replacements, which usage plans count in."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy

from ..equipment.models import Equipment
from .models import CounterReading, ReadingSource

COUNTER_MAX_LENGTH = 40
UNIT_MAX_LENGTH = 20
VALUE_LIMIT = Decimal("1e12")
FUTURE_SLACK = timedelta(minutes=10)


def clean_counter(name) -> str:
    return " ".join(str(name or "").replace("\x00", "").split())


def latest(equipment_id: int, counter: str) -> CounterReading | None:
    return (
        CounterReading.objects.filter(equipment_id=equipment_id, counter=counter)
        .order_by("-read_at", "-pk")
        .first()
    )


def _number(raw) -> Decimal:
    try:
        value = Decimal(str(raw).replace("\x00", "").strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value < VALUE_LIMIT:
        raise ValidationError({"value": [_("Enter the counter's reading: a number from 0.")]})
    return value.quantize(Decimal("0.001"))


@transaction.atomic
def counter_reading_record(
    *,
    actor,
    equipment: Equipment,
    counter: str,
    value,
    read_at: datetime | None = None,
    unit: str = "",
    meter_replaced: bool = False,
    source: str = ReadingSource.MANUAL,
    answer=None,
    check_perm: bool = True,
) -> CounterReading:
    """Record a reading of `equipment`'s counter. A reading lower than the last one is refused
    unless the meter was replaced (the new meter then continues the running total); so is a
    reading dated before the last one or in the future. A refusal changes nothing."""
    if check_perm:
        policy.require_perm(actor, "maintenance.do", equipment.community_id)
    now = timezone.now()
    read_at = read_at or now
    name = clean_counter(counter)
    errors = {}
    if not name:
        errors["counter"] = [_("Name the counter, such as run hours.")]
    elif len(name) > COUNTER_MAX_LENGTH:
        errors["counter"] = [_("Keep it within %(n)s characters.") % {"n": COUNTER_MAX_LENGTH}]
    unit = clean_counter(unit)
    if len(unit) > UNIT_MAX_LENGTH:
        errors["unit"] = [_("Keep it within %(n)s characters.") % {"n": UNIT_MAX_LENGTH}]
    if read_at > now + FUTURE_SLACK:
        errors["read_at"] = [_("A reading cannot be taken in the future.")]
    if errors:
        raise ValidationError(errors)
    value = _number(value)
    # one reading of an equipment item at a time, so two cannot both pass as the latest
    Equipment.objects.select_for_update().filter(pk=equipment.pk).exists()
    last = latest(equipment.pk, name)
    total = value
    if last is not None:
        if read_at < last.read_at:
            raise ValidationError(
                {
                    "read_at": [
                        _("The last reading was taken at %(when)s: a reading cannot be older.")
                        % {"when": timezone.localtime(last.read_at).strftime("%Y-%m-%d %H:%M")}
                    ]
                }
            )
        if meter_replaced:
            total = last.total
        elif value < last.value:
            raise ValidationError(
                {
                    "value": [
                        _(
                            "The reading %(value)s is lower than the last one, %(last)s. A "
                            "counter only goes up: if the meter was replaced, say so."
                        )
                        % {"value": f"{value.normalize():f}", "last": f"{last.value.normalize():f}"}
                    ]
                }
            )
        else:
            total = last.total + (value - last.value)
        unit = unit or last.unit
    reading = CounterReading.objects.create(
        equipment=equipment,
        counter=name,
        unit=unit,
        value=value,
        total=total,
        read_at=read_at,
        source=source,
        meter_replaced=meter_replaced and last is not None,
        answer=answer,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="maintenance.reading",
        obj=equipment,
        changes={"counter": name, "value": str(value), "meter_replaced": reading.meter_replaced},
    )
    return reading
