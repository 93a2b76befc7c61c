"""Reads of visitors' passes, scoped to what the caller may see, and the gate's check.

Staff holding `pass.view` see their communities' invitations; a resident sees those of their
own homes. `verdict` is the gate's hot path: one signature check (for a scanned token) and
one row read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.estates import plates
from wuye.estates.models import Building, Unit

from . import tokens
from .models import Invitation, PassStatus, Zone

# What the gate answers (the API's `result`), with the finer `reason` beside it.
VALID, EXPIRED, REVOKED, USED_UP, WRONG_ZONE, UNKNOWN = (
    "valid",
    "expired",
    "revoked",
    "used_up",
    "wrong_zone",
    "unknown",
)
# Finer reasons that share a result: not yet open counts as outside its window; a walk-in
# whose host has not confirmed is not a pass yet.
NOT_YET_VALID, AWAITING_HOST, NO_SHOW = "not_yet_valid", "awaiting_host", "no_show"
RESULT_OF = {NOT_YET_VALID: EXPIRED, AWAITING_HOST: UNKNOWN, NO_SHOW: EXPIRED}


def invitations_for_residents(user, action: str) -> QuerySet[Invitation] | None:
    """The resident rule: a resident reaches the invitations of their own homes."""
    if action not in ("view", "revoke", "confirm"):
        return None
    return Invitation.objects.filter(unit_id__in=policy.resident_unit_ids(user))


def invitations_visible_to(user, community_id: int | None = None) -> QuerySet[Invitation]:
    staff = policy.community_ids_with(user, "pass.view")
    homes = policy.resident_unit_ids(user)
    rows = Invitation.objects.filter(Q(community_id__in=staff) | Q(unit_id__in=homes))
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def with_hosts(rows: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return rows.select_related("unit__building", "host_staff")


def zone_admits(pass_zone: str, checkpoint: str) -> bool:
    """A whole-estate pass opens every checkpoint; a lobby pass the lobby only."""
    return pass_zone == Zone.ESTATE or checkpoint == Zone.LOBBY


def reason_for(invitation: Invitation, checkpoint: str, now: datetime) -> str:
    """Why the pass does or does not let its visitor in at `checkpoint` at `now`."""
    status = invitation.status
    if status == PassStatus.REVOKED:
        return REVOKED
    if status == PassStatus.PENDING:
        return AWAITING_HOST if now < invitation.valid_until else EXPIRED
    if status == PassStatus.NO_SHOW:
        return NO_SHOW
    if status == PassStatus.USED_UP or invitation.entries_used >= invitation.entries_allowed:
        return USED_UP
    if status == PassStatus.EXPIRED or now >= invitation.valid_until:
        return EXPIRED
    if now < invitation.valid_from:
        return NOT_YET_VALID
    if not zone_admits(invitation.zone, checkpoint):
        return WRONG_ZONE
    return VALID


@dataclass(frozen=True)
class Verdict:
    reason: str
    invitation: Invitation | None = None

    @property
    def result(self) -> str:
        return RESULT_OF.get(self.reason, self.reason)

    @property
    def valid(self) -> bool:
        return self.reason == VALID

    @property
    def message(self) -> str:
        invitation = self.invitation
        local = timezone.localtime
        messages = {
            VALID: _("Valid: let the visitor in."),
            EXPIRED: _("Expired: the pass's window has ended."),
            NOT_YET_VALID: _("Not yet valid: the pass opens at %(time)s.")
            % {"time": local(invitation.valid_from).strftime("%Y-%m-%d %H:%M")}
            if invitation
            else "",
            AWAITING_HOST: _("The host has not confirmed this visitor yet."),
            NO_SHOW: _("Expired: the visitor never came."),
            REVOKED: _("Revoked by the host or the office."),
            USED_UP: _("Used up: every entry of this pass has been used."),
            WRONG_ZONE: _("This pass does not open this checkpoint."),
            UNKNOWN: _("Unknown code: no pass of this community matches it."),
        }
        return messages[self.reason]


# The gate's read: one statement joining the pass to its host, built once. The ORM would
# compile the same query anew on every scan, which costs more than the read itself.
_GATE_FIELDS = (
    "id",
    "community_id",
    "unit_id",
    "host_staff_id",
    "visitor_name",
    "purpose",
    "note",
    "valid_from",
    "valid_until",
    "entries_allowed",
    "entries_used",
    "zone",
    "plate",
    "status",
    "code",
    "nonce",
    "inside",
    "walk_in",
)
_MOMENTS = {_GATE_FIELDS.index("valid_from"), _GATE_FIELDS.index("valid_until")}
_FLAGS = {_GATE_FIELDS.index("inside"), _GATE_FIELDS.index("walk_in")}


@cache
def _gate_sql(key: str) -> str:
    quote = connection.ops.quote_name
    meta = Invitation._meta
    columns = ", ".join(f"i.{quote(meta.get_field(name).column)}" for name in _GATE_FIELDS)
    return (
        f"SELECT {columns}, u.{quote('building_id')}, b.{quote('number')}, "
        f"u.{quote('entrance')}, u.{quote('number')}, "
        f"s.{quote('first_name')}, s.{quote('last_name')}, s.{quote('username')} "
        f"FROM {quote(meta.db_table)} i "
        f"LEFT JOIN {quote(Unit._meta.db_table)} u ON u.{quote('id')} = i.{quote('unit_id')} "
        f"LEFT JOIN {quote(Building._meta.db_table)} b "
        f"ON b.{quote('id')} = u.{quote('building_id')} "
        f"LEFT JOIN {quote(get_user_model()._meta.db_table)} s "
        f"ON s.{quote('id')} = i.{quote('host_staff_id')} "
        f"WHERE i.{quote(meta.get_field(key).column)} = %s"
    )


def _moment(value) -> datetime:
    if isinstance(value, str):  # SQLite hands back text in ISO form
        value = datetime.fromisoformat(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def _gate_read(key: str, value) -> Invitation | None:
    with connection.cursor() as cursor:
        cursor.execute(_gate_sql(key), [value])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[: len(_GATE_FIELDS)])
    for index in _MOMENTS:
        values[index] = _moment(values[index])
    for index in _FLAGS:
        values[index] = bool(values[index])
    invitation = Invitation(**dict(zip(_GATE_FIELDS, values, strict=True)))
    building_id, building, entrance, number, first, last, username = row[len(_GATE_FIELDS) :]
    if invitation.unit_id:
        invitation.unit = Unit(
            id=invitation.unit_id,
            building=Building(id=building_id, number=building),
            entrance=entrance,
            number=number,
        )
    if invitation.host_staff_id:
        invitation.host_staff = get_user_model()(
            id=invitation.host_staff_id, first_name=first, last_name=last, username=username
        )
    return invitation


def find(text: str, *, community_ids) -> Invitation | None:
    """The invitation a scanned token or a typed code names, among `community_ids`; one row
    read (none for a token whose signature fails)."""
    text = (text or "").strip()
    claims = tokens.read(text)
    if claims is not None:
        if claims.community_id not in community_ids:
            return None
        invitation = _gate_read("id", claims.invitation_id)
        if invitation is None or invitation.nonce != claims.nonce:
            return None
    else:
        code = tokens.clean_code(text)
        if not tokens.is_code(code):
            return None
        invitation = _gate_read("code", code)
    if invitation is None or invitation.community_id not in community_ids:
        return None
    return invitation


def verdict(
    user, text: str, *, checkpoint: str = Zone.ESTATE, community_id: int | None = None, now=None
) -> Verdict:
    """The gate's answer for a scanned token or a typed code, for a member of staff who
    checks passes (at the gate of `community_id`, when given): a pass of another community
    is unknown to them."""
    community_ids = policy.community_ids_with(user, "pass.verify")
    if community_id is not None:
        community_ids = [community_id] if community_id in community_ids else []
    invitation = find(text, community_ids=community_ids) if community_ids else None
    if invitation is None:
        return Verdict(UNKNOWN)
    return Verdict(reason_for(invitation, checkpoint, now or timezone.now()), invitation)


def token_of(invitation: Invitation) -> str:
    return tokens.sign(
        tokens.Claims(
            invitation.pk,
            invitation.community_id,
            int(invitation.valid_until.timestamp()),
            invitation.nonce,
        )
    )


def _vehicle_passes(community_id: int, plates_written) -> QuerySet[Invitation]:
    """Passes naming these plates that may still let a car in: active, or the visitor inside."""
    return Invitation.objects.filter(community_id=community_id, plate__in=plates_written).filter(
        Q(status=PassStatus.ACTIVE) | Q(inside=True)
    )


def lets_car_in(invitation: Invitation, at: datetime) -> bool:
    """Whether a pass naming a car lets it in at `at`: `at` inside the pass's window."""
    return invitation.valid_from <= at < invitation.valid_until


