"""Importing the register from an Excel workbook: the whole file, or nothing.

Every row goes through the register's own services (the same normalisation, validation and
audit as a form), inside one transaction. Rows are matched to what is already stored by
their natural keys, so rows equal to the register are left alone and re-importing a file
changes nothing. Any bad row rolls the whole file back and is reported by sheet, row and
column, in the clerk's language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from wuye.core import audit, crypto, policy
from wuye.core.models import Community
from wuye.core.validators import mask_mobile

from .. import services
from ..models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle

# The services' own field normalisation, so a cell is cleaned exactly as a form field is.
from ..services import _normalise as normalise_fields
from .columns import KINDS, OMIT, Column, Kind, is_blank, is_masked

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10  # the header may sit below a title row or two


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""


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
class Sheet:
    """One worksheet as read: the header row, its columns, and the non-empty rows below."""

    kind: Kind
    title: str
    header_row: int
    columns: dict[int, Column]  # cell index → column
    top: list[tuple[int, tuple]]  # the rows down to the header, for the error report
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.top[-1][1])


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
    policy.require_perm(actor, "register.import", community.pk)
    filename = getattr(upload, "name", "") or ""
    sheets = read_workbook(upload, kind)
    job = _Import(actor=actor, community=community)
    with transaction.atomic():
        for sheet in sheets:
            job.import_sheet(sheet)
        if not job.errors:
            job.keep_written_occupancy()
        if job.errors:
            transaction.set_rollback(True)
        elif any(c.changed for c in job.counts.values()):
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


# ---- reading the file ------------------------------------------------------------------


def read_workbook(upload, kind: str | None) -> list[Sheet]:
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if name.endswith(".xls"):
        raise ImportRefused(
            _(
                "This is an old .xls file: open it in Excel or WPS, save it as an Excel "
                "workbook (.xlsx) and upload that."
            )
        )
    if not name.endswith(".xlsx"):
        raise ImportRefused(_("Upload an Excel workbook (.xlsx)."))
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - whatever breaks in a foreign file, it is not a workbook
        raise ImportRefused(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        return [_read_sheet(k, ws) for k, ws in _pick_sheets(book.worksheets, kind)]
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet inside an otherwise valid zip
        raise ImportRefused(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    finally:
        book.close()


def _pick_sheets(worksheets, kind: str | None) -> list[tuple[Kind, Any]]:
    if not worksheets:
        raise ImportRefused(_("The workbook has no sheets."))
    if kind:
        chosen = KINDS[kind]
        named = [ws for ws in worksheets if chosen.names_sheet(ws.title)]
        return [(chosen, named[0] if named else worksheets[0])]
    picked: dict[str, Any] = {}
    for ws in worksheets:
        for k in KINDS.values():
            if k.names_sheet(ws.title):
                if k.slug in picked:
                    raise ImportRefused(
                        _("Two sheets hold %(kind)s; keep one.") % {"kind": k.sheet}
                    )
                picked[k.slug] = ws
    if not picked:
        raise ImportRefused(
            _(
                "No sheet is named %(names)s: choose what the file holds, or name its sheets "
                "as in the template."
            )
            % {"names": "、".join(k.sheet for k in KINDS.values())}
        )
    return [(KINDS[slug], picked[slug]) for slug in KINDS if slug in picked]


def _read_sheet(kind: Kind, ws) -> Sheet:
    ws.reset_dimensions()  # some writers store wrong dimensions; read every row there is
    rows = ws.iter_rows(values_only=True)
    top: list[tuple[int, tuple]] = []
    best: dict[int, Column] = {}
    sheet = None
    for number, cells in enumerate(rows, start=1):
        cells = tuple(cells)
        top.append((number, cells))
        columns = _header_columns(kind, ws.title, cells)
        if set(kind.required_headers) <= {c.header for c in columns.values()}:
            sheet = Sheet(kind=kind, title=ws.title, header_row=number, columns=columns, top=top)
            break
        if len(columns) > len(best):
            best = columns
        if number >= HEADER_SCAN_ROWS:
            break
    if sheet is None:
        found = {c.header for c in best.values()}
        missing = [h for h in kind.required_headers if h not in found]
        raise ImportRefused(
            _(
                "Sheet %(sheet)s lacks the column(s) %(headers)s; the template shows the "
                "headers to use."
            )
            % {"sheet": ws.title, "headers": "、".join(missing)}
        )
    width = sheet.width
    for number, cells in enumerate(rows, start=sheet.header_row + 1):
        cells = tuple(cells)[:width]
        if all(is_blank(v) for v in cells):
            continue
        sheet.rows.append((number, cells))
        if len(sheet.rows) > MAX_ROWS:
            raise ImportRefused(
                _("Sheet %(sheet)s has more than %(rows)s rows; split it into smaller files.")
                % {"sheet": ws.title, "rows": f"{MAX_ROWS:,}"}
            )
    return sheet


def _header_columns(kind: Kind, title: str, cells: tuple) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    for index, value in enumerate(cells):
        column = kind.column(value)
        if column is None:
            continue
        if column in columns.values():
            raise ImportRefused(
                _("Sheet %(sheet)s has the column %(header)s twice.")
                % {"sheet": title, "header": column.header}
            )
        columns[index] = column
    return columns


# ---- importing the rows ----------------------------------------------------------------


def _differs(obj: Model, data: dict[str, Any]) -> bool:
    for name, value in data.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            if getattr(obj, model_field.attname) != (value.pk if value is not None else None):
                return True
        elif getattr(obj, name) != value:
            return True
    return False


def _home_label(building: str, entrance: str, room: str) -> str:
    return "-".join(part for part in (building, entrance, room) if part)


class _Import:
    """One import: the community's register indexed by natural keys, and what happened."""

    def __init__(self, *, actor, community: Community):
        self.actor = actor
        self.community = community
        self.errors: list[RowError] = []
        self.counts: dict[str, Counts] = {}
        self.claimed: dict[tuple, int] = {}  # natural key → the row that holds it
        self.broken: set[tuple] = set()  # natural keys of rows that failed
        self.resident_rows: dict[int, tuple[int, dict]] = {}  # resident → first row, details
        self.row = 0  # the sheet row being imported
        self.occupancy_written: dict[int, str] = {}  # unit → the occupancy its row states
        self.moved_into: set[int] = set()

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
            except IntegrityError:
                self._report(
                    sheet,
                    number,
                    {
                        sheet.kind.key_header: [
                            _("This row clashes with another record of the register.")
                        ]
                    },
                )
            else:
                setattr(counts, outcome.value, getattr(counts, outcome.value) + 1)

    def keep_written_occupancy(self) -> None:
        """A home's 状态 as the file states it, even where a move-in of the file changed it.

        Moving in refreshes a home's occupancy; a clerk who wrote 空置 for a home whose owner
        lives elsewhere means it, and importing the file again must not flip it back.
        """
        ids = [pk for pk in self.moved_into if pk in self.occupancy_written]
        for unit in Unit.objects.filter(pk__in=ids).select_related("building"):
            wanted = self.occupancy_written[unit.pk]
            if unit.occupancy != wanted:
                services.unit_save(
                    actor=self.actor,
                    building=unit.building,
                    unit=unit,
                    data={"occupancy": wanted},
                )

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

    def _save(self, save, *, key: tuple = (), **kwargs):
        """Run a service; if it refuses, remember the key so later references say why."""
        try:
            return save(actor=self.actor, **kwargs)
        except (ValidationError, IntegrityError):
            self.broken.add(key)
            raise

    # -- the register, indexed by natural keys (one query each, on first use) --------------

    @cached_property
    def buildings(self) -> dict[str, Building]:
        return {b.number: b for b in Building.objects.filter(community=self.community)}

    @cached_property
    def units(self) -> dict[tuple[str, str, str], Unit]:
        units = Unit.objects.filter(community=self.community).select_related("building")
        return {(u.building.number, u.entrance, u.number): u for u in units}

    @cached_property
    def residents(self) -> list[Resident]:
        return list(Resident.objects.filter(community=self.community).order_by("pk"))

    @cached_property
    def residents_by_digest(self) -> dict[str, Resident]:
        return {r.id_number_digest: r for r in self.residents if r.id_number_digest}

    @cached_property
    def residents_by_name(self) -> dict[str, list[Resident]]:
        index: dict[str, list[Resident]] = {}
        for resident in self.residents:
            index.setdefault(resident.name, []).append(resident)
        return index

    @cached_property
    def residents_by_mobile(self) -> dict[str, list[Resident]]:
        index: dict[str, list[Resident]] = {}
        for resident in self.residents:
            if resident.mobile:
                index.setdefault(resident.mobile, []).append(resident)
        return index

    @cached_property
    def residencies(self) -> dict[tuple[int, int], tuple[str, Any]]:
        """(unit, resident) → (relation, start date) of residencies not yet ended."""
        today = timezone.localdate()
        rows = (
            Residency.objects.filter(unit__community=self.community)
            .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
            .values_list("unit_id", "resident_id", "relation", "start_date")
        )
        return {(u, r): (relation, start) for u, r, relation, start in rows}

    @cached_property
    def vehicles(self) -> dict[str, Vehicle]:
        return {v.plate: v for v in Vehicle.objects.filter(community=self.community)}

    @cached_property
    def parking_spaces(self) -> dict[str, ParkingSpace]:
        return {p.number: p for p in ParkingSpace.objects.filter(community=self.community)}

    def _index_resident(self, resident: Resident) -> None:
        if resident.id_number_digest:
            self.residents_by_digest[resident.id_number_digest] = resident
        for index, key in (
            (self.residents_by_name, resident.name),
            (self.residents_by_mobile, resident.mobile),
        ):
            if key:
                people = index.setdefault(key, [])
                people[:] = [r for r in people if r.pk != resident.pk] + [resident]

    # -- references from one sheet to another ----------------------------------------------

    def _building(self, number: str) -> Building:
        number = normalise_fields({"number": number})["number"]
        building = self.buildings.get(number)
        if building is None:
            if ("buildings", number) in self.broken:
                message = _("Building %(number)s has errors in its own row.")
            else:
                message = _("There is no building %(number)s in the register or in this file.")
            raise ValidationError({"building": [message % {"number": number}]})
        return building

    def _home(self, data: dict[str, Any]) -> Unit | None | object:
        """The home named by the building, entrance and room columns; OMIT without them."""
        if not {"building", "entrance", "room"} & data.keys():
            return OMIT
        building = data.pop("building", "")
        parts = normalise_fields({"entrance": data.pop("entrance", ""), "number": building})
        room = normalise_fields({"number": data.pop("room", "")})["number"]
        entrance, building = parts["entrance"], parts["number"]
        if not (building or entrance or room):
            return None
        if not building:
            raise ValidationError({"building": [_("Fill in the building of the home.")]})
        if not room:
            raise ValidationError({"room": [_("Fill in the room number of the home.")]})
        key = (self._building(building).number, entrance, room)
        unit = self.units.get(key)
        if unit is None:
            if ("units", *key) in self.broken:
                message = _("Home %(home)s has errors in its own row.")
            else:
                message = _("There is no home %(home)s in the register or in this file.")
            raise ValidationError({"room": [message % {"home": _home_label(*key)}]})
        return unit

    def _vehicle(self, plate: str) -> Vehicle | None:
        if not plate:
            return None
        plate = normalise_fields({"plate": plate})["plate"]
        vehicle = self.vehicles.get(plate)
        if vehicle is None:
            if ("vehicles", plate) in self.broken:
                message = _("Vehicle %(plate)s has errors in its own row.")
            else:
                message = _("There is no vehicle %(plate)s in the register or in this file.")
            raise ValidationError({"plate": [message % {"plate": plate}]})
        return vehicle

    def _owner(self, name: str, mobile: str) -> Resident | None:
        """The resident named in a vehicle row, told apart by mobile when names repeat."""
        name = normalise_fields({"name": name})["name"]
        if not name and not mobile:
            return None
        if mobile and not is_masked(mobile):
            try:
                mobile = normalise_fields({"mobile": mobile})["mobile"]
            except ValidationError as exc:
                raise ValidationError({"owner_mobile": exc.message_dict["mobile"]}) from None
        if name:
            people = self.residents_by_name.get(name, [])
            if is_masked(mobile):
                people = [r for r in people if mask_mobile(r.mobile) == mobile]
            elif mobile:
                people = [r for r in people if r.mobile == mobile]
        else:
            people = [] if is_masked(mobile) else self.residents_by_mobile.get(mobile, [])
        if len(people) == 1:
            return people[0]
        if people:
            message = (
                _("Several residents are called %(name)s; add the owner's mobile.")
                if name
                else _("Several residents have this mobile; add the owner's name.")
            )
        else:
            message = _(
                "There is no resident %(name)s with this mobile in the register or in this "
                "file; add them to the residents first."
            )
        raise ValidationError({"owner_name": [message % {"name": name}]})

    # -- one handler per kind: returns what happened to the row ----------------------------

    def _buildings(self, data: dict[str, Any]) -> Outcome:
        data = normalise_fields(data)
        number = data["number"]
        self._claim(("buildings", number), "number")
        building = self.buildings.get(number)
        if building is not None and not _differs(building, data):
            return Outcome.UNCHANGED
        self.buildings[number] = self._save(
            services.building_save,
            key=("buildings", number),
            community=self.community,
            building=building,
            data=data,
        )
        return Outcome.CREATED if building is None else Outcome.UPDATED

    def _units(self, data: dict[str, Any]) -> Outcome:
        building = self._building(data.pop("building"))
        data = normalise_fields(data)
        key = (building.number, data.get("entrance", ""), data["number"])
        self._claim(("units", *key), "number")
        unit = self.units.get(key)
        outcome = Outcome.UNCHANGED
        if unit is None or _differs(unit, data):
            self.units[key] = self._save(
                services.unit_save, key=("units", *key), building=building, unit=unit, data=data
            )
            outcome = Outcome.CREATED if unit is None else Outcome.UPDATED
        if "occupancy" in data:
            self.occupancy_written[self.units[key].pk] = data["occupancy"]
        return outcome

    def _residents(self, data: dict[str, Any]) -> Outcome:
        home = self._home(data)
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

        resident = self._match_resident(data, home, masked)
        outcome = Outcome.UNCHANGED
        if resident is None:
            resident = self._save(services.resident_save, community=self.community, data=data)
            outcome = Outcome.CREATED
        elif resident.pk in self.resident_rows:
            self._same_person(resident, data)
        else:
            changes = self._resident_changes(resident, data)
            if changes:
                resident = self._save(
                    services.resident_save,
                    community=self.community,
                    resident=resident,
                    data=changes,
                )
                outcome = Outcome.UPDATED
        self._index_resident(resident)
        self.resident_rows.setdefault(resident.pk, (self.row, data))
        if isinstance(home, Unit) and self._move_in(home, resident, relation, start):
            outcome = outcome if outcome is Outcome.CREATED else Outcome.UPDATED
        return outcome

    def _match_resident(self, data: dict, home, masked: dict[str, str]) -> Resident | None:
        """The stored person of a row: by ID number, else mobile and name, else name and home."""
        name = data["name"]
        if data.get("id_number"):
            found = self.residents_by_digest.get(crypto.digest(data["id_number"]))
            if found is not None:
                return found
        people = self.residents_by_name.get(name, [])
        if data.get("mobile"):
            for resident in people:
                if resident.mobile == data["mobile"]:
                    return resident
        if isinstance(home, Unit):
            for resident in people:
                if (home.pk, resident.pk) in self.residencies:
                    return resident
        for resident in people:
            if "id_number" in masked and resident.id_number_masked == masked["id_number"]:
                return resident
            if "mobile" in masked and mask_mobile(resident.mobile) == masked["mobile"]:
                return resident
        return None

    def _resident_changes(self, resident: Resident, data: dict[str, Any]) -> dict[str, Any]:
        changes = {}
        for name, value in data.items():
            if name == "id_number":
                if (crypto.digest(value) if value else "") != resident.id_number_digest:
                    changes[name] = value
            elif getattr(resident, name) != value:
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
        key = (unit.pk, resident.pk)
        self._claim(("residencies", *key), "room")
        current = self.residencies.get(key)
        if current is not None:
            current_relation, current_start = current
            if relation != current_relation:
                raise ValidationError(
                    {
                        "relation": [
                            _(
                                "%(name)s already lives in %(home)s with another relation; "
                                "record the move-out first to change it."
                            )
                            % {"name": resident.name, "home": unit.label}
                        ]
                    }
                )
            if start is not None and start != current_start:
                raise ValidationError(
                    {
                        "start_date": [
                            _("%(name)s moved in on %(date)s; an import does not change it.")
                            % {"name": resident.name, "date": current_start.isoformat()}
                        ]
                    }
                )
            return False
        residency = self._save(
            services.residency_move_in,
            unit=unit,
            resident=resident,
            relation=relation,
            start_date=start,
        )
        self.residencies[key] = (residency.relation, residency.start_date)
        self.moved_into.add(unit.pk)
        return True

    def _vehicles(self, data: dict[str, Any]) -> Outcome:
        owner_given = bool({"owner_name", "owner_mobile"} & data.keys())
        name, mobile = data.pop("owner_name", ""), data.pop("owner_mobile", "")
        data = normalise_fields(data)
        plate = data["plate"]
        self._claim(("vehicles", plate), "plate")
        if owner_given:
            data["resident"] = self._owner(name, mobile)
        vehicle = self.vehicles.get(plate)
        if vehicle is not None and not _differs(vehicle, data):
            return Outcome.UNCHANGED
        self.vehicles[plate] = self._save(
            services.vehicle_save,
            key=("vehicles", plate),
            community=self.community,
            vehicle=vehicle,
            data=data,
        )
        return Outcome.CREATED if vehicle is None else Outcome.UPDATED

    def _parking(self, data: dict[str, Any]) -> Outcome:
        home = self._home(data)
        plate_given = "plate" in data
        plate = data.pop("plate", "")
        data = normalise_fields(data)
        number = data["number"]
        self._claim(("parking", number), "number")
        if home is not OMIT:
            data["unit"] = home
        if plate_given:
            data["vehicle"] = self._vehicle(plate)
        space = self.parking_spaces.get(number)
        if space is not None and not _differs(space, data):
            return Outcome.UNCHANGED
        self.parking_spaces[number] = self._save(
            services.parking_space_save,
            community=self.community,
            space=space,
            data=data,
        )
        return Outcome.CREATED if space is None else Outcome.UPDATED
