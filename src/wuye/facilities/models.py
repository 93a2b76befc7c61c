"""The facilities' models, each kept in its area's package and gathered here for Django."""

from .equipment.models import Equipment  # noqa: F401
from .maintenance.models import (  # noqa: F401
    ChecklistItem,
    MaintenancePlan,
    MaintenanceTask,
    TaskAnswer,
)
