"""Importing the register from an Excel workbook: the whole file, or nothing.

Rows are matched to what is stored by their natural keys; a row equal to the register is
left alone, so re-importing a file changes nothing. A changed row goes through the
register's own service (policy, validation, audit), as a form would. A new row is cleaned by
the services' normalisation and validated by the model's field rules, while this import's
natural-key indexes stand in for the uniqueness queries, so that a community's first load
of thousands of rows takes seconds; the import as a whole is audited with its counts.
Everything runs in one transaction; any bad row rolls the file back and is reported by
sheet, row and column.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from wuye.core import audit, crypto, policy
from wuye.core.models import Community
from wuye.core.spreadsheets import ImportRefused

from .. import services
from ..models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle
from .cells import OMIT, is_masked
from .matching import Register, clean, normalise_fields
from .reading import Sheet, read_workbook

__all__ = ["ImportRefused", "ImportReport", "register_import"]

# Changing the register takes these besides register.import (the services ask the same).
# Rows find their people by full ID-card number, so importing is for those who may read them.
PERMISSIONS = (
    "register.import",
    "register.change",
    "resident.change",
    "resident.move",
    "resident.view_id_number",
)


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    header: str
    message: str


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class ImportReport:
    filename: str
    sheets: list[Sheet]
    counts: dict[str, Counts]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({(e.sheet, e.row) for e in self.errors})


def register_import(
    *, actor, community: Community, upload, kind: str | None = None
) -> ImportReport:
    """Import an uploaded workbook into `community`'s register, all of it or none of it.

    `kind` names the kind of rows when the file holds one sheet of a template; without it,
    every sheet named for a kind (楼栋, 房屋, 住户, 车辆, 车位) is imported, in that order.
    Raises ImportRefused when the file itself cannot be used.
    """
    for perm in PERMISSIONS:
        policy.require_perm(actor, perm, community.pk)
    filename = getattr(upload, "name", "") or ""
    sheets = read_workbook(upload, kind)
    job = _Import(actor=actor, community=community)
    with transaction.atomic():
        try:
            for sheet in sheets:
                job.import_sheet(sheet)
        except _Aborted:
            pass
        if job.errors:
            transaction.set_rollback(True)
        else:
            job.refresh_occupancy()
            audit.record_many(
                actor=actor,
                action="register.import.create",
                objs=job.created,
                changes={"file": filename},
            )
            if any(c.changed for c in job.counts.values()):
                audit.record(
                    actor=actor,
                    action="register.import",
                    obj=community,
                    changes={
                        "file": filename,
                        **{slug: vars(counts) for slug, counts in job.counts.items()},
                    },
                )
    return ImportReport(filename=filename, sheets=sheets, counts=job.counts, errors=job.errors)


class _Aborted(Exception):
    """The database refused a write; the transaction cannot go on to the next row."""


# ---- importing the rows ----------------------------------------------------------------


def _differs(obj: Model, data: dict[str, Any]) -> bool:
    """Whether the row would change the stored object (compared as the services clean it)."""
    for name, value in data.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            if getattr(obj, model_field.attname) != (value.pk if value is not None else None):
                return True
        elif clean(name, getattr(obj, name)) != value:
            return True
    return False


class _Import:
    """One import going through its rows: what each did, and what went wrong where."""

    def __init__(self, *, actor, community: Community):
        self.actor = actor
        self.community = community
        self.errors: list[RowError] = []
        self.counts: dict[str, Counts] = {}
        self.claimed: dict[tuple, int] = {}  # natural key → the row that holds it
        self.register = Register(community)
        self.resident_rows: dict[int, tuple[int, dict]] = {}  # resident → first row, details
        self.row = 0  # the sheet row being imported
        self.occupancy_written: set[int] = set()  # homes whose row states their occupancy
        self.moved_into: set[int] = set()
        self.created: list[Model] = []  # audited together once the file is accepted
        self.placed: dict[int, set[int]] = {}  # home → residents the file's rows put there

    def import_sheet(self, sheet: Sheet) -> None:
        counts = self.counts.setdefault(sheet.kind.slug, Counts())
        handler = getattr(self, f"_{sheet.kind.slug}")
        for number, cells in sheet.rows:
            data, errors = {}, {}
            for index, column in sheet.columns.items():
                try:
                    value = column.read(cells[index] if index < len(cells) else None)
                except ValidationError as exc:
                    errors[column.header] = exc.messages
                    continue
                if value is not OMIT:
                    data[column.field] = value
            if errors:
                self._report(sheet, number, errors)
                continue
            self.row = number
            try:
                outcome = handler(data)
            except ValidationError as exc:
                fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                self._report(sheet, number, {sheet.kind.header_of(f): m for f, m in fields.items()})
            except (IntegrityError, _Aborted) as exc:
                clash = _("This row clashes with another record of the register.")
                self._report(sheet, number, {sheet.kind.key_header: [clash]})
                if isinstance(exc, _Aborted):
                    raise
            else:
                setattr(counts, outcome.value, getattr(counts, outcome.value) + 1)

    def refresh_occupancy(self) -> None:
        """Homes moved into take the occupancy their residents give them, as on a move-in.

        Not where the file states it: a clerk who wrote 空置 for a home whose owner lives
        elsewhere means it, and importing the same file again must not flip it.
        """
        ids = self.moved_into - self.occupancy_written
        for unit in Unit.objects.filter(pk__in=ids):
            services.unit_refresh_occupancy(unit)

    def _report(self, sheet: Sheet, row: int, errors: dict[str, list[str]]) -> None:
        for header, messages in errors.items():
            for message in messages:
                self.errors.append(RowError(sheet.title, row, header, str(message)))

    def _claim(self, key: tuple, field_name: str) -> None:
        """Each natural key once per file: a second row with it is an error."""
        first = self.claimed.setdefault(key, self.row)
        if first != self.row:
            raise ValidationError(
                {field_name: [_("The same as row %(row)s; keep one of them.") % {"row": first}]}
            )

    def _create(self, obj: Model, *, key: tuple = ()) -> Model:
        """Add a new row, validated by the model's field rules (choices, lengths, minimums).

        Related rows were resolved within the community by this import, and its natural-key
        indexes enforce the unique constraints. The check constraints repeat field minimums
        (and the inner-area rule, checked with the row), so they are left to the database
        rather than asked row by row: a row the database still refuses stops the import.
        """
        related = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        try:
            obj.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
        except ValidationError:
            self.register.broken.add(key)
            raise
        try:
            obj.save()
        except IntegrityError as exc:
            raise _Aborted from exc
        self.created.append(obj)
        return obj

    def _update(self, save, *, key: tuple = (), **kwargs):
        """Change a stored row through its service; if refused, later references say why."""
        try:
            return save(actor=self.actor, **kwargs)
        except (ValidationError, IntegrityError):
            self.register.broken.add(key)
            raise

    # -- one handler per kind: returns what happened to the row ----------------------------

    def _buildings(self, data: dict[str, Any]) -> Outcome:
        data = normalise_fields(data)
        number = data["number"]
        key = ("buildings", number)
        self._claim(key, "number")
        building = self.register.buildings.get(number)
        if building is None:
            self.register.buildings[number] = self._create(
                Building(community=self.community, **data), key=key
            )
            return Outcome.CREATED
        if not _differs(building, data):
            return Outcome.UNCHANGED
        self.register.buildings[number] = self._update(
            services.building_save, key=key, community=self.community, building=building, data=data
        )
        return Outcome.UPDATED

    def _units(self, data: dict[str, Any]) -> Outcome:
        building_number = clean("number", data.pop("building"))
        building = self.register.building(building_number)
        data = normalise_fields(data)
        home = (building_number, data.get("entrance", ""), data["number"])
        key = ("units", *home)
        self._claim(key, "number")
        unit = self.register.units.get(home)
        if unit is None:
            unit = Unit(community=self.community, building=building, **data)
            inner, area = unit.inner_area, unit.building_area
            if inner is not None and area is not None and inner > area:
                raise ValidationError(
                    {"inner_area": [_("The inner area cannot be larger than the building area.")]}
                )
            unit = self.register.units[home] = self._create(unit, key=key)
            outcome = Outcome.CREATED
        elif _differs(unit, data):
            unit = self.register.units[home] = self._update(
                services.unit_save, key=key, building=building, unit=unit, data=data
            )
            outcome = Outcome.UPDATED
        else:
            outcome = Outcome.UNCHANGED
        if "occupancy" in data:
            self.occupancy_written.add(unit.pk)
        return outcome

    def _residents(self, data: dict[str, Any]) -> Outcome:
        home = self.register.home(data)
        relation = data.pop("relation", None)
        start = data.pop("start_date", None)
        masked = {f: data.pop(f) for f in ("id_number", "mobile") if is_masked(data.get(f, ""))}
        data = normalise_fields(data)
        if isinstance(home, Unit) and not relation:
            raise ValidationError(
                {"relation": [_("Say whether this is the owner, a family member or a tenant.")]}
            )
        if not isinstance(home, Unit) and (relation or start):
            raise ValidationError({"room": [_("Fill in the home this relation is with.")]})

        placed = self.placed.get(home.pk, set()) if isinstance(home, Unit) else set()
        resident = self.register.match_resident(data, home, masked, placed)
        outcome = Outcome.UNCHANGED
        if resident is None:
            resident = Resident(community=self.community)
            for name, value in data.items():
                if name != "id_number":
                    setattr(resident, name, value)
            resident.set_id_number(data.get("id_number", ""))
            resident = self._create(resident)
            outcome = Outcome.CREATED
        elif resident.pk in self.resident_rows:
            self._same_person(resident, data)
        elif changes := self._resident_changes(resident, data):
            resident = self._update(
                services.resident_save, community=self.community, resident=resident, data=changes
            )
            outcome = Outcome.UPDATED
        self.register.index_resident(resident)
        self.resident_rows.setdefault(resident.pk, (self.row, data))
        if isinstance(home, Unit) and self._move_in(home, resident, relation, start):
            outcome = outcome if outcome is Outcome.CREATED else Outcome.UPDATED
        return outcome

    def _resident_changes(self, resident: Resident, data: dict[str, Any]) -> dict[str, Any]:
        changes = {}
        for name, value in data.items():
            if name == "id_number":
                if (crypto.digest(value) if value else "") != resident.id_number_digest:
                    changes[name] = value
            elif clean(name, getattr(resident, name)) != value:
                changes[name] = value
        return changes

    def _same_person(self, resident: Resident, data: dict[str, Any]) -> None:
        """A person with two homes has two rows; their details must agree."""
        first_row, first = self.resident_rows[resident.pk]
        for name, value in data.items():
            if name in first and first[name] != value:
                raise ValidationError(
                    {
                        name: [
                            _(
                                "%(name)s is also in row %(row)s with a different value here; "
                                "make the rows agree."
                            )
                            % {"name": resident.name, "row": first_row}
                        ]
                    }
                )

    def _move_in(self, unit: Unit, resident: Resident, relation: str, start) -> bool:
        """Link the resident to the home unless they already live there (then it must agree)."""
        key = (unit.pk, resident.pk)
        self._claim(("residencies", *key), "room")
        self.placed.setdefault(unit.pk, set()).add(resident.pk)
        current = self.register.residencies.get(key)
        if current is None:
            residency = Residency(unit=unit, resident=resident, relation=relation)
            if start is not None:
                residency.start_date = start
            self._create(residency)
            self.register.residencies[key] = (residency.relation, residency.start_date)
            self.moved_into.add(unit.pk)
            return True
        current_relation, current_start = current
        if relation != current_relation:
            message = _(
                "%(name)s already lives in %(home)s with another relation; record the "
                "move-out first to change it."
            )
            raise ValidationError(
                {"relation": [message % {"name": resident.name, "home": unit.label}]}
            )
        if start is not None and start != current_start:
            message = _("%(name)s moved in on %(date)s; an import does not change it.")
            raise ValidationError(
                {"start_date": [message % {"name": resident.name, "date": current_start}]}
            )
        return False

    def _vehicles(self, data: dict[str, Any]) -> Outcome:
        owner_given = bool({"owner_name", "owner_mobile"} & data.keys())
        name, mobile = data.pop("owner_name", ""), data.pop("owner_mobile", "")
        data = normalise_fields(data)
        plate = data["plate"]
        key = ("vehicles", plate)
        self._claim(key, "plate")
        if owner_given:
            data["resident"] = self.register.owner(name, mobile)
        vehicle = self.register.vehicles.get(plate)
        if vehicle is None:
            self.register.vehicles[plate] = self._create(
                Vehicle(community=self.community, **data), key=key
            )
            return Outcome.CREATED
        if not _differs(vehicle, data):
            return Outcome.UNCHANGED
        self.register.vehicles[plate] = self._update(
            services.vehicle_save, key=key, community=self.community, vehicle=vehicle, data=data
        )
        return Outcome.UPDATED

    def _parking(self, data: dict[str, Any]) -> Outcome:
        home = self.register.home(data)
        plate_given = "plate" in data
        plate = data.pop("plate", "")
        data = normalise_fields(data)
        number = data["number"]
        self._claim(("parking", number), "number")
        if home is not OMIT:
            data["unit"] = home
        if plate_given:
            data["vehicle"] = self.register.vehicle(plate)
        space = self.register.parking_spaces.get(number)
        if space is None:
            self.register.parking_spaces[number] = self._create(
                ParkingSpace(community=self.community, **data)
            )
            return Outcome.CREATED
        if not _differs(space, data):
            return Outcome.UNCHANGED
        self.register.parking_spaces[number] = self._update(
            services.parking_space_save, community=self.community, space=space, data=data
        )
        return Outcome.UPDATED
