"""The organisation: supervisors read the staff list and the org chart; the manager changes
departments, posts and who holds them."""

from wuye.core.policy import Area

from ..roles import MANAGERS, SUPERVISORS

AREAS = [
    Area(
        "staff",
        verbs={"view": SUPERVISORS, "export": SUPERVISORS, "manage": MANAGERS},
        models={
            "staff.department": None,
            "staff.post": None,
            "staff.assignment": None,
        },
    ),
]
