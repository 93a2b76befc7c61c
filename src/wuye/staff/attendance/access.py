"""Attendance: every member of staff clocks in and out; supervisors read the sheets; the
manager records a clock event for someone whose phone could not."""

from wuye.core.policy import Area

from ..roles import EVERYONE, MANAGERS, SUPERVISORS

AREAS = [
    Area(
        "attendance",
        verbs={"clock": EVERYONE, "view": SUPERVISORS, "export": SUPERVISORS, "record": MANAGERS},
        models={"staff.clockevent": None},
    ),
]
