"""Forms of the customer center's settings pages: they parse; `services.config` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.core.people import display_name

from .. import queries
from ..models import (
    MONEY,
    Category,
    DeskSettings,
    PriceListItem,
    SlaPolicy,
    Subcategory,
)
from ..services.config import DESK_FIELDS, SLA_FIELDS


class ChecksMixin(StyledFormMixin):
    """Several choices ticked as a column of Bootstrap checks (`configure/_checks.html`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"
                field.template_name = "servicedesk/configure/_checks.html"


def _staff(field: forms.ModelChoiceField, community_id: int, exclude=()) -> None:
    """The community's staff to choose from, each by their name."""
    field.queryset = queries.staff_of(community_id).exclude(pk__in=exclude)
    field.label_from_instance = display_name


def _checks(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class PriceItemForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("item"), max_length=100)
    unit = forms.CharField(
        label=_("unit"), max_length=20, help_text=_("What the price is for: a piece, a metre…")
    )
    price = forms.DecimalField(
        label=_("price (CNY)"),
        min_value=0,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        help_text=_("Orders already charged keep the price they were charged."),
    )
    sort = forms.IntegerField(
        label=_("order"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Smaller numbers come first in the list."),
    )

    @classmethod
    def of(cls, data, item: PriceListItem | None):
        initial = {name: getattr(item, name) for name in cls.base_fields} if item else None
        return cls(data, initial=initial)


class TeamForm(ChecksMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    categories = _checks(_("Categories of work it takes"), Category.choices)
    subcategories = _checks(
        _("Subcategories"),
        Subcategory.choices,
        help_text=_("None ticked: every subcategory of its categories."),
    )
    supervisor = forms.ModelChoiceField(
        label=_("supervisor"), queryset=None, required=False, empty_label=_("No supervisor")
    )
    active = forms.BooleanField(label=_("Takes work orders"), required=False, initial=True)

    def __init__(self, *args, community_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        _staff(self.fields["supervisor"], community_id)


class MemberAddForm(ChecksMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
    skills = _checks(
        _("skills"), Subcategory.choices, help_text=_("Subcategories this person handles.")
    )

    def __init__(self, *args, community_id: int, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        _staff(self.fields["user"], community_id, exclude=members)


class MemberForm(ChecksMixin, forms.Form):
    skills = _checks(
        _("skills"), Subcategory.choices, help_text=_("Subcategories this person handles.")
    )
    active = forms.BooleanField(label=_("Takes work orders"), required=False)


class DeskSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DeskSettings
        fields = DESK_FIELDS


class SlaPolicyForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SlaPolicy
        fields = SLA_FIELDS
        help_texts = dict.fromkeys(
            [f for f in SLA_FIELDS if f.endswith("_target")],
            _("Minutes, or working days on that clock (0: the same day); empty: no target."),
        )
