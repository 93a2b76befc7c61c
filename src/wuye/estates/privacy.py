"""How a phone number or an ID-card number is shown to whoever is reading: the one place
pages, the API and exports ask.

Phone numbers (a resident's mobile and emergency phone, a work order's contact phone) are
shown in full to roles that call residents back (`resident.view_mobile`) and to the person
they belong to; everyone else reads them masked. ID-card numbers are always shown masked:
the full number is read only through `services.resident_reveal_id_number`, which audits it.
"""

from __future__ import annotations

from wuye.core import policy
from wuye.core.validators import mask_mobile

from .models import Resident


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