def vehicle_pass_for(community_id: int, plate: str, at: datetime) -> Invitation | None:
    """A visitor's pass that lets the car with `plate` in at `at`: active (or its visitor
    still inside) with `at` inside its window. The plate is compared in its one written
    form; None when no pass names it."""
    written = plates.normalise(plate)
    if not written:
        return None
    return (
        _vehicle_passes(community_id, [written])
        .filter(valid_from__lte=at, valid_until__gt=at)
        .order_by("valid_until", "pk")
        .first()
    )


def vehicle_passes_by_plate(community_id: int, plates_written) -> dict[str, list[Invitation]]:
    """The passes naming any of these plates (already in their written form), by plate, for
    a batch of camera events to check with `lets_car_in` without a query per car."""
    found: dict[str, list[Invitation]] = {}
    for invitation in _vehicle_passes(community_id, list(plates_written)).order_by(
        "valid_until", "pk"
    ):
        found.setdefault(invitation.plate, []).append(invitation)
    return found


def today_at_gate(community_id: int, now=None) -> QuerySet[Invitation]:
    """The community's visitors whose window touches today, newest first, with hosts."""
    now = timezone.localtime(now or timezone.now())
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    return with_hosts(
        Invitation.objects.filter(
            community_id=community_id, valid_from__lt=end, valid_until__gt=start
        )
    ).order_by("-valid_from", "-pk")


def visitor_records(community_id: int, text: str) -> QuerySet[Invitation]:
    """The community's invitations of a visitor, by their name or mobile."""
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    match = Q(visitor_name__icontains=text)
    if len(digits) >= 4 and digits == text.strip():
        match |= Q(visitor_mobile__contains=digits)
    return with_hosts(
        Invitation.objects.filter(community_id=community_id).filter(match)
    ).prefetch_related("events__guard")


def invites_today(unit_id: int, now=None) -> int:
    """How many visitors the home invited since midnight (walk-ins not counted)."""
    now = timezone.localtime(now or timezone.now())
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return Invitation.objects.filter(unit_id=unit_id, walk_in=False, created_at__gte=start).count()


def home_by_label(community_id: int, text: str) -> Unit | None:
    """The home written as building-entrance-room (3-2-502) or building-room (3-502)."""
    parts = (text or "").upper().replace(" ", "").split("-")
    if len(parts) == 3:
        found = Q(building__number=parts[0], entrance=parts[1], number=parts[2])
    elif len(parts) == 2:
        found = Q(building__number=parts[0], entrance="", number=parts[1])
    else:
        return None
    return Unit.objects.filter(found, community_id=community_id).select_related("building").first()
