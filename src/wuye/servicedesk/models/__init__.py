"""The customer center (客户服务中心): work orders, their timeline and what configures them.

Every request — repair, complaint, enquiry, suggestion, praise, concierge — is one
`WorkOrder`. Its state changes only through `services` (see `workflow` for which action is
allowed from which state); each change appends a `WorkOrderEvent`, and rows of the timeline
are never edited or deleted.

One module per subject: `choices` (the vocabularies), `settings` (what a community
configures), `teams`, `orders`, `records` (call-backs, spot checks), `inbox` (the language
of notifications) and `tally` (the daily summary of the indicators). Every name is
importable from here, as the migrations and the rest of the app import them.
"""

from .choices import (
    COMPLAINANT_HINTS,
    COMPLAINT_STEPS,
    FINAL_STATES,
    MONEY,
    OPEN_STATES,
    REPAIRS,
    RESIDENT_CHANNELS,
    USER,
    CallbackMethod,
    CallbackScope,
    Category,
    Channel,
    ComplainantType,
    Priority,
    RepairChargesPosted,
    ReplyChannel,
    Status,
    Subcategory,
    TargetClock,
    Visibility,
)
from .inbox import NotificationLanguage
from .orders import (
    UNMET,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderItem,
    WorkOrderPhoto,
    photo_path,
)
from .records import CallBack, SpotCheck
from .settings import DeskSettings, PriceListItem, SlaPolicy
from .tally import DailyTally, TallyMark, TallyState
from .teams import Team, TeamMember

__all__ = [
    "COMPLAINANT_HINTS",
    "COMPLAINT_STEPS",
    "FINAL_STATES",
    "MONEY",
    "OPEN_STATES",
    "REPAIRS",
    "RESIDENT_CHANNELS",
    "UNMET",
    "USER",
    "CallBack",
    "CallbackMethod",
    "CallbackScope",
    "Category",
    "Channel",
    "ComplainantType",
    "DailyTally",
    "DeskSettings",
    "NotificationLanguage",
    "PriceListItem",
    "Priority",
    "RepairChargesPosted",
    "ReplyChannel",
    "SlaPolicy",
    "SpotCheck",
    "Status",
    "Subcategory",
    "TallyMark",
    "TallyState",
    "TargetClock",
    "Team",
    "TeamMember",
    "Visibility",
    "WorkOrder",
    "WorkOrderCounter",
    "WorkOrderEvent",
    "WorkOrderItem",
    "WorkOrderPhoto",
    "photo_path",
]
