"""The form of a new plan made from a template, pre-filled with the template's cadence."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.servicedesk.models import Team

from ..equipment.models import Equipment
from ..maintenance.models import Cadence
from .templates import Template

INTERVAL_CADENCES = [c for c in Cadence.choices if c[0] != Cadence.FIXED_DATES]


class PlanFromTemplateForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    cadence = forms.ChoiceField(label=_("Cadence"), choices=INTERVAL_CADENCES)
    interval = forms.IntegerField(label=_("Interval (N)"), min_value=1, max_value=366)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    equipment = forms.ModelMultipleChoiceField(
        label=_("Equipment"),
        queryset=Equipment.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    place = forms.CharField(
        label=_("Place or area"),
        max_length=200,
        required=False,
        help_text=_("Where it is inspected, when it is not one equipment item."),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    contractor = forms.CharField(label=_("Contractor"), max_length=100, required=False)
    statutory = forms.BooleanField(label=_("Statutory"), required=False)
    lead_days = forms.IntegerField(label=_("Made days ahead"), min_value=0, max_value=60)

    def __init__(self, *args, community, template: Template, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": template.name,
                "cadence": template.cadence,
                "interval": template.interval,
                "statutory": template.statutory,
                "lead_days": template.lead_days,
            },
        )
        super().__init__(*args, **kwargs)
        equipment = Equipment.objects.filter(community=community).exclude(status="retired")
        if template.equipment_kinds:
            equipment = equipment.filter(kind__in=template.equipment_kinds)
        self.fields["equipment"].queryset = equipment.order_by("code")
        self.fields["team"].queryset = Team.objects.filter(community=community).order_by("name")
