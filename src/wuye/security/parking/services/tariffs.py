"""Setting temporary-parking tariffs. A tariff is never edited in place: a change is a new
version from a given moment, and the version it replaces ends at that moment, so a stay
already priced keeps the version that priced it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import configure, policy
from wuye.core.models import Community
from wuye.estates.plates import PlateColour

from ..models import ParkingTariff, VehicleType
from ..tariffs import rule_clean

TARIFF_FIELDS = ["name", "vehicle_types", "plate_colours", "rule", "effective_from"]


def _checked(
    name: str, rule: dict, vehicle_types: Iterable[str], plate_colours: Iterable[str]
) -> tuple[str, dict, list[str], list[str]]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the tariff a name.")]
    elif len(name) > ParkingTariff._meta.get_field("name").max_length:
        errors["name"] = [_("A tariff's name has at most 100 characters.")]
    types = sorted(set(vehicle_types or ()))
    if unknown := [value for value in types if value not in VehicleType.values]:
        errors["vehicle_types"] = [
            _("Unknown vehicle type: %(values)s.") % {"values": ", ".join(map(str, unknown))}
        ]
    colours = sorted(set(plate_colours or ()))
    if unknown := [value for value in colours if value not in PlateColour.values]:
        errors["plate_colours"] = [
            _("Unknown plate colour: %(values)s.") % {"values": ", ".join(map(str, unknown))}
        ]
    try:
        parsed = rule_clean(rule).to_json()
    except ValidationError as exc:
        errors.update(exc.message_dict)
        parsed = {}
    if errors:
        raise ValidationError(errors)
    return name, parsed, types, colours


@transaction.atomic
def tariff_create(
    *,
    actor,
    community: Community,
    name: str,
    rule: dict[str, Any],
    vehicle_types: Iterable[str] = (),
    plate_colours: Iterable[str] = (),
    effective_from: datetime | None = None,
) -> ParkingTariff:
    """A new tariff for the cars of `vehicle_types` and `plate_colours` (none: every car),
    in effect from `effective_from` (now when not given)."""
    policy.require_perm(actor, "parking.configure", community.pk)
    name, rule, types, colours = _checked(name, rule, vehicle_types, plate_colours)
    tariff = ParkingTariff.objects.create(
        community=community,
        name=name,
        rule=rule,
        vehicle_types=types,
        plate_colours=colours,
        effective_from=effective_from or timezone.now(),
        created_by=actor,
    )
    configure.record_change(
        actor=actor,
        action="parking_tariff.create",
        obj=tariff,
        before=dict.fromkeys(TARIFF_FIELDS, ""),
        names=TARIFF_FIELDS,
    )
    return tariff


@transaction.atomic
def tariff_change(
    *,
    actor,
    tariff: ParkingTariff,
    rule: dict[str, Any],
    effective_from: datetime | None = None,
    name: str | None = None,
    vehicle_types: Iterable[str] | None = None,
    plate_colours: Iterable[str] | None = None,
) -> ParkingTariff:
    """A new version of `tariff` from `effective_from` (now when not given); the version in
    effect then ends at that moment. Returns the new version."""
    policy.require_perm(actor, "parking.configure", tariff.community_id)
    current = ParkingTariff.objects.select_for_update().get(pk=tariff.pk)
    starts = effective_from or timezone.now()
    if current.effective_until is not None:
        raise ValidationError(
            {"effective_from": [_("This version has been replaced: change the newest one.")]}
        )
    if starts <= current.effective_from:
        raise ValidationError(
            {
                "effective_from": [
                    _("A new version starts after the one it replaces (from %(moment)s).")
                    % {"moment": f"{timezone.localtime(current.effective_from):%Y-%m-%d %H:%M}"}
                ]
            }
        )
    name, rule, types, colours = _checked(
        current.name if name is None else name,
        rule,
        current.vehicle_types if vehicle_types is None else vehicle_types,
        current.plate_colours if plate_colours is None else plate_colours,
    )
    current.effective_until = starts
    current.save(update_fields=["effective_until"])
    version = ParkingTariff.objects.create(
        community_id=current.community_id,
        name=name,
        rule=rule,
        vehicle_types=types,
        plate_colours=colours,
        effective_from=starts,
        replaces=current,
        created_by=actor,
    )
    configure.record_change(
        actor=actor,
        action="parking_tariff.change",
        obj=version,
        before=configure.snapshot(current, TARIFF_FIELDS),
        names=TARIFF_FIELDS,
    )
    return version
