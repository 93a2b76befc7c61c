"""Forms of owners' votes (a question, a paper ballot, an owner's ballot) and of notices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building

from .models import Choice, Matter, NoticeKind, Vote


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


class NoticeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoticeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    buildings = forms.ModelMultipleChoiceField(
        label=_("Buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty to publish to the whole community."),
    )
    pinned_until = forms.DateField(
        label=_("Pinned until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = Building.objects.filter(community=community)


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Attach a file"), help_text=_("PDF, PNG or JPEG, at most 10 MB.")
    )
