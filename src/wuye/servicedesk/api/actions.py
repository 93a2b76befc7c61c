"""One route per action on a work order (`/work-orders/{id}/actions/<action>`), each with the
fields it takes; the operation ids are `work_order_<action>`."""

from __future__ import annotations

from ninja import Router

from wuye.core.api import Id, errors

from .. import services
from .common import answered, aware, detail_out, staff_user, visible_order
from .schemas import (
    ArriveIn,
    AssignIn,
    CommentIn,
    NoteIn,
    RateIn,
    ReasonIn,
    ReplyIn,
    ResolveIn,
    TransferIn,
    VisitIn,
    WorkOrderDetailOut,
)

router = Router()
ACTION_ERRORS = errors(400, 401, 403, 404, 409, 422)


def _act(request, work_order_id: int, function, **fields) -> dict:
    user = request.auth
    order = visible_order(user, work_order_id)
    with answered():
        function(order=order, actor=user, **fields)
    return detail_out(user, order.pk)


def _action(action: str, summary: str):
    return router.post(
        f"/work-orders/{{work_order_id}}/actions/{action}",
        response={200: WorkOrderDetailOut, **ACTION_ERRORS},
        summary=summary,
        operation_id=f"work_order_{action}",
    )


@_action("accept", "Accept a submitted request (受理)")
def accept(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_accept,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("dispatch", "Dispatch to a staff member (派单)")
def dispatch(request, work_order_id: Id, payload: AssignIn):
    user = request.auth
    order = visible_order(user, work_order_id)
    with answered():
        assignee = staff_user(order, payload.assignee_id)
    return _act(
        request,
        work_order_id,
        services.work_order_dispatch,
        assignee=assignee,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("arrive", "The assignee records their arrival on site (到场): when, and where")
def arrive(request, work_order_id: Id, payload: ArriveIn):
    with answered():
        arrived_at = aware(payload.arrived_at, "arrived_at")
    return _act(
        request,
        work_order_id,
        services.work_order_arrive,
        arrived_at=arrived_at,
        latitude=payload.latitude,
        longitude=payload.longitude,
        accuracy=payload.accuracy,
        note=payload.note,
    )


@_action("start", "The assignee starts on site")
def start(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_start,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("hold", "Put on hold: waiting for parts or for the owner (挂起)")
def hold(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_hold,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("resume", "Resume from hold")
def resume(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_resume,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("transfer", "Transfer to another staff member, with the reason (转单)")
def transfer(request, work_order_id: Id, payload: TransferIn):
    user = request.auth
    order = visible_order(user, work_order_id)
    with answered():
        assignee = staff_user(order, payload.assignee_id)
    return _act(
        request,
        work_order_id,
        services.work_order_transfer,
        assignee=assignee,
        reason=payload.reason,
    )


@_action("send_back", "The assignee sends the order back for re-dispatch (退单)")
def send_back(request, work_order_id: Id, payload: ReasonIn):
    return _act(request, work_order_id, services.work_order_send_back, reason=payload.reason)


@_action("resolve", "Resolve with a result note and priced items (完工)")
def resolve(request, work_order_id: Id, payload: ResolveIn):
    items = [item.model_dump(exclude_none=True) for item in payload.items]
    return _act(
        request,
        work_order_id,
        services.work_order_resolve,
        result=payload.result,
        items=items,
        withdraw_item_ids=payload.withdraw_item_ids,
    )


@_action("rate", "The owner rates the work (1–5)")
def rate(request, work_order_id: Id, payload: RateIn):
    return _act(
        request,
        work_order_id,
        services.work_order_rate,
        score=payload.score,
        comment=payload.comment,
    )


@_action("approve_items", "A supervisor approves the items charged off the price list")
def approve_items(request, work_order_id: Id, payload: NoteIn):
    return _act(request, work_order_id, services.work_order_approve_items, note=payload.note)


@_action("visit", "Record the call-back (回访)")
def visit(request, work_order_id: Id, payload: VisitIn):
    return _act(
        request,
        work_order_id,
        services.work_order_visit,
        satisfied=payload.satisfied,
        method=payload.method,
        score=payload.score,
        note=payload.note,
    )


@_action("close", "Close the order")
def close(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_close,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("reopen", "Reopen, with the reason: the work is done again")
def reopen(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_reopen,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("cancel", "Cancel, with the reason")
def cancel(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_cancel,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("chase", "The owner asks for progress (催单)")
def chase(request, work_order_id: Id, payload: NoteIn):
    return _act(request, work_order_id, services.work_order_chase, note=payload.note)


@_action("comment", "Add a note to the timeline")
def comment(request, work_order_id: Id, payload: CommentIn):
    return _act(
        request,
        work_order_id,
        services.work_order_comment,
        text=payload.text,
        to_owner=payload.to_owner,
    )


@_action("reply", "Record a reply given to the complainant (答复): how, who, what, when")
def reply(request, work_order_id: Id, payload: ReplyIn):
    user = request.auth
    order = visible_order(user, work_order_id)
    with answered():
        replied_by = None
        if payload.replied_by_id is not None:
            replied_by = staff_user(order, payload.replied_by_id, "replied_by_id")
        replied_at = aware(payload.replied_at, "replied_at")
    return _act(
        request,
        work_order_id,
        services.work_order_reply,
        channel=payload.channel,
        text=payload.text,
        replied_by=replied_by,
        replied_at=replied_at,
    )
