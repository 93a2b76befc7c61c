"""The register's personal data: how a phone number or an ID-card number is shown to whoever
is reading, and what the register holds about a person and how it forgets them.

Phone numbers (a resident's mobile and emergency phone, a work order's contact phone) are
shown in full to roles that call residents back (`resident.view_mobile`) and to the person
they belong to; everyone else reads them masked. ID-card numbers are always shown masked:
the full number is read only through `services.resident_reveal_id_number`, which audits it,
and in the person's own data export (`personal_data.services`), which is audited too.

`PERSONAL_DATA` is the register's part of a personal-data request (see `core.privacy`):
the person's record, homes, vehicles and parking; anonymising replaces the name, blanks the
contact details and ID number, takes the vehicles off the register and closes the login.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from wuye.core import policy
from wuye.core.models import ApiToken, Membership
from wuye.core.privacy import Contribution, Section
from wuye.core.validators import mask_mobile

from .models import ParkingSpace, Resident, Vehicle


def may_read_phones(user, community_id: int) -> bool:
    """Whether `user` reads the phone numbers of the community's residents in full."""
    return policy.has_perm(user, "resident.view_mobile", community_id)


def phone_for(user, number: str, community_id: int, *, theirs: bool = False) -> str:
    """`number` as `user` may read it: in full for roles that call residents back and for
    the person it belongs to (`theirs`), masked for everyone else."""
    if not number or theirs or may_read_phones(user, community_id):
        return number or ""
    return mask_mobile(number)


def resident_phone(user, resident: Resident, field: str = "mobile") -> str:
    """A resident's `mobile` or `emergency_phone` as `user` may read it."""
    theirs = resident.user_id is not None and resident.user_id == getattr(user, "pk", None)
    return phone_for(user, getattr(resident, field), resident.community_id, theirs=theirs)


def id_number_for(resident: Resident) -> str:
    """A resident's ID-card number as every page, list and export shows it: masked."""
    return resident.id_number_masked


# ---- personal-data requests -----------------------------------------------------------


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _profile(person: Resident) -> Section:
    return Section(
        _("Profile"),
        [_("Field"), _("Value")],
        [
            [pgettext_lazy("person", "name"), person.name],
            [_("Mobile"), person.mobile],
            [_("ID-card number"), person.reveal_id_number()],
            [_("Emergency contact"), person.emergency_contact],
            [_("Emergency phone"), person.emergency_phone],
            [_("Needs attention"), _("Yes") if person.needs_attention else _("No")],
            [_("Notes"), person.notes],
            [_("Portal login"), person.user.get_username() if person.user else ""],
            [_("Registered on"), _date(timezone.localtime(person.created_at))],
        ],
    )


def collect(person: Resident) -> list[Section]:
    residencies = person.residencies.select_related("unit__building").order_by("start_date", "pk")
    vehicles = Vehicle.objects.filter(resident=person).order_by("plate")
    spaces = (
        ParkingSpace.objects.filter(
            Q(vehicle__resident=person)
            | Q(unit__residencies__resident=person, unit__residencies__relation="owner")
        )
        .distinct()
        .select_related("unit__building", "vehicle")
        .order_by("number")
    )
    return [
        _profile(person),
        Section(
            _("Homes"),
            [_("Home"), _("Relation"), _("Moved in"), _("Moved out")],
            [
                [r.unit.label, r.get_relation_display(), _date(r.start_date), _date(r.end_date)]
                for r in residencies
            ],
        ),
        Section(
            _("Vehicles"),
            [_("Plate"), _("Make and colour")],
            [[v.plate, v.description] for v in vehicles],
        ),
        Section(
            _("Parking"),
            [_("Space"), _("Zone"), _("Kind"), _("Home"), _("Plate")],
            [
                [
                    s.number,
                    s.zone,
                    s.get_kind_display(),
                    s.unit.label if s.unit else "",
                    s.vehicle.plate if s.vehicle else "",
                ]
                for s in spaces
            ],
        ),
    ]


def refusals(person: Resident) -> list[str]:
    if person.anonymised_at:
        return [_("This person was anonymised already.")]
    today = timezone.localdate()
    homes = [
        r.unit.label
        for r in person.residencies.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
        .select_related("unit__building")
        .order_by("unit_id")
    ]
    if homes:
        return [
            _(
                "%(name)s still lives in or owns %(homes)s. Record the move-out first: the "
                "register must say who lives in each home."
            )
            % {"name": person.name, "homes": "、".join(homes)}
        ]
    return []


def _close_login(person: Resident) -> int:
    """Close the person's portal login, unless it still serves another record or a post."""
    user = person.user
    if user is None:
        return 0
    others = Resident.objects.filter(user=user, anonymised_at__isnull=True).exclude(pk=person.pk)
    still_used = others.exists() or Membership.objects.filter(user=user, active=True).exists()
    if still_used:
        return 0
    ApiToken.objects.filter(user=user).delete()
    user.username = f"closed-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return 1


def anonymise(person: Resident, label: str) -> dict[str, int]:
    vehicles = Vehicle.objects.filter(resident=person)
    ParkingSpace.objects.filter(vehicle__in=vehicles).update(vehicle=None)
    removed, _by_model = vehicles.delete()
    logins = _close_login(person)
    person.name = label
    person.mobile = person.emergency_contact = person.emergency_phone = person.notes = ""
    person.needs_attention = False
    person.set_id_number("")
    person.anonymised_at = timezone.now()
    person.save()
    return {"residents": 1, "vehicles": removed, "logins": logins}


PERSONAL_DATA = [
    Contribution(
        "register",
        collect=collect,
        refusals=refusals,
        anonymise=anonymise,
        order=100,
    ),
]
