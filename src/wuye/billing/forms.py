"""Forms of the billing pages. They check the shape of the input; the services check the rest."""

import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core import params
from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building

from . import calc
from .models import AppliesTo, BillingSettings, FeeItem, PaymentMethod
from .services.fees import BILLED_FIELDS, ITEM_FIELDS, SETTINGS_FIELDS


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


# ---- settings (设置): fee items and the community's fee rules ---------------------------------

DAY_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class FeeItemForm(StyledFormMixin, forms.ModelForm):
    """A fee item's calculation, cycle and the homes it reaches. A new item takes its first
    price here; a later price has its own form, from a chosen period."""

    class Meta:
        model = FeeItem
        fields = [*ITEM_FIELDS[:4], "unit_price", *ITEM_FIELDS[4:]]
        widgets = {"start_date": DAY_INPUT}

    def __init__(self, *args, billed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.pk:
            del self.fields["unit_price"]
        else:
            self.fields["unit_price"].label = _("Unit price (¥)")
        self.fields["code"].widget.attrs["autocapitalize"] = "characters"
        self.fields["start_date"].label = _("First day charged")
        self.fields["applies_building"].queryset = Building.objects.filter(
            community_id=item.community_id
        ).order_by("number")
        # Chosen homes are kept as they were set; a new choice is by use or by building.
        keep = {AppliesTo.USE, AppliesTo.BUILDING, item.applies_to}
        self.fields["applies_to"].choices = [c for c in AppliesTo.choices if c[0] in keep]
        if billed:  # the page says why, once, above the form
            for name in BILLED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = ""

    def item_fields(self) -> dict:
        """What the service sets: the form's fields that may change."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not self.fields[name].disabled
        }


class FeePriceForm(StyledFormMixin, forms.Form):
    unit_price = forms.DecimalField(
        label=_("New unit price (¥)"), max_digits=12, decimal_places=4, min_value=0
    )
    effective_from = forms.CharField(
        label=_("Takes effect from (period)"),
        max_length=7,
        widget=forms.TextInput(attrs={"placeholder": "2026-03", "inputmode": "numeric"}),
        help_text=_("The first month billed at the new price, as YYYY-MM."),
    )

    def clean_effective_from(self) -> date:
        period = params.parse_period(self.cleaned_data["effective_from"])
        return date(int(period[:4]), int(period[5:]), 1)


class FeeItemEndForm(StyledFormMixin, forms.Form):
    end_date = forms.DateField(
        label=_("Last day charged"),
        widget=DAY_INPUT,
        help_text=_(
            "No bill run charges the item after this day. It stays listed, with its charges."
        ),
    )


class BillingSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = BillingSettings
        fields = SETTINGS_FIELDS
