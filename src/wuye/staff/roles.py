"""Who runs the staff areas: the manager and the company administrator, and the supervisors
of the departments, each for their own people's rosters, certificates and training."""

from wuye.core.policy import ALL_STAFF
from wuye.core.policy import R as Role

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})
SUPERVISORS = MANAGERS | frozenset(
    {
        Role.CS_SUPERVISOR,
        Role.ENGINEERING_SUPERVISOR,
        Role.SECURITY_SUPERVISOR,
        Role.ENVIRONMENT_SUPERVISOR,
    }
)
EVERYONE = ALL_STAFF
