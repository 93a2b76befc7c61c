"""Reads of the parcel log, scoped to the caller.

Staff holding `parcel.view` see every parcel of their communities. A resident sees the
parcels of the homes they live in or own, received since they moved in: the household that
lived there before keeps its parcels to itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wuye.core import policy
from wuye.core.validators import clean_code
from wuye.estates.models import Residency
from wuye.estates.queries import home_q

from .models import WAITING, Parcel, ParcelSettings, ParcelStatus

# The list's status filter: what the desk looks at, in its words.
STATUS_FILTERS = ("waiting", "picked_up", "returned", "all")


def settings_of(community_id: int) -> ParcelSettings:
    """The community's parcel settings, or the lawful defaults when none were saved."""
    found = ParcelSettings.objects.filter(community_id=community_id).first()
    return found or ParcelSettings(community_id=community_id)


def parcels_for_residents(user) -> QuerySet[Parcel]:
    """Parcels of the user's homes received on or after the day they moved in."""
    unit_ids = policy.resident_unit_ids(user)
    if not unit_ids:
        return Parcel.objects.none()
    lived_there = (
        Residency.objects.current()
        .filter(
            resident_id__in=policy.resident_ids(user),
            unit_id=OuterRef("unit_id"),
            start_date__lte=OuterRef("received_at__date"),
        )
        .values("pk")
    )
    return Parcel.objects.filter(Exists(lived_there), unit_id__in=unit_ids)


def parcels_visible_to(user, community_id: int | None = None) -> QuerySet[Parcel]:
    """Every parcel the user may see: their communities' as staff, their homes' as resident;
    within one community when `community_id` is given."""
    staff_ids = policy.community_ids_with(user, "parcel.view")
    rows = Parcel.objects.filter(
        Q(community_id__in=staff_ids) | Q(pk__in=parcels_for_residents(user).values("pk"))
    )
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def waiting(rows: QuerySet[Parcel]) -> QuerySet[Parcel]:
    return rows.filter(status__in=WAITING)


def overdue_since(days: int, now: datetime | None = None) -> datetime:
    """The moment before which a parcel received has waited `days` days or more."""
    return (now or timezone.now()) - timedelta(days=days)


def overdue(rows: QuerySet[Parcel], days: int, now: datetime | None = None) -> QuerySet[Parcel]:
    """Waiting parcels received `days` days ago or earlier."""
    return waiting(rows).filter(received_at__lte=overdue_since(days, now))


def for_list(rows: QuerySet[Parcel]) -> QuerySet[Parcel]:
    """The rows with what a list shows of them, read in the same query."""
    return rows.select_related("unit__building", "received_by", "picked_up_by", "returned_by")


def parcel_list(
    rows: QuerySet[Parcel],
    *,
    status: str = "waiting",
    building_id: int = 0,
    overdue_days: int | None = None,
    text: str = "",
) -> QuerySet[Parcel]:
    """The desk's list: by status (waiting first, oldest first, so the shelf is cleared in
    order), building, overdue only, and a tracking number, pick-up code, home or name."""
    if status == "waiting":
        rows = waiting(rows)
    elif status == "picked_up":
        rows = rows.filter(status=ParcelStatus.PICKED_UP)
    elif status == "returned":
        rows = rows.filter(status=ParcelStatus.RETURNED)
    if building_id:
        rows = rows.filter(unit__building_id=building_id)
    if overdue_days is not None:
        rows = overdue(rows, overdue_days)
    if text:
        code = clean_code(text)
        rows = rows.filter(
            Q(tracking_number__contains=code.replace("-", ""))
            | Q(pickup_code=code)
            | home_q(code, "unit__")
            | Q(addressee__icontains=text.strip())
        )
    order = ("received_at", "pk") if status == "waiting" else ("-received_at", "-pk")
    return for_list(rows).order_by(*order)


def waiting_counts(rows: QuerySet[Parcel], overdue_days: int) -> dict[str, int]:
    """How many parcels wait, and how many of them are overdue, in one query."""
    return rows.aggregate(
        waiting=Count("pk", filter=Q(status__in=WAITING)),
        overdue=Count(
            "pk",
            filter=Q(status__in=WAITING, received_at__lte=overdue_since(overdue_days)),
        ),
    )


def waiting_by_code(rows: QuerySet[Parcel], code: str) -> Parcel | None:
    """The waiting parcel a pick-up code names, if any."""
    code = clean_code(code)
    if not code:
        return None
    return for_list(waiting(rows)).filter(pickup_code=code).first()
