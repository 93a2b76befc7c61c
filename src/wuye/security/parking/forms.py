"""Forms of the gate's parking pages: finding sessions, taking a payment, the settings,
and the guard console's actions (each asks for the guard's reason)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.billing.models import PaymentMethod
from wuye.core import params
from wuye.core.forms import StyledFormMixin

from .models import Gate, ParkingSettings, SessionKind

SETTINGS_FIELDS = [
    "contract_grace_days",
    "exit_grace_minutes",
    "lost_ticket_fee",
    "income_is_common",
]


class SessionSearchForm(forms.Form):
    """The sessions list's filters: cars inside or gone, a day, a plate, a kind."""

    state = forms.ChoiceField(
        label=_("Cars"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", pgettext_lazy("cars", "Not yet gone")),
            ("left", pgettext_lazy("cars", "Gone")),
        ],
    )
    day = forms.DateField(
        label=_("Day"),
        required=False,
        validators=[params.validate_day],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    plate = forms.CharField(label=_("Plate"), max_length=20, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *SessionKind.choices]
    )


class SessionPaymentForm(StyledFormMixin, forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (¥)"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=64,
        required=False,
        help_text=_("The payment's number on the terminal or the app, if it has one."),
    )


class ParkingSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingSettings
        fields = SETTINGS_FIELDS


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
