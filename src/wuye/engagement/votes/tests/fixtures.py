"""Owners' votes for tests: a question put by the manager, a ballot cast for a home."""

from datetime import timedelta

from django.utils import timezone

from wuye.engagement.votes import services


def put_vote(site, *, matter="ordinary", opens_in=timedelta(0), lasts=timedelta(days=7), **more):
    now = timezone.now()
    return services.vote_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Hire a new gardener",
            "matter": matter,
            "opens_at": now + opens_in,
            "closes_at": now + opens_in + lasts,
            **more,
        },
    )


def cast(site, vote, who, home, choice="for"):
    return services.ballot_cast(
        actor=getattr(site, who), vote=vote, unit=site.units[home], choice=choice
    )
