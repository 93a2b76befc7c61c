"""Training: supervisors keep the courses and record the sessions and their attendees."""

from wuye.core.policy import Area

from ..roles import SUPERVISORS

AREAS = [
    Area(
        "training",
        verbs={"view": SUPERVISORS, "manage": SUPERVISORS},
        models={
            "staff.course": None,
            "staff.trainingsession": None,
            "staff.trainingrecord": None,
        },
    ),
]
