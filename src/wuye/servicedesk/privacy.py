"""What the customer center holds about a person: the work orders they raised.

Work orders and their timelines are never deleted; anonymising a person replaces the
contact name and phone on the orders they raised, and the history stays.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section

from .models import WorkOrder


def _raised_by(person):
    """The person's orders: raised by them at the desk or through their portal login, in
    their community."""
    mine = Q(reporter_resident=person)
    if person.user_id:
        mine |= Q(reporter_user_id=person.user_id)
    return WorkOrder.objects.filter(mine, community_id=person.community_id)


def collect(person) -> list[Section]:
    orders = _raised_by(person).select_related("unit__building").order_by("created_at", "pk")
    return [
        Section(
            _("Work orders"),
            [
                _("Number"),
                _("Received at"),
                _("Home"),
                _("Category"),
                _("Description"),
                _("Status"),
                _("Contact name"),
                _("Contact phone"),
            ],
            [
                [
                    o.number,
                    f"{timezone.localtime(o.created_at):%Y-%m-%d %H:%M}",
                    o.unit.label if o.unit else o.location,
                    o.get_category_display(),
                    o.description,
                    o.get_status_display(),
                    o.contact_name,
                    o.contact_phone,
                ]
                for o in orders
            ],
        )
    ]


def anonymise(person, label: str) -> dict[str, int]:
    changed = _raised_by(person).update(contact_name=label, contact_phone="")
    return {"work_orders": changed}


PERSONAL_DATA = [Contribution("servicedesk", collect=collect, anonymise=anonymise, order=300)]
