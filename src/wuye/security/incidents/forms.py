"""Forms of the incident log: the report (phone-friendly), a follow-up note, the close and a
work order raised."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building
from wuye.servicedesk.forms import PhotosField

from .models import IncidentKind, Severity

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IncidentKind.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    occurred_at = forms.DateTimeField(label=_("Occurred at"), widget=MOMENT)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("Where it happened, e.g. the bicycle shed of building 3."),
    )
    building = forms.ModelChoiceField(
        label=_("Building"), queryset=Building.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    people_involved = forms.CharField(
        label=_("People involved"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names, homes, descriptions of the people seen."),
    )
    police_report_number = forms.CharField(
        label=_("Police report number"), max_length=40, required=False
    )
    photos = PhotosField()

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.filter(community=community).order_by(
            "number"
        )


class FollowUpForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Follow-up note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    police_report_number = forms.CharField(
        label=_("Police report number"), max_length=40, required=False
    )


class CloseForm(StyledFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class WorkOrderForm(StyledFormMixin, forms.Form):
    description = forms.CharField(
        label=_("What to repair"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty, the incident's description is sent."),
    )
