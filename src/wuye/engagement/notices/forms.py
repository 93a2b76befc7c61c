"""Forms of notices: writing one, attaching a file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building

from ..models import NOTICE_TEXT_MAX_LENGTH, Notice, NoticeKind


class NoticeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoticeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=Notice._meta.get_field("title").max_length)
    body = forms.CharField(
        label=_("Text"),
        max_length=NOTICE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
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
