"""Forms of parking: a temporary-parking tariff in plain words; finding sessions, taking a
payment and the community's parking settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.billing.models import PaymentMethod
from wuye.core import params
from wuye.core.forms import StyledFormMixin
from wuye.estates.plates import PlateColour

from .models import CapScope, ParkingSettings, SessionKind, VehicleType
from .tariffs import DEFAULT_EXIT_GRACE, PER_HOUR, PER_NIGHT, Rule

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MONEY = {"max_digits": 7, "decimal_places": 2, "min_value": 0}
CHECKS = "security/parking/tariffs_checks.html"


def _minutes(label, help_text="", *, required=True, minimum=0):
    return forms.IntegerField(
        label=label, help_text=help_text, required=required, min_value=minimum, max_value=144000
    )


def _checks(label, choices, help_text):
    field = forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    field.template_name = CHECKS
    return field


class TariffForm(StyledFormMixin, forms.Form):
    """Every parameter of a stepped tariff with an optional night band; `rule()` is what the
    services store."""

    name = forms.CharField(label=_("Tariff name"), max_length=100)
    vehicle_types = _checks(
        _("For these vehicles"), VehicleType.choices, _("None ticked: every vehicle.")
    )
    plate_colours = _checks(
        _("For these plate colours"), PlateColour.choices, _("None ticked: every colour.")
    )
    free_minutes = _minutes(_("Free minutes"), _("A stay this long or shorter pays nothing."))
    charge_from_zero_after_free = forms.BooleanField(
        label=_("A longer stay pays from its first minute"),
        required=False,
        help_text=_("Untick to charge only the minutes after the free ones."),
    )
    first_minutes = _minutes(_("First period (minutes)"), minimum=1)
    first_price = forms.DecimalField(label=_("Price of the first period (¥)"), **MONEY)
    step_minutes = _minutes(
        _("Then a step every (minutes)"), _("A step begun is charged in full."), minimum=1
    )
    step_price = forms.DecimalField(label=_("Price of a step (¥)"), **MONEY)
    second_after_minutes = _minutes(
        _("Longer steps from minute"),
        _("Optional. Counted from entry; from here the longer steps below apply."),
        required=False,
    )
    second_step_minutes = _minutes(_("Longer step (minutes)"), minimum=1)
    second_step_price = forms.DecimalField(label=_("Price of a longer step (¥)"), **MONEY)
    cap_per_day = forms.DecimalField(
        label=_("At most per day (¥)"),
        required=False,
        help_text=_("Optional. Fen allowed, such as 7.50."),
        **MONEY,
    )
    cap_scope = forms.ChoiceField(label=_("A day is counted"), choices=CapScope.choices)
    exit_grace_minutes = _minutes(
        _("Minutes to leave after paying"),
        _("A car that has paid leaves within this time without paying again."),
    )
    free_on_holidays = forms.BooleanField(
        label=_("Free on public holidays"),
        required=False,
        help_text=_(
            "By the community's service calendar. The night band below has its own choice."
        ),
    )
    night_price = forms.DecimalField(
        label=_("Night price (¥)"),
        required=False,
        help_text=_("Optional. Leave empty to price the night like the day."),
        **MONEY,
    )
    night_per = forms.ChoiceField(
        label=_("Night price charged"),
        choices=[
            (PER_NIGHT, pgettext_lazy("night price", "Once a night")),
            (PER_HOUR, pgettext_lazy("night price", "Per hour begun")),
        ],
    )
    night_starts = forms.TimeField(
        label=_("Night starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    night_ends = forms.TimeField(
        label=_("Night ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    night_free_on_holidays = forms.BooleanField(
        label=_("Free on the nights of public holidays"),
        required=False,
        help_text=_("A night belongs to the day it begins on."),
    )
    effective_from = forms.DateTimeField(label=_("In effect from"), widget=DATETIME)

    SECTIONS = (
        (_("Which cars"), ("name", "vehicle_types", "plate_colours")),
        (_("Free time"), ("free_minutes", "charge_from_zero_after_free")),
        (
            _("Steps"),
            (
                "first_minutes",
                "first_price",
                "step_minutes",
                "step_price",
                "second_after_minutes",
                "second_step_minutes",
                "second_step_price",
            ),
        ),
        (
            _("Limits and holidays"),
            ("cap_per_day", "cap_scope", "exit_grace_minutes", "free_on_holidays"),
        ),
        (
            _("Night band"),
            ("night_price", "night_per", "night_starts", "night_ends", "night_free_on_holidays"),
        ),
        (_("When"), ("effective_from",)),
    )
    # The engine's names of a night band's parameters, for its errors.
    BAND_FIELDS = {
        "bands.0": "night_price",
        "bands.0.price": "night_price",
        "bands.0.per": "night_per",
        "bands.0.starts": "night_starts",
        "bands.0.ends": "night_ends",
    }

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    @staticmethod
    def initial_from(rule: Rule, **extra) -> dict[str, Any]:
        data = rule.to_json()
        data.pop("bands")
        if rule.bands:
            band = rule.bands[0]
            data |= {
                "night_price": band.price,
                "night_per": band.per,
                "night_starts": band.starts,
                "night_ends": band.ends,
                "night_free_on_holidays": band.free_on_holidays,
            }
        else:
            data |= {"night_starts": "19:00", "night_ends": "07:00"}
        return data | extra

    def rule(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [name for _title, fields in self.SECTIONS[1:4] for name in fields]
        rule = {name: data.get(name) for name in names}
        for name, value in rule.items():
            if value is not None and not isinstance(value, bool | int):
                rule[name] = str(value)
        rule["bands"] = []
        if data.get("night_price") is not None:
            rule["bands"].append(
                {
                    "name": "",
                    "starts": data["night_starts"].strftime("%H:%M"),
                    "ends": data["night_ends"].strftime("%H:%M"),
                    "price": str(data["night_price"]),
                    "per": data["night_per"],
                    "free_on_holidays": data["night_free_on_holidays"],
                }
            )
        return rule


DEFAULTS = {
    "free_minutes": 30,
    "charge_from_zero_after_free": True,
    "first_minutes": 60,
    "step_minutes": 30,
    "second_step_minutes": 60,
    "cap_scope": CapScope.ROLLING_24H,
    "exit_grace_minutes": DEFAULT_EXIT_GRACE,
    "night_starts": "19:00",
    "night_ends": "07:00",
}


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
