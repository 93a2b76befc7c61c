"""The cashier's desk (收银台): find a home, see what it owes, take a payment, print, void."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for

from .. import queries, services
from ..forms import PaymentForm, VoidForm
from ..models import Payment


@login_required
def desk(request, community_id: int):
    """The search box of the desk: room number, owner's name or mobile."""
    community = community_for(request, community_id, "billing.view")
    text = request.GET.get("q", "").strip()
    homes = queries.desk_homes(request.user, community.pk, text) if text else []
    if len(homes) == 1:
        return redirect("billing:home", community_id=community.pk, unit_id=homes[0].pk)
    return render(request, "billing/desk.html", {"community": community, "q": text, "homes": homes})


@login_required
def home(request, community_id: int, unit_id: int):
    """A home at the desk: its charges still owed, oldest first, and the payment form."""
    community = community_for(request, community_id, "billing.view")
    unit = queries.desk_home(request.user, community.pk, unit_id)
    may_collect = policy.has_perm(request.user, "billing.collect", community.pk)
    charges = queries.owed_charges(unit.pk)
    owners = services.owners_named(unit, timezone.localdate())
    form = PaymentForm(charges=charges, owners=owners)
    if request.method == "POST":
        policy.require_perm(request.user, "billing.collect", community.pk)
        form = PaymentForm(request.POST, charges=charges, owners=owners)
        if form.is_valid():
            try:
                payment, created = services.payment_record(
                    unit=unit,
                    amount=form.cleaned_data["amount"],
                    method=form.cleaned_data["method"],
                    charge_ids=form.chosen_charges(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    payer=form.cleaned_data["payer"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except services.IdempotencyConflict as error:
                form.add_error(None, str(error))
            else:
                if created:
                    messages.success(request, _("Payment recorded."))
                else:
                    messages.info(request, _("This payment was already recorded."))
                return redirect("billing:payment", community_id=community.pk, payment_id=payment.pk)
    balances = services.balances(unit.pk)
    pending = queries.pending_repairs([unit.pk])
    return render(
        request,
        "billing/home.html",
        {
            "community": community,
            "unit": unit,
            "charges": charges,
            "balances": balances,
            "pending": pending,
            "pending_total": sum((b.pending for b in pending), 0),
            "payments": queries.payments_visible_to(request.user)
            .filter(unit=unit)
            .order_by("-received_at", "-pk")[:10],
            "form": form,
            "may_collect": may_collect,
        },
        status=400 if form.errors else 200,
    )


@login_required
def payment(request, community_id: int, payment_id: int):
    """A payment's receipt page: what it paid, the PDF, and the void form."""
    community = community_for(request, community_id, "billing.view")
    payment = queries.payment_detail(request.user, community.pk, payment_id)
    return _payment_page(request, community, payment, VoidForm())


def _payment_page(request, community, payment: Payment, void_form: VoidForm, status: int = 200):
    allocations = list(payment.allocations.all())
    allocated = sum((a.amount for a in allocations), 0)
    return render(
        request,
        "billing/payment.html",
        {
            "community": community,
            "payment": payment,
            "allocations": allocations,
            "prepaid": payment.amount - allocated,
            "void_form": void_form,
            "may_void": payment.status == Payment.Status.POSTED
            and policy.has_perm(request.user, "billing.void", community.pk),
        },
        status=status,
    )


@require_POST
@login_required
def payment_void(request, community_id: int, payment_id: int):
    community = community_for(request, community_id, "billing.view")
    payment = queries.payment_detail(request.user, community.pk, payment_id)
    policy.require_perm(request.user, "billing.void", community.pk)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            services.payment_void(
                payment=payment, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The payment is void; its receipt stays, marked void."))
            return redirect("billing:payment", community_id=community.pk, payment_id=payment.pk)
    return _payment_page(request, community, payment, form, status=400)
