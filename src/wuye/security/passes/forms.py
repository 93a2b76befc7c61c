"""Forms of visitors' passes: the portal's invitation, the gate's walk-in, the settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .models import PassSettings, Purpose, Zone

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VisitorForm(StyledFormMixin, forms.Form):
    """Who is coming, why, when and where; the service checks the rest."""

    visitor_name = forms.CharField(label=_("Visitor's name"), max_length=100)
    visitor_mobile = forms.CharField(
        label=_("Visitor's mobile"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    valid_from = forms.DateTimeField(label=_("From"), widget=DATETIME)
    valid_until = forms.DateTimeField(label=_("Until"), widget=DATETIME)
    entries = forms.IntegerField(label=_("Entries"), min_value=1, max_value=50, initial=1)
    zone = forms.ChoiceField(label=_("Where"), choices=Zone.choices, initial=Zone.ESTATE)
    plate = forms.CharField(
        label=_("Car plate (if coming by car)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    note = forms.CharField(label=_("Note for the gate"), max_length=200, required=False)

    def __init__(self, *args, homes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if homes is not None:
            self.fields["unit"] = forms.TypedChoiceField(
                label=_("Home"),
                choices=[(h["id"], h["label"]) for h in homes],
                coerce=int,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.order_fields(["unit"])


class WalkInForm(VisitorForm):
    """A visitor registered at the gate: for a home (the host confirms) or the office."""

    home = forms.CharField(
        label=_("Home (e.g. 1-1-101; empty: the office)"), max_length=30, required=False
    )
    id_number = forms.CharField(
        label=_("ID number (typed; never keep the card)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    field_order = ["home", "visitor_name", "visitor_mobile", "purpose", "id_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("valid_from",):
            self.fields[name].required = False


class PassSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PassSettings
        fields = ["invites_per_home_per_day", "id_number_required", "default_window_hours"]


SETTINGS_FIELDS = PassSettingsForm.Meta.fields
