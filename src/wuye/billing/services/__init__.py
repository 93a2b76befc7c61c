"""Every change to billing's money: one module per subject.

Each function is one transaction that locks the home it changes, checks the policy, writes
ledger entries (never edits them) and the audit trail. `payments` takes and voids payments,
`charges` waives and adds late fees, `refunds` and `deposits` give money back, `meters` records
readings and charges usage, `repairs` bills the service desk's paid repairs; `ledger` reads
balances; `fees` sets the fee items, their prices and the community's fee rules. Bill runs
live in the `runs` package, which enqueues a task: they are not imported here, so that the
task module can import these services.
"""

from .charges import charge_waive, late_fees_assess
from .deposits import deposit_refund, deposit_take
from .fees import (
    billed_until,
    billing_settings_of,
    billing_settings_save,
    fee_item_change,
    fee_item_create,
    fee_item_end,
    fee_price_change,
    first_price_period,
)
from .income import common_income_record, common_income_void
from .ledger import Balances, balances, outstanding_charges
from .meters import (
    JUMP_FACTOR,
    JUMP_HISTORY,
    RECENT_READINGS,
    apportionment_breakdown,
    apportionment_publish,
    metered_charges_generate,
    reading_record,
    readings_import,
    unusual_jump,
    usage_charges_write,
)
from .payments import (
    MAX_PREPAID_MONTHS,
    PAYER_LENGTH,
    IdempotencyConflict,
    owners_named,
    payment_record,
    payment_void,
    prepaid_added,
    receipt_number_next,
    receipt_print,
)
from .refunds import refund_decide, refund_request
from .repairs import (
    REPAIR_FEE_CODE,
    repair_bill_post,
    repair_bill_set,
    repair_charge_post,
    repair_fee_item,
)

__all__ = [
    "common_income_record",
    "common_income_void",
    "Balances",
    "IdempotencyConflict",
    "JUMP_FACTOR",
    "JUMP_HISTORY",
    "MAX_PREPAID_MONTHS",
    "PAYER_LENGTH",
    "RECENT_READINGS",
    "REPAIR_FEE_CODE",
    "apportionment_breakdown",
    "apportionment_publish",
    "balances",
    "billed_until",
    "billing_settings_of",
    "billing_settings_save",
    "charge_waive",
    "deposit_refund",
    "deposit_take",
    "fee_item_change",
    "fee_item_create",
    "fee_item_end",
    "fee_price_change",
    "first_price_period",
    "late_fees_assess",
    "metered_charges_generate",
    "outstanding_charges",
    "owners_named",
    "payment_record",
    "payment_void",
    "prepaid_added",
    "reading_record",
    "readings_import",
    "receipt_number_next",
    "receipt_print",
    "refund_decide",
    "refund_request",
    "repair_bill_post",
    "repair_bill_set",
    "repair_charge_post",
    "repair_fee_item",
    "unusual_jump",
    "usage_charges_write",
]
