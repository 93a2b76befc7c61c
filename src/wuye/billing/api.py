"""API: fee items, bill runs, statements, payments and the collection report.

Amounts are decimal strings with two places ("78.80").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, PlainSerializer

from wuye.core import policy
from wuye.core.api import (
    Body,
    BoolIn,
    CountIn,
    DateIn,
    Id,
    IdIn,
    Month,
    Page,
    PageParams,
    column_decimal,
    column_text,
    decimal_in,
    errors,
    number_in,
    paginate,
    patch_schema,
    text_in,
)
from wuye.core.models import Community
from wuye.estates.models import UnitUse

from . import calc, queries, services
from .models import (
    FEE_CODE_PATTERN,
    AppliesTo,
    BillRun,
    FeeItem,
    FeeKind,
    FeeMethod,
    Payment,
    PaymentMethod,
    RepairWait,
    Rounding,
    Timing,
)
from .runs.services import bill_run_start

router = Router(tags=["billing"])

Money = Annotated[
    Decimal,
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json"),
    Field(description="Yuan, as a decimal string with two places."),
]
Rate = Annotated[
    Decimal,
    PlainSerializer(lambda d: f"{d:.4f}", return_type=str, when_used="json"),
    Field(description="Collected ÷ due, a fraction with four places."),
]
Period = Month


# ---- fee items -------------------------------------------------------------------------------


class FeeItemOut(Schema):
    id: int
    community_id: int
    name: str
    code: str
    kind: FeeKind
    method: FeeMethod
    unit_price: str = Field(
        description="Yuan per unit (m², space, month or reading unit), in effect today."
    )
    next_price: str | None = Field(description="The next price set, if any.")
    next_price_from: str | None = Field(description="The month the next price starts (YYYY-MM).")
    cycle_months: int
    timing: str
    due_days: int
    start_date: str
    end_date: str | None
    active: bool


def _fee_item_out(item: FeeItem) -> dict:
    return {
        "id": item.pk,
        "community_id": item.community_id,
        "name": item.label,
        "code": item.code,
        "kind": item.kind,
        "method": item.method,
        "unit_price": calc.price_text(item.price_now),
        "next_price": None if item.price_next is None else calc.price_text(item.price_next),
        "next_price_from": f"{item.price_next_from:%Y-%m}" if item.price_next_from else None,
        "cycle_months": item.cycle_months,
        "timing": item.timing,
        "due_days": item.due_days,
        "start_date": item.start_date.isoformat(),
        "end_date": item.end_date.isoformat() if item.end_date else None,
        "active": item.active,
    }


@router.get(
    "/fee-items",
    response={200: Page[FeeItemOut], **errors(401, 422)},
    summary="Fee items (收费项目) of the communities the caller may see, or of one",
)
def fee_item_list(request, paging: Query[PageParams], community_id: Id | None = None) -> dict:
    items = queries.fee_items_visible_to(request.auth, community_id)
    count, rows = paginate(queries.with_prices(items, timezone.localdate()), paging)
    return {"count": count, "items": [_fee_item_out(item) for item in rows]}


# The first day of the month a price takes effect from: YYYY-MM, or YYYY-MM-01.
PRICE_START_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])(-01)?$"
PriceStart = Annotated[
    str,
    Field(
        pattern=PRICE_START_PATTERN,
        examples=["2026-03"],
        description="The month the price takes effect from (YYYY-MM, or its first day "
        "YYYY-MM-01). It must come after the last day the item has been billed for (else "
        "409): charges already made never change. Without it, the first month not yet billed.",
    ),
]
CycleMonths = Annotated[int, Field(ge=1, le=12), BeforeValidator(number_in)]


class FeeItemFields(Body):
    code: Annotated[str, Field(pattern=FEE_CODE_PATTERN, max_length=20)]
    name: column_text(FeeItem, "name") = Field(  # type: ignore[valid-type]
        "", description="Blank: the item is called by its kind, in the reader's language."
    )
    kind: FeeKind
    method: FeeMethod
    unit_price: column_decimal(FeeItem, "unit_price")  # type: ignore[valid-type]
    cycle_months: CycleMonths = 1
    timing: Timing = Timing.PREPAID
    due_days: CountIn = Field(15, description="Days after the cycle starts (or ends).")
    rounding: Rounding = Rounding.HALF_UP
    start_date: DateIn
    applies_use: UnitUse = Field(
        UnitUse.RESIDENTIAL, description="The homes of this use pay it (without a building)."
    )
    applies_building_id: IdIn | None = Field(
        None, description="The homes of this building pay it (whatever their use)."
    )
    vacant_rate_applies: BoolIn = False
    auto_pay_from_prepaid: BoolIn = True


class FeeItemIn(FeeItemFields):
    community_id: IdIn


class FeeItemChange(FeeItemFields):
    end_date: DateIn | None = Field(
        None, description="The item's last day: on or after the last day it has been billed for."
    )
    effective_from: PriceStart | None = None


FeeItemPatch = patch_schema(FeeItemChange)


def _price_start(text: str | None) -> date | None:
    return None if text is None else date(int(text[:4]), int(text[5:7]), 1)


def _item_fields(data: dict) -> dict:
    """The service's fields from a request body: the building (or none) says whom it reaches."""
    if "applies_building_id" in data:
        building = data.pop("applies_building_id")
        data["applies_building"] = building
        data["applies_to"] = AppliesTo.USE if building is None else AppliesTo.BUILDING
    return data


