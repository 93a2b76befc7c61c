"""The community's register as an import sees it: rows indexed by their natural keys.

Each index is one query, loaded on first use and kept up to date as the import adds rows,
so matching thousands of rows costs no query per row.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import crypto
from wuye.core.models import Community
from wuye.core.validators import mask_mobile

from ..models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle

# The services' own field normalisation, so a cell is cleaned exactly as a form field is.
from ..services import normalise_fields
from .cells import OMIT, is_masked


def clean(field_name: str, value: Any) -> Any:
    """A value as the services normalise it; rows stored before a rule changed may differ."""
    try:
        return normalise_fields({field_name: value})[field_name]
    except ValidationError:
        return value


def _home_label(building: str, entrance: str, room: str) -> str:
    return "-".join(part for part in (building, entrance, room) if part)


class Register:
    """Buildings, homes, residents, residencies, vehicles and spaces of one community."""

    def __init__(self, community: Community):
        self.community = community
        self.broken: set[tuple] = set()  # natural keys of rows that failed in this import

    @cached_property
    def buildings(self) -> dict[str, Building]:
        buildings = Building.objects.filter(community=self.community)
        return {clean("number", b.number): b for b in buildings}

    @cached_property
    def units(self) -> dict[tuple[str, str, str], Unit]:
        units = Unit.objects.filter(community=self.community).select_related("building")
        return {
            (
                clean("number", u.building.number),
                clean("entrance", u.entrance),
                clean("number", u.number),
            ): u
            for u in units
        }

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
            index.setdefault(clean("name", resident.name), []).append(resident)
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
        vehicles = Vehicle.objects.filter(community=self.community)
        return {clean("plate", v.plate): v for v in vehicles}

    @cached_property
    def parking_spaces(self) -> dict[str, ParkingSpace]:
        spaces = ParkingSpace.objects.filter(community=self.community)
        return {clean("number", p.number): p for p in spaces}

    def index_resident(self, resident: Resident) -> None:
        if resident.id_number_digest:
            self.residents_by_digest[resident.id_number_digest] = resident
        for index, key in (
            (self.residents_by_name, clean("name", resident.name)),
            (self.residents_by_mobile, resident.mobile),
        ):
            if key:
                people = index.setdefault(key, [])
                people[:] = [r for r in people if r.pk != resident.pk] + [resident]

    # -- references from one sheet to another ----------------------------------------------

    def building(self, number: str) -> Building:
        """The building of a (normalised) number, from the register or earlier in the file."""
        building = self.buildings.get(number)
        if building is None:
            if ("buildings", number) in self.broken:
                message = _("Building %(number)s has errors in its own row.")
            else:
                message = _("There is no building %(number)s in the register or in this file.")
            raise ValidationError({"building": [message % {"number": number}]})
        return building

    def home(self, data: dict[str, Any]) -> Unit | None | object:
        """The home named by the building, entrance and room columns; OMIT without them."""
        if not {"building", "entrance", "room"} & data.keys():
            return OMIT
        building = clean("number", data.pop("building", ""))
        entrance = clean("entrance", data.pop("entrance", ""))
        room = clean("number", data.pop("room", ""))
        if not (building or entrance or room):
            return None
        if not building:
            raise ValidationError({"building": [_("Fill in the building of the home.")]})
        if not room:
            raise ValidationError({"room": [_("Fill in the room number of the home.")]})
        self.building(building)
        key = (building, entrance, room)
        unit = self.units.get(key)
        if unit is None:
            if ("units", *key) in self.broken:
                message = _("Home %(home)s has errors in its own row.")
            else:
                message = _("There is no home %(home)s in the register or in this file.")
            raise ValidationError({"room": [message % {"home": _home_label(*key)}]})
        return unit

    def vehicle(self, plate: str) -> Vehicle | None:
        if not plate:
            return None
        plate = normalise_fields({"plate": plate})["plate"]  # a bad plate is an error here
        vehicle = self.vehicles.get(plate)
        if vehicle is None:
            if ("vehicles", plate) in self.broken:
                message = _("Vehicle %(plate)s has errors in its own row.")
            else:
                message = _("There is no vehicle %(plate)s in the register or in this file.")
            raise ValidationError({"plate": [message % {"plate": plate}]})
        return vehicle

    def owner(self, name: str, mobile: str) -> Resident | None:
        """The resident named in a vehicle row, told apart by mobile when names repeat."""
        name = clean("name", name)
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
        elif mobile:
            message = _(
                "There is no resident %(name)s with the mobile %(mobile)s in the register or "
                "in this file; add them to the residents first."
            )
        else:
            message = _(
                "There is no resident %(name)s in the register or in this file; add them to "
                "the residents first."
            )
        raise ValidationError({"owner_name": [message % {"name": name, "mobile": mobile}]})

    def match_resident(
        self, data: dict, home, masked: dict[str, str], placed: set[int]
    ) -> Resident | None:
        """The stored person of a row: by ID number, else mobile and name, else name and home.

        Mobile alone is not enough: family members often share one phone. `placed` holds the
        residents that earlier rows of the file put in this home: another row of the same
        name there is another person (a father and a son may share a name).
        """
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
        people = [r for r in people if r.pk not in placed]
        if isinstance(home, Unit):
            living = [r for r in people if (home.pk, r.pk) in self.residencies]
            if len(living) == 1:
                return living[0]
            people = living or people
        for resident in people:
            if "id_number" in masked and resident.id_number_masked == masked["id_number"]:
                return resident
            if "mobile" in masked and mask_mobile(resident.mobile) == masked["mobile"]:
                return resident
        return None
