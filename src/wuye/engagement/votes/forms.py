"""Forms of owners' votes (a question, a paper ballot, an owner's ballot)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
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
    # Asked for only when the opening time has passed: saving then opens voting at once.
    open_now = forms.BooleanField(
        label=_("Open voting as soon as the vote is saved"),
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self):
        cleaned = super().clean()
        opens_at = cleaned.get("opens_at")
        if opens_at is not None and opens_at <= timezone.now() and not cleaned.get("open_now"):
            self.fields["open_now"].widget = forms.CheckboxInput(
                attrs={"class": "form-check-input"}
            )
            self.add_error(
                "open_now",
                _(
                    "The opening time, %(when)s, has passed: saving opens voting at once and "
                    "freezes the register of owners as it stands now. Tick to confirm, or choose "
                    "a later opening time."
                )
                % {"when": date_format(timezone.localtime(opens_at), "DATETIME_FORMAT")},
            )
        return cleaned


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