def _fee_item(pk: int) -> dict:
    item = queries.with_prices(FeeItem.objects.filter(pk=pk), timezone.localdate()).get()
    return _fee_item_out(item)


@router.post(
    "/fee-items",
    response={201: FeeItemOut, **errors()},
    summary="Add a fee item (收费项目), its price in effect from its first month",
)
def fee_item_create(request, payload: FeeItemIn):
    community = _community(request.auth, payload.community_id, "billing.configure")
    data = _item_fields(payload.model_dump(exclude={"community_id"}))
    item = services.fee_item_create(community=community, fields=data, actor=request.auth)
    return Status(201, _fee_item(item.pk))


@router.patch(
    "/fee-items/{fee_item_id}",
    response={200: FeeItemOut, **errors()},
    summary="Change a fee item; a new unit_price takes effect from effective_from",
    description="Other fields change as sent. Once the item has been billed, its kind, "
    "calculation, cycle and first day stay as they are (409). A price change leaves every "
    "charge already made as it is.",
)
def fee_item_update(request, fee_item_id: Id, payload: FeeItemPatch):
    item = get_object_or_404(queries.fee_items_visible_to(request.auth), pk=fee_item_id)
    policy.require_perm(request.auth, "billing.configure", item.community_id)
    data = payload.model_dump(exclude_unset=True)
    price = data.pop("unit_price", None)
    effective_from = _price_start(data.pop("effective_from", None))
    with transaction.atomic():
        if data:
            services.fee_item_change(item=item, fields=_item_fields(data), actor=request.auth)
        if price is not None:
            services.fee_price_change(
                item=item, unit_price=price, effective_from=effective_from, actor=request.auth
            )
    return _fee_item(item.pk)


# ---- bill runs ---------------------------------------------------------------------------------


class BillRunIn(Body):
    community_id: IdIn
    period: Period


class BillRunOut(Schema):
    id: int
    community_id: int
    period: str
    status: BillRun.Status
    units_total: int
    units_done: int
    charges_created: int
    total_amount: Money
    error: str


def _bill_run_out(run: BillRun) -> dict:
    return {
        "id": run.pk,
        "community_id": run.community_id,
        "period": run.period,
        "status": run.status,
        "units_total": run.units_total,
        "units_done": run.units_done,
        "charges_created": run.charges_created,
        "total_amount": run.total_amount,
        "error": run.error,
    }


def _community(user, community_id: int, perm: str) -> Community:
    if not policy.has_perm(user, "billing.view", community_id) and not policy.has_perm(
        user, perm, community_id
    ):
        raise HttpError(404, _("Not found."))
    return Community.objects.get(pk=community_id)


@router.post(
    "/bill-runs",
    response={201: BillRunOut, **errors()},
    summary="Generate a period's charges for a community (again: adds nothing)",
)
def bill_run_create(request, payload: BillRunIn):
    community = _community(request.auth, payload.community_id, "billing.run")
    run = bill_run_start(
        community=community, period=payload.period, actor=request.auth, background=False
    )
    return Status(201, _bill_run_out(run))


@router.get(
    "/bill-runs/{run_id}",
    response={200: BillRunOut, **errors(401, 404, 422)},
    summary="A bill run and its progress",
)
def bill_run_detail(request, run_id: Id):
    ids = policy.community_ids_with(request.auth, "billing.view")
    return _bill_run_out(get_object_or_404(BillRun, pk=run_id, community_id__in=ids))


# ---- statements ------------------------------------------------------------------------------


class ChargeOut(Schema):
    id: int
    fee_item_id: int
    fee_item: str
    period: str
    due_date: str
    amount: Money
    paid: Money
    outstanding: Money


class PaymentLine(Schema):
    id: int
    receipt_number: str
    amount: Money
    method: PaymentMethod
    payer: str
    status: Payment.Status
    received_at: str


class PendingRepairOut(Schema):
    work_order_id: int
    work_order_number: str
    amount: Money = Field(description="Still to be charged (negative: to be credited).")
    waiting_for: RepairWait


class StatementOut(Schema):
    unit_id: int
    balance_due: Money
    prepaid_balance: Money
    pending_total: Money = Field(
        description="Paid repairs not yet charged (待确认): not part of the balance due."
    )
    charges: list[ChargeOut]
    payments: list[PaymentLine]
    pending: list[PendingRepairOut]


