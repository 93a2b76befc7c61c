"""The facilities' models, each kept in its area's package and gathered here for Django."""

from .contractors.models import (  # noqa: F401
    Contract,
    Contractor,
    Inspection,
    Score,
    ScoreItem,
)
from .equipment.models import (  # noqa: F401
    ComplianceNotice,
    ComplianceRule,
    Equipment,
    EquipmentDocument,
    EquipmentFault,
    StatutoryProfile,
)
from .inspections.models import PlanOrigin  # noqa: F401
from .maintenance.models import (  # noqa: F401
    ChecklistItem,
    CounterReading,
    MaintenancePlan,
    MaintenanceTask,
    TaskAnswer,
)
from .stores.models import StockItem, StockMovement  # noqa: F401
