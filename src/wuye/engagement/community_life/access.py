"""Community life: every member of staff sees events and groups; the office and the
clubhouse run events; the office runs reception days and records visits (走访)."""

from wuye.core.policy import ALL_STAFF, OFFICE, Area
from wuye.core.policy import R as Role

AREAS = [
    Area("event", verbs={"view": ALL_STAFF, "manage": OFFICE | {Role.CLUBHOUSE_STAFF}}),
    Area("reception", verbs={"view": OFFICE, "manage": OFFICE}),
    Area("visit", verbs={"view": OFFICE, "record": OFFICE}),
]
