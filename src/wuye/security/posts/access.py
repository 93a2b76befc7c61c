"""The post board: the guards, their supervisor, the manager and the company administrator
see it; a guard's own post on the home page, the supervisor's gaps there."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

AREAS = [
    Area(
        "post",
        verbs={
            "board": frozenset(
                {Role.GUARD, Role.SECURITY_SUPERVISOR, Role.PROPERTY_MANAGER, Role.COMPANY_ADMIN}
            ),
            # the home page's panel of one's own post and next patrol
            "mine": frozenset({Role.GUARD}),
            # the home page's panel of the posts short of people or certificates now
            "gaps": frozenset({Role.SECURITY_SUPERVISOR}),
        },
    ),
]
