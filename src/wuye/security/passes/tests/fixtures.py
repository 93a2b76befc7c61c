"""Visitors' passes for tests: an invitation from an owner, and one in each community for the
access sweeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wuye.security.passes import services


def invite(site, *, who=None, home="owner_home", community=None, **data):
    """An invitation sent through the service (by the owner to their home by default)."""
    now = timezone.now()
    return services.invitation_create(
        actor=who or site.owner,
        community=community or site.community,
        unit=site.units[home] if home else None,
        data={
            "visitor_name": "Sun Li",
            "visitor_mobile": "13800001111",
            "valid_from": now - timedelta(minutes=5),
            "valid_until": now + timedelta(hours=4),
            **data,
        },
    )


def passes_for_sweep(site) -> dict[str, int]:
    """An open invitation in Bordeaux Town (the owner's) and in the other community."""
    here = invite(site)
    other = invite(site, who=site.other_owner, home="other_home", community=site.other)
    return {"here": here.pk, "other": other.pk}


@pytest.fixture
def invitation(site):
    return invite(site)
