"""The staff list's filters."""

from __future__ import annotations

from django import forms

from ..organisation.models import Department, Post
from . import queries


class StaffFilterForm(forms.Form):
    """The staff list's filters; anything unknown is simply not applied."""

    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False)
    post = forms.ModelChoiceField(queryset=Post.objects.none(), required=False)
    state = forms.ChoiceField(
        choices=[("", ""), *queries.CERTIFICATE_STATES.items()], required=False
    )
    q = forms.CharField(max_length=60, required=False)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(community=community)
        self.fields["post"].queryset = Post.objects.filter(community=community).select_related(
            "department"
        )

    def filters(self) -> dict:
        if not self.is_valid():
            clean = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            clean = self.cleaned_data
        return {
            "department_id": clean["department"].pk if clean.get("department") else None,
            "post_id": clean["post"].pk if clean.get("post") else None,
            "state": clean.get("state") or None,
            "text": clean.get("q") or "",
        }
