"""The forms of a personal-data request: who asked and why, and a manager's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from ..models import ErasureRequest

ASKED_BY = ErasureRequest._meta.get_field("asked_by")
REASON = ErasureRequest._meta.get_field("reason")


class PersonalDataRequestForm(StyledFormMixin, forms.Form):
    asked_by = forms.CharField(
        label=_("Asked by"), max_length=ASKED_BY.max_length, help_text=ASKED_BY.help_text
    )
    reason = forms.CharField(label=_("Reason"), max_length=REASON.max_length)


class RejectionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Why the request is rejected"),
        max_length=ErasureRequest._meta.get_field("decision_note").max_length,
    )
