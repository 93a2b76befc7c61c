"""Fee items, charges (应收), payments (实收), receipts and the append-only ledger.

A home's balance is the sum of its ledger entries; nothing financial is edited in place or
deleted. Voids, waivers and refunds are new entries with a reason, an actor and a time.

One module per subject (fees, runs, charges, payments, ledger, deposits, refunds, meters,
repairs); every model and name is importable from here, as the migrations and the other apps
import them.
"""

from .charges import Charge
from .deposits import Deposit, DepositStatus
from .fees import (
    FEE_CODE_PATTERN,
    RECURRING_METHODS,
    AppliesTo,
    BillingSettings,
    FeeItem,
    FeeKind,
    FeeMethod,
    FeePrice,
    ParkingContract,
    Rounding,
    TariffStep,
    Timing,
    fee_item_label,
    validate_month_day,
)
from .fields import MONEY, PERCENT, PRICE
from .income import CommonIncome, IncomeSource
from .ledger import Account, EntryKind, LedgerEntry
from .meters import Apportionment, Meter, MeterKind, MeterReading
from .payments import Allocation, Payment, PaymentMethod, PaymentStatus, ReceiptCounter
from .refunds import Refund, RefundStatus
from .repairs import RepairBill, RepairPosting, RepairWait
from .runs import BillRun, BillRunStatus

__all__ = [
    "FEE_CODE_PATTERN",
    "Account",
    "Allocation",
    "AppliesTo",
    "Apportionment",
    "BillRun",
    "BillRunStatus",
    "BillingSettings",
    "Charge",
    "CommonIncome",
    "Deposit",
    "DepositStatus",
    "EntryKind",
    "FeeItem",
    "FeeKind",
    "FeeMethod",
    "FeePrice",
    "IncomeSource",
    "LedgerEntry",
    "MONEY",
    "Meter",
    "MeterKind",
    "MeterReading",
    "PERCENT",
    "PRICE",
    "ParkingContract",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "RECURRING_METHODS",
    "ReceiptCounter",
    "Refund",
    "RefundStatus",
    "RepairBill",
    "RepairPosting",
    "RepairWait",
    "Rounding",
    "TariffStep",
    "Timing",
    "fee_item_label",
    "validate_month_day",
]
