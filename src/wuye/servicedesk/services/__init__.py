"""Every change to a work order: one function per action of the workflow.

Each action takes keyword arguments including the acting user (`actor`) and the time of the
action (`at`, default now; the demo replays a year with it), runs in one transaction, locks
the order, checks from which state (`workflow.require_state`, else InvalidTransition) and by
whom (`workflow.may`, else PermissionDenied) it may be taken, writes the change and its
timeline event together, and notifies people only after commit.
"""

from .actions import (
    work_order_accept,
    work_order_cancel,
    work_order_chase,
    work_order_close,
    work_order_comment,
    work_order_dispatch,
    work_order_hold,
    work_order_rate,
    work_order_reopen,
    work_order_resolve,
    work_order_resume,
    work_order_send_back,
    work_order_start,
    work_order_transfer,
    work_order_visit,
)
from .arrival import work_order_arrive
from .charges import work_order_approve_items
from .complaints import complaint_promise, complaint_step_done, work_order_reply
from .config import (
    desk_settings_save,
    price_item_retire,
    price_item_save,
    sla_policies_seed,
    sla_policy_save,
    team_member_save,
    team_save,
)
from .intake import work_order_submit
from .records import atomic_with_photos, spot_check_record, work_order_photo_add
from .sweep import sla_sweep

__all__ = [
    "atomic_with_photos",
    "complaint_promise",
    "complaint_step_done",
    "desk_settings_save",
    "price_item_retire",
    "price_item_save",
    "sla_policies_seed",
    "sla_policy_save",
    "sla_sweep",
    "spot_check_record",
    "team_member_save",
    "team_save",
    "work_order_accept",
    "work_order_approve_items",
    "work_order_arrive",
    "work_order_cancel",
    "work_order_chase",
    "work_order_close",
    "work_order_comment",
    "work_order_dispatch",
    "work_order_hold",
    "work_order_photo_add",
    "work_order_rate",
    "work_order_reopen",
    "work_order_reply",
    "work_order_resolve",
    "work_order_resume",
    "work_order_send_back",
    "work_order_start",
    "work_order_submit",
    "work_order_transfer",
    "work_order_visit",
]
