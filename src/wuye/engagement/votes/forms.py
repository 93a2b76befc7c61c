"""Forms of owners' votes (a question, a paper ballot, an owner's ballot)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from ..models import Choice, Matter, Vote


class VoteForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    matter = forms.ChoiceField(
        label=_("Matter"),
        choices=Matter.choices,
        help_text=Vote._meta.get_field("matter").help_text,
    )
    secret = forms.BooleanField(label=_("Secret ballot"), required=False)
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class PaperBallotForm(StyledFormMixin, forms.Form):
    """A ballot handed in on paper, recorded by the office for the home written on it."""

    home = forms.CharField(
        label=_("Home"),
        max_length=40,
        help_text=_("Building-entrance-room as on the ballot, e.g. 3-2-502."),
    )
    choice = forms.ChoiceField(label=_("Choice"), choices=Choice.choices)


class OwnerBallotForm(forms.Form):
    """An owner's choice for one of their homes (the home is checked against what they own)."""

    choice = forms.ChoiceField(label=_("Your choice"), choices=Choice.choices)
