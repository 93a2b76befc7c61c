"""Forms of the organisation pages: a department, a post, and a person taking or leaving a
post. They parse input; the services check it."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.core.models import Role
from wuye.core.people import display_name

from ..choices import CertificateKind
from . import queries
from .models import Department, DepartmentKind


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{display_name(obj)} ({obj.get_username()})"


def staff_of(community):
    return (
        get_user_model()
        .objects.filter(memberships__in=queries.memberships_of(community))
        .distinct()
        .order_by("first_name", "username")
    )


class DepartmentForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=DepartmentKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Reports to"), queryset=Department.objects.none(), required=False
    )
    head = PersonChoice(label=_("Head"), queryset=get_user_model().objects.none(), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)

    def __init__(self, *args, community, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Department.objects.filter(community=community)
        if department is not None:
            parents = parents.exclude(pk=department.pk)
        self.fields["parent"].queryset = parents
        self.fields["head"].queryset = staff_of(community)


class PostForm(StyledFormMixin, forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    title = forms.CharField(label=_("Title"), max_length=100)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("A short name for the post in rosters and the API."),
    )
    headcount = forms.IntegerField(
        label=_("Headcount"),
        min_value=0,
        max_value=100,
        initial=1,
        help_text=_("People the post needs on each shift it is staffed."),
    )
    required_certificates = forms.MultipleChoiceField(
        label=_("Required certificates"),
        choices=CertificateKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    role = forms.ChoiceField(
        label=_("Usual role"), choices=[("", "—"), *Role.choices], required=False
    )
    seasonal = forms.BooleanField(label=_("Seasonal"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(community=community)


class AssignForm(StyledFormMixin, forms.Form):
    user = PersonChoice(label=_("Person"), queryset=get_user_model().objects.none())
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of(community)


class EndForm(StyledFormMixin, forms.Form):
    ended_on = forms.DateField(
        label=_("Last day in the post"), widget=forms.DateInput(attrs={"type": "date"})
    )
