"""The gate's models, each kept in its area's package and gathered here for Django."""

from .handover.models import Handover, HandoverCount, HandoverItem  # noqa: F401
from .incidents.models import Incident, IncidentPhoto  # noqa: F401
from .parcels.models import Parcel, ParcelSettings  # noqa: F401
from .parking.models import (  # noqa: F401
    Gate,
    GateEvent,
    ParkingPayment,
    ParkingSession,
    ParkingSettings,
    ParkingTariff,
)
from .passes.models import AccessEvent, Invitation, PassSettings  # noqa: F401
from .patrols.models import (  # noqa: F401
    CheckItem,
    Checkpoint,
    PatrolPhoto,
    PatrolPlan,
    PatrolTask,
    Route,
    RoutePoint,
    TaskPoint,
)
