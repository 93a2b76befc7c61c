"""Certificates: supervisors keep their people's certificates and see what expires."""

from wuye.core.policy import Area

from ..roles import SUPERVISORS

AREAS = [
    Area(
        "certificate",
        verbs={"view": SUPERVISORS, "manage": SUPERVISORS},
        models={"staff.certificate": None, "staff.certificatereminder": None},
    ),
]
