"""The office's record of a clock event a phone could not make."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .models import ClockKind

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RecordForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Clock in or out"), choices=ClockKind.choices)
    at = forms.DateTimeField(label=_("At"), widget=MOMENT)
    note = forms.CharField(
        label=_("Why the office records it"),
        max_length=200,
        help_text=_("For example: the phone had no signal in the plant room."),
    )
