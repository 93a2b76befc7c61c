"""The post board's choice of a day and a shift."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.params import validate_day
from wuye.staff.rosters.models import ShiftTemplate


class MomentForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        validators=[validate_day],
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "class": "form-control form-control-sm w-auto"},
        ),
    )
    shift = forms.ModelChoiceField(
        label=_("Shift"),
        queryset=ShiftTemplate.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )

    def __init__(self, *args, community_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = ShiftTemplate.objects.filter(
            community_id=community_id, active=True
        )
