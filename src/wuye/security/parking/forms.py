"""The guard console's forms: each asks for the guard's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.billing.models import PaymentMethod

from .models import Gate

REASON = {"label": _("Reason"), "max_length": 300}


class PlateSearchForm(forms.Form):
    plate = forms.CharField(label=_("Plate"), max_length=20)


class PlateCorrectForm(forms.Form):
    plate = forms.CharField(label=_("Correct plate"), max_length=20)
    reason = forms.CharField(**REASON)


class PairForm(forms.Form):
    entry = forms.IntegerField(label=_("Stay of the car inside"), min_value=1)
    reason = forms.CharField(**REASON)


class LostTicketForm(forms.Form):
    method = forms.ChoiceField(label=_("Paid by"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Payment reference"), max_length=64, required=False)
    reason = forms.CharField(**REASON)


class BarrierOpenForm(forms.Form):
    gate = forms.ModelChoiceField(label=_("Lane"), queryset=Gate.objects.none())
    reason = forms.CharField(**REASON)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gate"].queryset = Gate.objects.filter(community=community)
