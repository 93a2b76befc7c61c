"""What billing holds about a person: the bills and payments of the homes they owned while
they owned them, and the receipts that name them as payer.

Charges, payments and receipts are accounting records kept for 30 years (会计档案管理办法
§14); anonymising a person replaces their name on the receipts they paid and changes no
amount. A person who still owes money for a home they owned may not be anonymised.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section
from wuye.estates.models import Relation

from . import calc
from .models import Charge, Payment
from .services.ledger import outstanding_charges

NAMES_JOINED = "、"  # how a receipt names several payers: 张三、李四


def _owned(person) -> list[tuple[int, date, date | None]]:
    """(home, from, until) of each time the person owned a home."""
    return list(
        person.residencies.filter(relation=Relation.OWNER).values_list(
            "unit_id", "start_date", "end_date"
        )
    )


def _while_owned(person, field: str) -> Q:
    """Rows of the homes the person owned, dated (by `field`) while they owned them."""
    condition = Q(pk__in=[])
    for unit_id, start, end in _owned(person):
        window = Q(unit_id=unit_id, **{f"{field}__gte": start})
        if end:
            window &= Q(**{f"{field}__lt": end})
        condition |= window
    return condition


def _names(payer: str) -> list[str]:
    return [name.strip() for name in payer.split(NAMES_JOINED)]


def _paid_by(person):
    """Payments of the person's homes whose receipt names them as payer."""
    unit_ids = person.residencies.values_list("unit_id", flat=True)
    if not person.name:
        return []
    rows = Payment.objects.filter(unit_id__in=unit_ids, payer_name__contains=person.name)
    return [p for p in rows if person.name in _names(p.payer_name)]


def collect(person) -> list[Section]:
    charges = (
        Charge.objects.filter(_while_owned(person, "period_start"))
        .select_related("unit__building", "fee_item")
        .order_by("due_date", "pk")
    )
    own_payments = Payment.objects.filter(_while_owned(person, "received_at__date"))
    named = {p.pk for p in _paid_by(person)}
    payments = (
        Payment.objects.filter(Q(pk__in=own_payments.values("pk")) | Q(pk__in=named))
        .select_related("unit__building")
        .order_by("received_at", "pk")
    )
    return [
        Section(
            _("Bills"),
            [_("Home"), _("Period"), _("Fee"), _("Amount"), _("Due")],
            [
                [c.unit.label, c.period, c.fee_item.name, c.amount, f"{c.due_date:%Y-%m-%d}"]
                for c in charges
            ],
        ),
        Section(
            _("Payments"),
            [_("Receipt"), _("Home"), _("Received at"), _("Amount"), _("Method"), _("Payer")],
            [
                [
                    p.receipt_number,
                    p.unit.label,
                    f"{timezone.localtime(p.received_at):%Y-%m-%d %H:%M}",
                    p.amount,
                    p.get_method_display(),
                    p.payer_name,
                ]
                for p in payments
            ],
        ),
    ]


def refusals(person) -> list[str]:
    reasons = []
    for unit_id, start, end in _owned(person):
        owed = outstanding_charges(unit_id).filter(period_start__gte=start)
        if end:
            owed = owed.filter(period_start__lt=end)
        owed = list(owed)
        if owed:
            total = sum(calc.cents(c.outstanding) for c in owed)
            home = person.residencies.filter(unit_id=unit_id).first().unit.label
            reasons.append(
                _(
                    "Home %(home)s still owes ¥%(amount).2f for the time %(name)s owned it. "
                    "It must be paid or waived first: a debt needs its debtor."
                )
                % {"home": home, "amount": total, "name": person.name}
            )
    return reasons


def anonymise(person, label: str) -> dict[str, int]:
    changed = 0
    for payment in _paid_by(person):
        payer = NAMES_JOINED.join(
            label if name == person.name else name for name in _names(payment.payer_name)
        )
        Payment.objects.filter(pk=payment.pk).update(payer_name=payer[:100])
        changed += 1
    return {"receipts": changed}


PERSONAL_DATA = [
    Contribution("billing", collect=collect, refusals=refusals, anonymise=anonymise, order=200),
]
