"""Forms of fund-usage publicity and of the owners' committee register."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Relation, Resident

from ..models import Category, CommitteeRole, PeriodKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("fund-usage period kind", "Period"), choices=PeriodKind.choices
    )
    start = forms.DateField(
        label=_("First day"),
        widget=DATE,
        help_text=_("The first day of the month, quarter or half-year."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class LineForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )


class CorrectionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What the correction changes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class RuleForm(StyledFormMixin, forms.Form):
    top_up_percent = forms.DecimalField(
        label=_("Share of common-area income to the maintenance fund (per cent)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        help_text=_(
            "Of the income after its reasonable costs; applied when a period is published."
        ),
    )


class CommitteeMemberForm(StyledFormMixin, forms.Form):
    resident = forms.ModelChoiceField(label=_("Owner"), queryset=Resident.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)
    start_date = forms.DateField(label=_("From"), widget=DATE)
    end_date = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = (
            Resident.objects.filter(community=community, residencies__relation=Relation.OWNER)
            .distinct()
            .order_by("name")
        )


class EndTermForm(StyledFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
