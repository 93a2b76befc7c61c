"""Forms of the billing pages. They check the shape of the input; the services check the rest."""

import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core import params
from wuye.core.forms import StyledFormMixin

from . import calc
from .models import PaymentMethod


def this_period() -> str:
    return f"{timezone.localdate():%Y-%m}"


class PaymentForm(StyledFormMixin, forms.Form):
    """Take a payment at the desk. The hidden key makes a second submission of the same form
    return the first payment instead of taking the money twice."""

    ALLOCATE_CHOICES = [
        ("oldest", _("Oldest charges first")),
        ("chosen", _("Only the charges ticked below")),
    ]

    amount = forms.DecimalField(
        label=_("Amount (¥)"), max_digits=12, decimal_places=2, min_value=calc.CENT
    )
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    payer = forms.CharField(
        label=_("Payer"),
        max_length=100,
        required=False,
        help_text=_("The name printed on the receipt; leave blank for the home's owners."),
    )
    allocate = forms.ChoiceField(
        label=_("Put it on"), choices=ALLOCATE_CHOICES, initial="oldest", widget=forms.RadioSelect
    )
    charge_ids = forms.TypedMultipleChoiceField(
        label=_("Charges"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, charges=(), owners: str = "", **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        if owners:
            self.fields["payer"].widget.attrs["placeholder"] = owners
        self.fields["charge_ids"].choices = [(c.pk, str(c.pk)) for c in charges]
        self.fields["amount"].widget.attrs.update({"inputmode": "decimal", "autofocus": True})
        for name in ("allocate", "charge_ids"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("allocate") == "chosen" and not data.get("charge_ids"):
            self.add_error("charge_ids", _("Tick the charges this payment is for."))
        return data

    def chosen_charges(self) -> list[int] | None:
        if self.cleaned_data["allocate"] == "chosen":
            return self.cleaned_data["charge_ids"]
        return None


class VoidForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the void"), max_length=300)


class PeriodForm(StyledFormMixin, forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=7, widget=forms.TextInput(attrs={"placeholder": "2026-03"})
    )

    def clean_period(self):
        return params.parse_period(self.cleaned_data["period"])


class DayForm(StyledFormMixin, forms.Form):
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class OnDateForm(StyledFormMixin, forms.Form):
    on = forms.DateField(
        label=_("As of"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


def read_get(form_class, request, field: str, default):
    """A filter read from the query string, its default when absent or not valid."""
    form = form_class(request.GET if field in request.GET else {field: default})
    if form.is_valid():
        return form, form.cleaned_data[field]
    return form, default


def today() -> date:
    return timezone.localdate()
