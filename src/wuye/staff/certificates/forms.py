"""The certificate form: holder (when adding), kind, number, issuer and dates."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin

from .models import CertificateKind


class CertificateForm(StyledFormMixin, forms.Form):
    holder = forms.ModelChoiceField(label=_("Holder"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=CertificateKind.choices)
    number = forms.CharField(label=pgettext_lazy("certificate", "Number"), max_length=60)
    issuer = forms.CharField(label=_("Issued by"), max_length=100, required=False)
    issued_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Empty: does not expire."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, staff=None, adding=True, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            self.fields["holder"].queryset = staff
            self.fields["holder"].label_from_instance = lambda u: u.get_full_name() or u.username
        else:
            del self.fields["holder"]
