"""Changes to companies, communities and memberships."""

from django.db import transaction

from . import audit
from .models import Community, ServiceStandard
from .standards import LEVEL_DEFAULTS


@transaction.atomic
def community_create(*, actor, **fields) -> Community:
    """Create a community and seed its service standards from its service level."""
    community = Community(**fields)
    community.full_clean()
    community.save()
    service_standard_reset(community=community, actor=actor)
    audit.record(actor=actor, action="community.create", obj=community)
    return community


@transaction.atomic
def service_standard_reset(*, community: Community, actor) -> ServiceStandard:
    """(Re)seed the community's standards from the defaults of its service level."""
    defaults = LEVEL_DEFAULTS[community.service_level]
    standard, _ = ServiceStandard.objects.update_or_create(community=community, defaults=defaults)
    audit.record(
        actor=actor,
        action="community.standards_reset",
        obj=community,
        changes={"service_level": community.service_level},
    )
    return standard