@router.get(
    "/units/{unit_id}/statement",
    response={200: StatementOut, **errors(401, 404, 422)},
    summary="A home's statement: charges with paid and outstanding, payments, balances",
)
def unit_statement(request, unit_id: Id):
    found = queries.statement(request.auth, unit_id)
    return {
        "unit_id": found.unit.pk,
        "balance_due": found.balance_due,
        "prepaid_balance": found.prepaid_balance,
        "pending_total": found.pending_total,
        "pending": [
            {
                "work_order_id": b.work_order_id,
                "work_order_number": b.number,
                "amount": b.pending,
                "waiting_for": b.waiting_for,
            }
            for b in found.pending
        ],
        "charges": [
            {
                "id": c.pk,
                "fee_item_id": c.fee_item_id,
                "fee_item": c.fee_item.label,
                "period": c.period,
                "due_date": c.due_date.isoformat(),
                "amount": c.amount,
                "paid": c.paid,
                "outstanding": c.outstanding,
            }
            for c in found.charges
        ],
        "payments": [
            {
                "id": p.pk,
                "receipt_number": p.receipt_number,
                "amount": p.amount,
                "method": p.method,
                "payer": p.payer_name,
                "status": p.status,
                "received_at": p.received_at.isoformat(),
            }
            for p in found.payments
        ],
    }


# ---- payments --------------------------------------------------------------------------------


class PaymentIn(Body):
    unit_id: IdIn
    amount: decimal_in(minimum=Decimal("0.01"))
    method: PaymentMethod
    charge_ids: list[IdIn] | None = Field(
        None, max_length=500, description="Pay only these charges (oldest first)."
    )
    payer: str = Field(
        "", max_length=100, description="Who handed the money over (交款人); blank: the owners."
    )


class AllocationOut(Schema):
    charge_id: int
    amount: Money


class PaymentOut(Schema):
    id: int
    unit_id: int
    receipt_number: str
    amount: Money
    method: PaymentMethod
    payer: str
    status: Payment.Status
    allocations: list[AllocationOut]
    prepaid_added: Money


class VoidIn(Body):
    reason: text_in(300, required=True)


def _payment_out(payment: Payment) -> dict:
    return {
        "id": payment.pk,
        "unit_id": payment.unit_id,
        "receipt_number": payment.receipt_number,
        "amount": payment.amount,
        "method": payment.method,
        "payer": payment.payer_name,
        "status": payment.status,
        "allocations": [
            {"charge_id": a.charge_id, "amount": a.amount}
            for a in payment.allocations.order_by("pk")
        ],
        "prepaid_added": services.prepaid_added(payment),
    }


@router.post(
    "/payments",
    response={200: PaymentOut, 201: PaymentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Take a payment for a home; send an Idempotency-Key so a retry is not taken twice",
)
def payment_create(
    request,
    payload: PaymentIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=64,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique text; the same key and body again returns the same payment.",
    ),
):
    unit = get_object_or_404(queries.statement_units_visible_to(request.auth), pk=payload.unit_id)
    try:
        payment, created = services.payment_record(
            unit=unit,
            amount=payload.amount,
            method=payload.method,
            actor=request.auth,
            idempotency_key=idempotency_key,
            charge_ids=payload.charge_ids,
            payer=payload.payer,
        )
    except services.IdempotencyConflict as exc:
        raise HttpError(409, str(exc)) from exc
    return Status(201 if created else 200, _payment_out(payment))


@router.post(
    "/payments/{payment_id}/void",
    response={200: PaymentOut, **errors()},
    summary="Void a payment with a reason; its receipt stays, marked void",
)
def payment_void(request, payment_id: Id, payload: VoidIn):
    payment = get_object_or_404(queries.payments_visible_to(request.auth), pk=payment_id)
    payment = services.payment_void(payment=payment, reason=payload.reason, actor=request.auth)
    return _payment_out(payment)


# ---- reports ---------------------------------------------------------------------------------


class CollectionLine(Schema):
    due: Money
    collected: Money
    rate: Rate


class BuildingCollection(CollectionLine):
    building_id: int
    building: str


class FeeItemCollection(CollectionLine):
    fee_item_id: int
    fee_item: str


class CollectionOut(CollectionLine):
    period: str
    by_building: list[BuildingCollection]
    by_fee_item: list[FeeItemCollection]


@router.get(
    "/reports/collection",
    response={200: CollectionOut, **errors(401, 403, 404, 422)},
    summary="Collection rate (收缴率) of a period: due, collected, by building and fee item",
)
def collection_report(request, community_id: Id | None = None, period: Period | None = None):
    user = request.auth
    if community_id is None:
        ids = policy.community_ids_with(user, "billing.view")
        if not ids:
            policy.require_perm(user, "billing.view", None)
    else:
        _community(user, community_id, "billing.view")
        ids = [community_id]
    return queries.collection(ids, period or f"{timezone.localdate():%Y-%m}")
