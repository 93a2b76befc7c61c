"""Forms of staff suggestions and complaints."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .models import FeedbackKind


class FeedbackForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=FeedbackKind.choices,
        initial=FeedbackKind.SUGGESTION,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=120)
    body = forms.CharField(
        label=_("What it is, in detail"), max_length=4000, widget=forms.Textarea({"rows": 5})
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_("The manager does not see who wrote it."),
    )


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=4000, widget=forms.Textarea({"rows": 4}))
