"""Handovers for tests: the pedestrian gate of the test community, its counted items, the day
guard (`guard`, rostered on the day shift) handing over at 16:00 to `guard2` rostered on the
middle shift."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from wuye.security.handover import services
from wuye.security.handover.models import HandoverItem
from wuye.staff.rosters.models import Roster, RosterEntry, week_of
from wuye.staff.rosters.tests.fixtures import guards, posts_for, shifts_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
ITEMS = (("Keys", 12), ("Radios", 4), ("Torches", 3))


def handover_site(site, day) -> dict:
    """The gate's post, its items, `guard` on its day shift and `guard2` on its middle shift
    of `day` (published)."""
    people = guards(site, 3)
    post = posts_for(site.community)["pedestrian-gate"]
    shifts = shifts_for(site.community)
    for order, (name, expected) in enumerate(ITEMS):
        HandoverItem.objects.get_or_create(
            community=site.community, name=name, defaults={"expected": expected, "order": order}
        )
    roster, _ = Roster.objects.get_or_create(
        community=site.community, post=post, week=week_of(day), defaults={"status": "published"}
    )
    RosterEntry.objects.get_or_create(
        roster=roster, community=site.community, user=people[0], date=day, shift=shifts["day"]
    )
    RosterEntry.objects.get_or_create(
        roster=roster, community=site.community, user=people[1], date=day, shift=shifts["middle"]
    )
    ends_at = datetime.combine(day, time(16), tzinfo=SHANGHAI)
    return {"post": post, "shift": shifts["day"], "ends_at": ends_at, "incoming": people[1]}


def submitted(site, day, counts=None, **data):
    """A handover of the gate written and submitted by `guard`."""
    gate = handover_site(site, day)
    handover = services.handover_start(
        actor=site.guard,
        community=site.community,
        post=gate["post"],
        ends_at=gate["ends_at"],
        shift=gate["shift"],
    )
    services.handover_count(
        actor=site.guard,
        handover=handover,
        counts=counts or dict(ITEMS),
        notes=data.get("notes", "Quiet shift."),
    )
    return services.handover_submit(actor=site.guard, handover=handover)


def sweep_handover(site, community=None) -> dict:
    """For the access sweeps: a handover of the community's control centre awaiting its incoming
    guard, and the body of a new one. In Bordeaux Town `guard2` hands over the day shift of
    today to `guard` (on the middle shift, who may confirm it and hand over the middle shift
    in turn); in another community the handover is written as it stands, for nobody here."""
    from django.utils import timezone

    from wuye.security.handover.models import Handover, HandoverStatus

    community = community or site.community
    day = timezone.localdate()
    post = posts_for(community)["control-centre"]
    ends_at = datetime.combine(day, time(16), tzinfo=SHANGHAI)
    body = {
        "community_id": community.pk,
        "post": post.code,
        "ends_at": datetime.combine(day + timedelta(days=1), time(0), tzinfo=SHANGHAI).isoformat(),
        "counts": [{"item": name, "count": count} for name, count in ITEMS],
    }
    for order, (name, expected) in enumerate(ITEMS):
        HandoverItem.objects.get_or_create(
            community=community, name=name, defaults={"expected": expected, "order": order}
        )
    if community != site.community:
        handover = Handover.objects.create(
            community=community,
            post=post,
            ends_at=ends_at,
            outgoing=site.other_manager,
            status=HandoverStatus.AWAITING_INCOMING,
        )
        return {"handover_id": handover.pk, "handover_body": body}
    people = guards(site, 2)
    shifts = shifts_for(community)
    roster, _ = Roster.objects.get_or_create(
        community=community, post=post, week=week_of(day), defaults={"status": "published"}
    )
    for user, shift in ((people[1], "day"), (people[0], "middle")):
        RosterEntry.objects.get_or_create(
            roster=roster, community=community, user=user, date=day, shift=shifts[shift]
        )
    handover = services.handover_start(
        actor=people[1], community=community, post=post, ends_at=ends_at, shift=shifts["day"]
    )
    services.handover_count(actor=people[1], handover=handover, counts=dict(ITEMS))
    services.handover_submit(actor=people[1], handover=handover)
    return {"handover_id": handover.pk, "handover_body": body}
