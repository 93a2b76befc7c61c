"""Billing's settings (设置): the fee items with their prices, and the community's fee rules
(vacant-home rate, late fees, prepayment discount), each with the history of its changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wuye.core import configure
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate

from .. import queries, services
from ..forms import BillingSettingsForm, FeeItemEndForm, FeeItemForm, FeePriceForm, today
from ..models import BillingSettings, FeeItem, FeePrice

PERM = "billing.configure"


def _ran(request, form, action, success: str) -> bool:
    """Run a service for a valid form: True when it was done, else its errors on the form."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success)
    return True


def _form_page(
    request, community, form, *, title: str, back_url: str, intro: str = "", history_url=""
):
    context = {
        "community": community,
        "form": form,
        "title": title,
        "back_url": back_url,
        "intro": intro,
        "history_url": history_url,
    }
    return render(request, "core/settings_form.html", context, status=400 if form.is_bound else 200)


@login_required
def fee_items(request, community_id: int):
    """The community's fee items, those still charged first, with the price now and next."""
    community = community_for(request, community_id, PERM)
    page = paginate(request, queries.fee_items_to_configure(community.pk, today()))
    return render(
        request, "billing/settings/fee_items.html", {"community": community, "page": page}
    )


@login_required
def fee_item_new(request, community_id: int):
    community = community_for(request, community_id, PERM)
    back = reverse("billing:fee_items", args=[community.pk])
    form = FeeItemForm(request.POST or None, instance=FeeItem(community=community))
    if request.method == "POST" and _ran(
        request,
        form,
        lambda: services.fee_item_create(
            community=community, fields=form.cleaned_data, actor=request.user
        ),
        _("The fee item has been added."),
    ):
        return redirect(back)
    return _form_page(request, community, form, title=_("New fee item"), back_url=back)


def _item(community, item_id: int) -> FeeItem:
    return get_object_or_404(FeeItem, pk=item_id, community=community)


@login_required
def fee_item_edit(request, community_id: int, item_id: int):
    community = community_for(request, community_id, PERM)
    item = _item(community, item_id)
    back = reverse("billing:fee_items", args=[community.pk])
    billed = services.billed_until(item) is not None
    form = FeeItemForm(request.POST or None, instance=item, billed=billed)
    if request.method == "POST" and _ran(
        request,
        form,
        lambda: services.fee_item_change(item=item, fields=form.item_fields(), actor=request.user),
        _("The fee item has been saved."),
    ):
        return redirect(back)
    title = _("Change %(item)s") % {"item": item.label}
    intro = (
        _(
            "Fixed once the item has been billed: its kind, calculation, cycle, first day and "
            "season. End it and add a new one to charge another way."
        )
        if billed
        else ""
    )
    return _form_page(request, community, form, title=title, back_url=back, intro=intro)


@login_required
def fee_item_price(request, community_id: int, item_id: int):
    """A new price from a chosen period, with the item's prices so far."""
    community = community_for(request, community_id, PERM)
    item = _item(community, item_id)
    back = reverse("billing:fee_items", args=[community.pk])
    earliest = services.first_price_period(item)
    form = FeePriceForm(request.POST or None, initial={"effective_from": f"{earliest:%Y-%m}"})
    if request.method == "POST" and _ran(
        request,
        form,
        lambda: services.fee_price_change(
            item=item,
            unit_price=form.cleaned_data["unit_price"],
            effective_from=form.cleaned_data["effective_from"],
            actor=request.user,
        ),
        _("The new price has been set."),
    ):
        return redirect(back)
    prices = list(FeePrice.objects.filter(fee_item=item).order_by("-effective_from"))
    in_effect = next((p for p in prices if p.effective_from <= today()), None)
    context = {
        "community": community,
        "item": item,
        "form": form,
        "back_url": back,
        "earliest": earliest,
        "billed_until": services.billed_until(item),
        "prices": prices,
        "in_effect": in_effect,
        "today": today(),
    }
    return render(
        request,
        "billing/settings/fee_item_price.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
def fee_item_end(request, community_id: int, item_id: int):
    community = community_for(request, community_id, PERM)
    item = _item(community, item_id)
    back = reverse("billing:fee_items", args=[community.pk])
    last = services.billed_until(item)
    form = FeeItemEndForm(
        request.POST or None, initial={"end_date": item.end_date or last or today()}
    )
    if request.method == "POST" and _ran(
        request,
        form,
        lambda: services.fee_item_end(
            item=item, end_date=form.cleaned_data["end_date"], actor=request.user
        ),
        _("The fee item has been ended."),
    ):
        return redirect(back)
    intro = (
        _("Billed up to %(day)s: it can end on that day at the earliest.")
        % {"day": f"{last:%Y-%m-%d}"}
        if last
        else _("Not billed yet.")
    )
    title = _("End %(item)s") % {"item": item.label}
    return _form_page(request, community, form, title=title, back_url=back, intro=intro)


@login_required
def fee_item_history(request, community_id: int):
    community = community_for(request, community_id, PERM)
    return configure.history(
        request,
        community,
        models_=[FeeItem, FeePrice],
        title=_("Changes to the fee items"),
        back_url=reverse("billing:fee_items", args=[community.pk]),
    )


@login_required
def settings(request, community_id: int):
    """The community's fee rules: vacant-home rate, late fees, prepayment discount."""
    community = community_for(request, community_id, PERM)
    back = reverse("billing:settings", args=[community.pk])
    row = services.billing_settings_of(community)
    form = BillingSettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and _ran(
        request,
        form,
        lambda: services.billing_settings_save(
            community=community, fields=form.cleaned_data, actor=request.user
        ),
        _("The billing settings have been saved."),
    ):
        return redirect(back)
    return _form_page(
        request,
        community,
        form,
        title=_("Billing settings"),
        back_url=reverse("billing:fees", args=[community.pk]),
        intro=_("Off unless the property service contract says otherwise."),
        history_url=reverse("billing:settings_history", args=[community.pk]),
    )


@login_required
def settings_history(request, community_id: int):
    community = community_for(request, community_id, PERM)
    return configure.history(
        request,
        community,
        models_=[BillingSettings],
        title=_("Changes to the billing settings"),
        back_url=reverse("billing:settings", args=[community.pk]),
    )
