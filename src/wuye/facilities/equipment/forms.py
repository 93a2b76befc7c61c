"""Forms of the equipment register: an item's particulars, its statutory profile, retiring."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building
from wuye.servicedesk.models import Priority

from .models import DocumentKind, EquipmentKind, Importance, InspectionResult

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _day(label, **kwargs):
    return forms.DateField(label=label, required=False, widget=DAY, **kwargs)


class EquipmentForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_("e.g. LIFT-2-1"))
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=EquipmentKind.choices)
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices, initial="B")
    building = forms.ModelChoiceField(
        label=_("Building"), queryset=Building.objects.none(), required=False
    )
    floor = forms.CharField(label=_("Floor"), max_length=20, required=False)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("e.g. the pump room in the basement."),
    )
    make = forms.CharField(label=_("Make"), max_length=100, required=False)
    model = forms.CharField(label=_("Model"), max_length=100, required=False)
    serial_number = forms.CharField(label=_("Serial number"), max_length=100, required=False)
    installed_on = _day(_("Installed on"))
    warranty_until = _day(_("Warranty until"))
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.filter(community=community).order_by(
            "number"
        )


class StatutoryForm(StyledFormMixin, forms.Form):
    registration_code = forms.CharField(label=_("Registration code"), max_length=30, required=False)
    use_certificate_number = forms.CharField(
        label=_("Use registration certificate number"), max_length=40, required=False
    )
    use_certificate_date = _day(_("Use registration certificate date"))
    inspection_body = forms.CharField(label=_("Inspection body"), max_length=100, required=False)
    last_inspected_on = _day(_("Last periodic inspection"))
    last_report_number = forms.CharField(
        label=_("Inspection report number"), max_length=40, required=False
    )
    last_result = forms.ChoiceField(
        label=_("Inspection result"),
        choices=[("", "—"), *InspectionResult.choices],
        required=False,
    )
    next_inspection_due = _day(_("Next inspection due"))
    last_tested_on = _day(_("Last comprehensive test"))
    last_maintained_on = _day(_("Last maintenance"))
    maintenance_company = forms.CharField(
        label=_("Maintenance company"), max_length=100, required=False
    )
    maintenance_contract_number = forms.CharField(
        label=_("Maintenance contract number"), max_length=40, required=False
    )
    maintenance_licence_number = forms.CharField(
        label=_("Maintenance licence number"), max_length=40, required=False
    )


class RetireForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is retired"), max_length=200)


class FaultForm(StyledFormMixin, forms.Form):
    description = forms.CharField(
        label=_("What is wrong"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A repair work order is raised for the item's place."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )


class DocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        required=False,
        help_text=_("e.g. Inspection report 2026; the kind if left empty."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, PNG or JPEG of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


class ComplianceRuleForm(StyledFormMixin, forms.Form):
    interval_days = forms.IntegerField(
        label=_("Every (days)"), min_value=1, max_value=3660, required=False
    )
    interval_months = forms.IntegerField(
        label=_("Every (months)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Give the interval in days or in months, not both."),
    )
    remind_days = forms.CharField(
        label=_("Remind days before"),
        max_length=40,
        help_text=_("Days before the due date, separated by commas, e.g. 60,30,7."),
    )
    request_lead_days = forms.IntegerField(
        label=_("Request the inspection days before"),
        min_value=0,
        max_value=366,
        required=False,
        help_text=_("0: no request is due."),
    )
    active = forms.BooleanField(label=_("The rule applies"), required=False)
