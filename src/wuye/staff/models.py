"""The staff app's models, each kept in its area's package and gathered here for Django."""

from .attendance.models import ClockEvent  # noqa: F401
from .certificates.models import Certificate, CertificateReminder  # noqa: F401
from .feedback.models import StaffFeedback  # noqa: F401
from .organisation.models import Assignment, Department, Post  # noqa: F401
from .rosters.models import (  # noqa: F401
    Roster,
    RosterChange,
    RosterEntry,
    ShiftTemplate,
    WorkRules,
)
from .training.models import Course, TrainingRecord, TrainingSession  # noqa: F401
