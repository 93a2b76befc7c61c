"""Forms of the shift settings and the roster pages."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.forms import StyledFormMixin

from .models import ChangeKind, ShiftTemplate, WorkRules
from .services import RULE_FIELDS

WEEK_RE = re.compile(r"([0-9]{4})-W([0-9]{2})")


def parse_week(text: str | None) -> date:
    """The Monday of an ISO week written `YYYY-Www` (2026-W51), of the years 1900 to 2199."""
    found = WEEK_RE.fullmatch((text or "").strip())
    if found:
        year, week = int(found.group(1)), int(found.group(2))
        if 1900 <= year <= 2199:
            try:
                return date.fromisocalendar(year, week, 1)
            except ValueError:
                pass
    raise ValidationError(_("Give a week as 2026-W51."), code="week")


def week_label(monday: date) -> str:
    return f"{monday:%G-W%V}"


class ShiftForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ShiftTemplate
        fields = ["name", "code", "kind", "starts", "ends", "break_minutes", "order", "active"]
        widgets = {
            "starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "ends": gettext_lazy("At or before the start: the shift ends the next day."),
        }

    def __init__(self, *args, community=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.community = community

    def validate_unique(self):
        """The service says when another shift has the code."""


class WorkRulesForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WorkRules
        fields = list(RULE_FIELDS)


class ChangeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Change"), choices=ChangeKind.choices)
    covered_by = forms.ModelChoiceField(
        label=gettext_lazy("Covered by"), queryset=None, required=False
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["covered_by"].queryset = people
        self.fields["covered_by"].label_from_instance = lambda u: u.get_full_name() or u.username
