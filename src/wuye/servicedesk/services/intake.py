"""Receiving a request (受理): its number, its reporter, its deadlines."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.models import Community
from wuye.core.validators import clean_code, clean_text, conflict, not_found
from wuye.estates.models import Resident, Unit

from ..indicators import tally
from ..models import (
    RESIDENT_CHANNELS,
    Category,
    Channel,
    ComplainantType,
    Priority,
    Subcategory,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
)
from . import steps
from .common import choice, moment

PHONE_RE = re.compile(r"^\+?[0-9][0-9-]{4,19}$")


# ---- numbers ----------------------------------------------------------------------------


def _next_number(community: Community, at: datetime) -> str:
    """The next number of the community's day, e.g. BDX-20261127-0007, without gaps.

    One statement reserves it: the day's counter row is inserted or incremented (INSERT … ON
    CONFLICT … DO UPDATE … RETURNING, on PostgreSQL and on SQLite 3.35+) and stays locked
    until the order's transaction ends, so that concurrent orders of the day wait for it and
    a rolled-back order gives its number back.
    """
    day = timezone.localdate(at)
    quote = connection.ops.quote_name
    table = quote(WorkOrderCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('community_id')}, {quote('day')}, {quote('last')}) "
            f"VALUES (%s, %s, 1) ON CONFLICT ({quote('community_id')}, {quote('day')}) "
            f"DO UPDATE SET {quote('last')} = {table}.{quote('last')} + 1 "
            f"RETURNING {quote('last')}",
            [community.pk, connection.ops.adapt_datefield_value(day)],
        )
        (last,) = cursor.fetchone()
    return f"{community.code}-{day:%Y%m%d}-{last:04d}"


# ---- submit -----------------------------------------------------------------------------


def _reporter_for(actor, community: Community, unit: Unit | None, channel: str):
    """Whether the actor reports as staff, else the actor's resident record (checked)."""
    if policy.has_perm(actor, "workorder.create", community.pk):
        return None
    if not policy.is_resident(actor):
        raise PermissionDenied(_("You may not do this."))
    if unit is None:
        raise ValidationError({"unit": [_("Choose one of your own homes.")]})
    if unit.pk not in policy.resident_unit_ids(actor):
        raise PermissionDenied(_("You may report only for your own homes."))
    if channel not in RESIDENT_CHANNELS:
        raise ValidationError(
            {"channel": [_("Requests from the portal or the app use channel portal or app.")]}
        )
    resident = Resident.objects.filter(pk__in=policy.resident_ids(actor), community=community)
    return resident.first()


@transaction.atomic
def work_order_submit(
    *,
    actor,
    community: Community,
    category: str,
    channel: str,
    description: str,
    priority: str = Priority.NORMAL,
    subcategory: str = Subcategory.OTHER,
    unit: Unit | None = None,
    location: str = "",
    reporter_resident: Resident | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    preferred_from: datetime | None = None,
    preferred_to: datetime | None = None,
    complainant_type: str = "",
    at: datetime | None = None,
) -> WorkOrder:
    """Receive a request (受理 at the front desk, or an owner's own report).

    Staff of the community report for anyone; a resident reports only for their own homes,
    through the portal or the app. An order received by someone who may accept it is
    accepted at once: that is its first response.
    """
    at = moment(at)
    errors: dict[str, list[str]] = {}
    for value, choices, field in (
        (category, Category, "category"),
        (channel, Channel, "channel"),
        (priority, Priority, "priority"),
        (subcategory, Subcategory, "subcategory"),
    ):
        try:
            choice(value, choices, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if complainant_type and complainant_type not in ComplainantType.values:
        errors["complainant_type"] = [_("Choose a complainant type from the list.")]
    if unit is not None and unit.community_id != community.pk:
        errors["unit"] = [not_found(_("Choose a home of this community."))]
    location = clean_text(location)[:200]
    if unit is None and not location:
        errors["location"] = [_("Give the home or the place of the problem.")]
    description = (description or "").strip()
    if not description:
        errors["description"] = [_("Describe the request.")]
    if preferred_from and preferred_to and preferred_to < preferred_from:
        errors["preferred_to"] = [_("The window must end after it starts.")]
    if reporter_resident is not None and reporter_resident.community_id != community.pk:
        errors["reporter_resident"] = [not_found(_("Choose a resident of this community."))]
    contact_phone = clean_code(contact_phone)
    if contact_phone and not PHONE_RE.match(contact_phone):
        errors["contact_phone"] = [_("Enter a phone number such as 13912345678 or 0902-1234567.")]
    for field, value in (("preferred_from", preferred_from), ("preferred_to", preferred_to)):
        if value is not None and not at - timedelta(days=1) <= value <= at + timedelta(days=366):
            errors[field] = [conflict(_("Choose a time within the coming year."))]
    if errors:
        raise ValidationError(errors)

    resident = _reporter_for(actor, community, unit, channel)
    staff = resident is None
    if not staff:
        reporter_resident = resident
    if reporter_resident is not None:
        contact_name = contact_name or reporter_resident.name
        contact_phone = contact_phone or reporter_resident.mobile
    order = WorkOrder(
        community=community,
        unit=unit,
        location=location,
        reporter_user=actor,
        reporter_resident=reporter_resident,
        contact_name=clean_text(contact_name)[:100],
        contact_phone=contact_phone,
        channel=channel,
        category=category,
        subcategory=subcategory,
        priority=priority,
        description=description,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        complainant_type=complainant_type if category == Category.COMPLAINT else "",
        created_at=at,
    )
    events = steps.received(order, actor=actor, at=at, staff=staff)
    # Three statements: the number, the order, its first events.
    order.number = _next_number(community, at)
    order.save(force_insert=True)
    # Received on an earlier day (replayed): the summarised days it changes are marked.
    tally.mark(order, following=order.is_repair)
    WorkOrderEvent.objects.bulk_create(events)
    return order
