"""Staff suggestions and complaints: anyone on the staff writes one; the manager answers."""

from wuye.core.policy import Area

from ..roles import EVERYONE, MANAGERS

AREAS = [
    Area(
        "staff_feedback",
        verbs={"submit": EVERYONE, "answer": MANAGERS},
        models={"staff.stafffeedback": None},
    ),
]
