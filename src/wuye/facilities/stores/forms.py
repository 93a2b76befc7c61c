"""Forms of the store: a new part, a receipt, an issue, a count, a return."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin

from ..equipment.models import Equipment, EquipmentStatus

AMOUNT = {"max_digits": 12, "decimal_places": 2}


def _quantity():
    return forms.DecimalField(label=_("Quantity"), min_value=Decimal("0.01"), **AMOUNT)


class StockItemForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_("e.g. BRG-6204"))
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    unit = forms.CharField(label=_("Unit"), max_length=20, help_text=_("e.g. piece, metre"))
    category = forms.CharField(label=_("Category"), max_length=50, required=False)
    unit_cost = forms.DecimalField(label=_("Unit cost"), min_value=0, initial=0, **AMOUNT)
    reorder_point = forms.DecimalField(
        label=_("Reorder point"),
        min_value=0,
        initial=0,
        help_text=_("The supervisor is told when the stock falls to this or below."),
        **AMOUNT,
    )
    fits = forms.ModelMultipleChoiceField(
        label=_("Fits equipment"), queryset=Equipment.objects.none(), required=False
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fits"].queryset = Equipment.objects.filter(community=community).exclude(
            status=EquipmentStatus.RETIRED
        )


class StockItemChangeForm(StockItemForm):
    """The part's name, category, reorder point and the equipment it fits; its code and unit
    stay, its cost is kept by the receipts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("code", "unit", "unit_cost"):
            del self.fields[field]


class ReceiveForm(StyledFormMixin, forms.Form):
    quantity = _quantity()
    unit_cost = forms.DecimalField(label=_("Unit cost"), min_value=0, **AMOUNT)
    supplier = forms.CharField(label=_("Supplier"), max_length=100, required=False)


class IssueForm(StyledFormMixin, forms.Form):
    quantity = _quantity()
    work_order = forms.CharField(label=_("Work order number"), max_length=32, required=False)
    maintenance_task = forms.IntegerField(
        label=_("Maintenance task number"), min_value=1, max_value=2**31 - 1, required=False
    )
    # One key per form shown: a form sent twice records one issue.
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


class CountForm(StyledFormMixin, forms.Form):
    counted = forms.DecimalField(label=_("Quantity found"), min_value=0, **AMOUNT)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReturnForm(StyledFormMixin, forms.Form):
    quantity = _quantity()
    work_order = forms.CharField(label=_("Work order number"), max_length=32, required=False)
    maintenance_task = forms.IntegerField(
        label=_("Maintenance task number"), min_value=1, max_value=2**31 - 1, required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
