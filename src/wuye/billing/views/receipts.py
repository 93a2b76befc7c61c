"""Receipt downloads for the cashier's desk and the owner portal (the billing pages build on it)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext

from wuye.core import policy
from wuye.core.downloads import pdf_response

from .. import queries, receipts, services
from ..models import Payment


def _pdf(payment: Payment, *, copy: bool) -> HttpResponse:
    name = pgettext("file name", "receipt-%(number)s") % {"number": payment.receipt_number}
    return pdf_response(receipts.receipt_pdf(payment, copy=copy), f"{name}.pdf")


@login_required
def receipt(request, community_id: int, payment_id: int):
    """Print a payment's receipt at the desk; every print after the first is a copy."""
    policy.require_perm(request.user, "billing.view", community_id)
    payment = get_object_or_404(Payment, pk=payment_id, community_id=community_id)
    return _pdf(payment, copy=services.receipt_print(payment=payment, actor=request.user))


@login_required
def portal_receipt(request, payment_id: int):
    """An owner's receipt for their own home; a copy once the desk has printed the original."""
    payment = get_object_or_404(
        Payment.objects.filter(unit_id__in=queries.bill_unit_ids(request.user)), pk=payment_id
    )
    return _pdf(payment, copy=payment.receipt_prints > 0)
