"""Forms of the parcel desk: receiving, handing over, returning, and the community's settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.core.validators import clean_code
from wuye.estates.models import Unit
from wuye.estates.queries import home_q

from .models import Carrier, ParcelSettings

SETTINGS_FIELDS = ["reminder_days", "return_days"]


def homes_matching(community_id: int, text: str):
    """The community's homes a typed room names (502, 3-502, 3-2-502)."""
    return (
        Unit.objects.filter(home_q(clean_code(text)), community_id=community_id)
        .select_related("building")
        .order_by("building__number", "entrance", "number")
    )


class ReceiveForm(StyledFormMixin, forms.Form):
    home = forms.CharField(
        label=_("Home"),
        max_length=40,
        help_text=_("Room, building-room or building-entrance-room, e.g. 3-2-502."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    carrier = forms.ChoiceField(label=_("Carrier"), choices=Carrier.choices)
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=60,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "data-scan-target": ""}
        ),
    )
    shelf = forms.CharField(label=_("Shelf"), max_length=20, required=False)
    addressee = forms.CharField(
        label=_("Addressee"),
        max_length=100,
        required=False,
        help_text=_("The name as written on the label."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_home(self):
        homes = list(homes_matching(self.community.pk, self.cleaned_data["home"])[:2])
        if not homes:
            raise forms.ValidationError(_("No home of this community has that number."))
        if len(homes) > 1:
            raise forms.ValidationError(
                _("Several homes have that room number: add the building, e.g. 3-502.")
            )
        self.cleaned_data["unit"] = homes[0]
        return homes[0].label


class HandOverForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Pick-up code"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    collected_by = forms.CharField(
        label=_("Or the name of the person taking it"),
        max_length=100,
        required=False,
        help_text=_("A family member or neighbour without the code: the name is recorded."),
    )


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"),
        max_length=200,
        help_text=_("Refused, no such resident, waited too long…"),
    )


class ParcelSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ParcelSettings
        fields = SETTINGS_FIELDS
