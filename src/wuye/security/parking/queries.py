"""Reading the gate's parking data."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from wuye.core import policy
from wuye.core.calendar import calendar_days
from wuye.core.models import Community
from wuye.estates import plates

from .models import GateEvent, ParkingSession, ParkingTariff, SessionStatus
from .tariffs import Quote, Rule, quote


def tariff_for(
    community_id: int, vehicle_type: str, plate_colour: str, at: datetime
) -> ParkingTariff | None:
    """The tariff that prices a car of this type and plate colour entering at `at`: the
    version in effect then, a tariff naming the type or colour before one for every car."""
    candidates = ParkingTariff.objects.filter(
        Q(effective_until__isnull=True) | Q(effective_until__gt=at),
        community_id=community_id,
        effective_from__lte=at,
    ).order_by("-effective_from", "-pk")
    return tariff_among(list(candidates), vehicle_type, plate_colour, at)


def tariff_among(
    tariffs: list[ParkingTariff], vehicle_type: str, plate_colour: str, at: datetime
) -> ParkingTariff | None:
    """`tariff_for` among tariffs already read (newest version first), for many cars at once."""

    def fits(tariff: ParkingTariff) -> bool:
        return (
            tariff.effective_from <= at
            and (tariff.effective_until is None or tariff.effective_until > at)
            and (not tariff.vehicle_types or vehicle_type in tariff.vehicle_types)
            and (not tariff.plate_colours or plate_colour in tariff.plate_colours)
        )

    fitting = [t for t in tariffs if fits(t)]
    fitting.sort(key=lambda t: (not t.vehicle_types, not t.plate_colours))
    return fitting[0] if fitting else None


def tariffs_of(community_id: int) -> list[ParkingTariff]:
    """Every tariff version of the community, newest first (for `tariff_among`)."""
    return list(
        ParkingTariff.objects.filter(community_id=community_id).order_by("-effective_from", "-pk")
    )


def tariff_versions(community_id: int) -> list[list[ParkingTariff]]:
    """The community's tariffs, each as its versions newest first; the tariffs in the order
    of their names."""
    tariffs = list(
        ParkingTariff.objects.filter(community_id=community_id)
        .select_related("created_by")
        .order_by("effective_from", "pk")
    )
    chains: dict[int, list[ParkingTariff]] = {}
    root: dict[int, int] = {}
    for tariff in tariffs:
        first = root.get(tariff.replaces_id, tariff.pk) if tariff.replaces_id else tariff.pk
        root[tariff.pk] = first
        chains.setdefault(first, []).insert(0, tariff)
    return sorted(chains.values(), key=lambda versions: (versions[0].name, versions[0].pk))


def holidays_between(community: Community, start: datetime, end: datetime) -> frozenset[date]:
    """The public holidays of the community's calendar from `start` to `end` (local dates)."""
    first, last = timezone.localdate(start), timezone.localdate(max(start, end))
    days = calendar_days(community, first.year, last.year)
    return frozenset(day for day, working in days.items() if not working)


def fee_quote(
    community: Community,
    *,
    vehicle_type: str,
    plate_colour: str,
    entered_at: datetime,
    exited_at: datetime,
    tariff: ParkingTariff | None = None,
) -> tuple[ParkingTariff | None, Quote | None]:
    """What a stay costs: the tariff in effect at entry for the car (or `tariff`) and its
    quote; (None, None) when no tariff prices such a car."""
    tariff = tariff or tariff_for(community.pk, vehicle_type, plate_colour, entered_at)
    if tariff is None:
        return None, None
    holidays = holidays_between(community, entered_at, exited_at)
    return tariff, quote(Rule.from_json(tariff.rule), entered_at, exited_at, holidays=holidays)


def sessions_visible_to(user, community_id: int | None = None) -> QuerySet[ParkingSession]:
    """The sessions of the communities where the user sees the gate (`parking.view`), with
    their gates, in one query; residents see none."""
    ids = policy.community_ids_with(user, "parking.view")
    if community_id is not None:
        ids = [i for i in ids if i == community_id]
    return ParkingSession.objects.filter(community_id__in=ids).select_related(
        "entry_gate", "exit_gate"
    )


def session_search(
    sessions: QuerySet[ParkingSession],
    *,
    open: bool | None = None,
    day: date | None = None,
    plate: str = "",
    kind: str = "",
) -> QuerySet[ParkingSession]:
    """Sessions still open (inside, paid but not left, waiting for the guard) or closed,
    entered or left on `day`, whose plate contains `plate`, of `kind`."""
    if open is True:
        sessions = sessions.exclude(status=SessionStatus.LEFT)
    elif open is False:
        sessions = sessions.filter(status=SessionStatus.LEFT)
    if day is not None:
        sessions = sessions.filter(Q(entered_at__date=day) | Q(exited_at__date=day))
    plate = plates.normalise(plate)
    if plate:
        sessions = sessions.filter(plate__contains=plate)
    if kind:
        sessions = sessions.filter(kind=kind)
    return sessions


def session_events(session: ParkingSession) -> list[GateEvent]:
    return list(session.events.select_related("gate").order_by("at", "pk"))


def open_count(community_id: int) -> int:
    """Cars inside now."""
    return (
        ParkingSession.objects.filter(community_id=community_id)
        .exclude(status=SessionStatus.LEFT)
        .exclude(entered_at__isnull=True)
        .count()
    )
