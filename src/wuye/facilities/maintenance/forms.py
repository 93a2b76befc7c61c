"""The form that records a counter reading of an equipment item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .counters import COUNTER_MAX_LENGTH, UNIT_MAX_LENGTH


class CounterReadingForm(forms.Form):
    counter = forms.CharField(
        label=_("Counter"),
        max_length=COUNTER_MAX_LENGTH,
        help_text=_("Such as run hours or starts."),
    )
    value = forms.DecimalField(
        label=_("Reading"), min_value=0, max_digits=15, decimal_places=3, localize=False
    )
    unit = forms.CharField(label=_("Unit"), max_length=UNIT_MAX_LENGTH, required=False)
    read_at = forms.DateTimeField(
        label=_("Read at"),
        required=False,
        help_text=_("Empty: now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    meter_replaced = forms.BooleanField(
        label=_("The meter was replaced (the reading may be lower than the last)"),
        required=False,
    )
