"""Forms of the contractor register: the contractor, its contract, an inspection scored item
by item (phone-friendly), and a deduction's re-check."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin

from .models import ContractorKind

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of service"), choices=ContractorKind.choices)
    licence_number = forms.CharField(label=_("Licence number"), max_length=60, required=False)
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("The person the office calls, and how."),
    )


class ContractForm(StyledFormMixin, forms.Form):
    scope = forms.CharField(
        label=_("Scope"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DAY)
    ends_on = forms.DateField(label=_("Ends on"), widget=DAY)
    monthly_fee = forms.DecimalField(
        label=_("Monthly fee (yuan)"), min_value=0, max_digits=12, decimal_places=2
    )
    sla = forms.CharField(
        label=_("Service levels"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pass_score = forms.IntegerField(
        label=_("Pass score"),
        min_value=0,
        max_value=100,
        initial=80,
        help_text=_("The score out of 100 an inspection must reach."),
    )


class InspectionForm(StyledFormMixin, forms.Form):
    """The day, then per template item: points, a remark, and for a deduction the photo and
    the rectification deadline."""

    inspected_on = forms.DateField(label=_("Inspected on"), widget=DAY)
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    items: list = []

    def rows(self):
        """Each item with its four fields, for the table of the form."""
        for item in self.items:
            fields = {
                name: self[f"{name}_{item.pk}"]
                for name in ("points", "remark", "photo", "rectify_by")
            }
            errors = [error for field in fields.values() for error in field.errors]
            yield {"item": item, "errors": errors, **fields}


def inspection_form(items, *args, **kwargs) -> InspectionForm:
    """The inspection form for a template's `items` (its fields made before the form styles
    them)."""
    fields = {"items": list(items)}
    for item in items:
        fields[f"points_{item.pk}"] = forms.IntegerField(
            label=_("Points given"), initial=item.max_points, min_value=0, max_value=item.max_points
        )
        fields[f"remark_{item.pk}"] = forms.CharField(
            label=_("Remark"), max_length=300, required=False
        )
        fields[f"photo_{item.pk}"] = forms.FileField(
            label=_("Photo"),
            required=False,
            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        )
        fields[f"rectify_by_{item.pk}"] = forms.DateField(
            label=_("Rectification deadline"), required=False, widget=DAY
        )
    return type("TemplateInspectionForm", (InspectionForm,), fields)(*args, **kwargs)


class RecheckForm(StyledFormMixin, forms.Form):
    rechecked_on = forms.DateField(label=_("Re-checked on"), widget=DAY)
    rectified = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("Rectified")), ("no", _("Not rectified"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
