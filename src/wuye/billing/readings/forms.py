"""The meter reader's forms: one reading, and a month's workbook."""

from django import forms
from django.utils.translation import gettext_lazy

from wuye.core.forms import StyledFormMixin


class ReadingForm(StyledFormMixin, forms.Form):
    period = forms.CharField(max_length=7, widget=forms.HiddenInput)
    reading = forms.CharField(
        label=gettext_lazy("Reading"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    replaced = forms.BooleanField(label=gettext_lazy("New meter fitted"), required=False)


class ReadingsFileForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
