"""Reads of visitors' passes, scoped to what the caller may see, and the gate's check.

Staff holding `pass.view` see their communities' invitations; a resident sees those of their
own homes. `verdict` is the gate's hot path: one signature check (for a scanned token) and
one row read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.estates import plates
from wuye.estates.models import Unit

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


def find(text: str, *, community_ids) -> Invitation | None:
    """The invitation a scanned token or a typed code names, among `community_ids`; one row
    read (none for a token whose signature fails)."""
    text = (text or "").strip()
    rows = with_hosts(Invitation.objects.filter(community_id__in=community_ids))
    claims = tokens.read(text)
    if claims is not None:
        if claims.community_id not in community_ids:
            return None
        invitation = rows.filter(pk=claims.invitation_id).first()
        if invitation is None or invitation.nonce != claims.nonce:
            return None
        return invitation
    code = tokens.clean_code(text)
    if not tokens.is_code(code):
        return None
    return rows.filter(code=code).first()


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


def vehicle_pass_for(community_id: int, plate: str, at: datetime) -> Invitation | None:
    """A visitor's pass that lets the car with `plate` in at `at`: active (or its visitor
    still inside) with `at` inside its window. The plate is compared in its one written
    form; None when no pass names it."""
    written = plates.normalise(plate)
    if not written:
        return None
    return (
        Invitation.objects.filter(
            community_id=community_id,
            plate=written,
            valid_from__lte=at,
            valid_until__gt=at,
        )
        .filter(Q(status=PassStatus.ACTIVE) | Q(inside=True))
        .order_by("valid_until", "pk")
        .first()
    )


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
