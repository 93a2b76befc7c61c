"""Visitors at Bordeaux Town's gate today: a dozen passes in every state, through the services.

Owners and the tenant invite family, a plumber, a courier and a renovation worker; the guard
registers walk-ins (one waits for its host, one the host confirmed by phone), the front desk
one for the office; the guard checks some in and out; a tenant revokes a pass; three passes
with a window of a minute end as no-show or expired when the sweep runs. A second run
changes nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core import policy
from wuye.core.models import Community
from wuye.estates.models import Unit
from wuye.security.passes import services
from wuye.security.passes.models import Invitation


def _home(user) -> Unit:
    return Unit.objects.get(pk=policy.resident_homes(user)[0]["id"])


def visitors_load(community: Community, now: datetime | None = None) -> dict[str, int]:
    """Load today's visitors, unless the community already has passes."""
    if Invitation.objects.filter(community=community).exists():
        return {}
    with transaction.atomic():
        return _load(community, now or timezone.now())


def _load(community: Community, now: datetime) -> dict[str, int]:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_LOGINS)}
    owner, owner2, tenant = users["owner"], users["owner2"], users["tenant"]
    guard, frontdesk = users["guard"], users["frontdesk"]
    today = timezone.localtime(now).date()
    tomorrow = today + timedelta(days=1)

    def at(day, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def invite(who, **data) -> Invitation:
        data.setdefault("valid_from", now - timedelta(minutes=30))
        data.setdefault("valid_until", now + timedelta(hours=6))
        return services.invitation_create(
            actor=who, community=community, unit=_home(who), data=data
        )

    def walk_in(who, unit, **data) -> Invitation:
        return services.walk_in_register(actor=who, community=community, unit=unit, data=data)

    def check_in(invitation, gate="北门") -> None:
        services.pass_check_in(actor=guard, invitation=invitation, gate=gate)

    friend = invite(owner, visitor_name="李明", visitor_mobile="13899990001", purpose="guest")
    check_in(friend)
    plumber = invite(
        owner,
        visitor_name="王师傅",
        purpose="home_service",
        note="厨房水管维修",
        entries=3,
        valid_from=min(at(today, 8), now),
        valid_until=max(at(today, 20), now + timedelta(hours=2)),
    )
    check_in(plumber)
    services.pass_check_out(actor=guard, invitation=plumber, gate="北门")
    invite(
        owner,
        visitor_name="张阿姨",
        purpose="guest",
        valid_from=at(tomorrow, 10),
        valid_until=at(tomorrow, 20),
    )
    invite(
        owner2,
        visitor_name="快递员 陈",
        purpose="delivery",
        zone="lobby",
        valid_until=now + timedelta(hours=2),
    )
    worker = invite(
        owner2,
        visitor_name="赵工",
        visitor_mobile="13899990002",
        purpose="contractor",
        note="卫生间装修",
        entries=20,
        plate="新AD12345",
        valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(days=7),
    )
    check_in(worker, gate="车行道")
    revoked = invite(tenant, visitor_name="陈静", purpose="guest", plate="新B67890")
    services.invitation_revoke(actor=tenant, invitation=revoked)

    walk_in(guard, _home(owner), visitor_name="周先生", purpose="business", note="送合同")
    confirmed = walk_in(guard, _home(tenant), visitor_name="吴女士", purpose="guest")
    services.invitation_confirm(actor=guard, invitation=confirmed, by_phone=True)
    check_in(confirmed)
    walk_in(frontdesk, None, visitor_name="郑先生", purpose="business", note="应聘面试")

    # Passes whose window ends within the minute: the sweep closes them.
    short = now + timedelta(minutes=1)
    invite(owner2, visitor_name="孙女士", purpose="guest", valid_until=short)
    came = invite(tenant, visitor_name="钱先生", purpose="guest", valid_until=short)
    check_in(came)
    services.pass_check_out(actor=guard, invitation=came)
    walk_in(guard, _home(owner2), visitor_name="冯先生", purpose="other", valid_until=short)
    closed = services.passes_close(short + timedelta(minutes=1))
    return {
        "passes": Invitation.objects.filter(community=community).count(),
        "inside": Invitation.objects.filter(community=community, inside=True).count(),
        "closed": closed["no_show"] + closed["expired"],
    }


_LOGINS = ("owner", "owner2", "tenant", "guard", "frontdesk")
