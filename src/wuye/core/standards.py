"""Service standards by service level (服务等级), from the national grading standard.

These are the defaults a community is seeded with; every figure stays editable per
community (see `ServiceStandard`). Values marked c.c. in the domain notes are commonly
cited practice rather than checked text.
"""

from datetime import time
from decimal import Decimal

from .models import Community, ServiceStandard

LEVEL_DEFAULTS: dict[str, dict] = {
    "1": {
        "service_phone_hours": 24,
        "emergency_onsite_minutes": 30,
        "repair_resolve_hours": 24,
        "complaint_first_reply_hours": 24,
        "complaint_resolution_working_days": 3,
        "callback_records": True,
        "surveys_per_year": 2,
        "satisfaction_target": Decimal("80.00"),
        "building_patrol_days": 1,
        "renovation_patrol_days": 1,
        "security_patrol_hours": 1,
        "bins_cleared_per_day": 2,
        "stairwell_mop_days": 7,
        "lift_service_hours": 24,
        "lamps_working_target": Decimal("95.00"),
        "collection_rate_target": Decimal("98.00"),
        # Service-centre hours on working days (c.c.): the "service" SLA clock.
        "service_opens_at": time(8),
        "service_closes_at": time(18),
    },
    "2": {
        "service_phone_hours": 24,
        "emergency_onsite_minutes": 30,
        "repair_resolve_hours": 24,
        "complaint_first_reply_hours": 24,
        "complaint_resolution_working_days": 3,
        "callback_records": True,
        "surveys_per_year": 1,
        "satisfaction_target": Decimal("75.00"),
        "building_patrol_days": 3,
        "renovation_patrol_days": 3,
        "security_patrol_hours": 2,
        "bins_cleared_per_day": 1,
        "stairwell_mop_days": 15,
        "lift_service_hours": 18,
        "lamps_working_target": Decimal("90.00"),
        "collection_rate_target": Decimal("95.00"),
        "service_opens_at": time(8),
        "service_closes_at": time(18),
    },
    "3": {
        "service_phone_hours": 8,
        # 三级: emergency repairs at the agreed time; 0 means "no fixed minutes".
        "emergency_onsite_minutes": 0,
        "repair_resolve_hours": 48,
        "complaint_first_reply_hours": 24,
        "complaint_resolution_working_days": 3,
        "callback_records": False,
        "surveys_per_year": 1,
        "satisfaction_target": Decimal("70.00"),
        "building_patrol_days": 7,
        "renovation_patrol_days": 7,
        "security_patrol_hours": 3,
        "bins_cleared_per_day": 0,
        "stairwell_mop_days": 0,
        "lift_service_hours": 0,
        "lamps_working_target": Decimal("80.00"),
        "collection_rate_target": Decimal("90.00"),
        # An 8-hour service phone: the centre keeps 8 hours.
        "service_opens_at": time(9),
        "service_closes_at": time(17),
    },
}


def standard_of(community: Community) -> ServiceStandard:
    """The community's service standard, or (unsaved) the defaults of its service level."""
    try:
        return community.standard
    except ServiceStandard.DoesNotExist:
        return ServiceStandard(**LEVEL_DEFAULTS[community.service_level])
