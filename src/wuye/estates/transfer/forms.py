from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .columns import KINDS


class ImportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"),
        required=False,
        choices=[("", _("Every sheet, by its name (楼栋, 房屋, 住户, 车辆, 车位)"))]
        + [(kind.slug, kind.label) for kind in KINDS.values()],
    )
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ResidentExportForm(StyledFormMixin, forms.Form):
    """Why the residents' list is needed, and whether it must carry full ID-card numbers."""

    reason = forms.CharField(
        label=_("Reason for the export"),
        max_length=200,
        help_text=_("For example: the owners' list for the general meeting of building 3."),
        error_messages={
            "required": _("Say why you need the residents' list; the reason is kept on record.")
        },
    )
    full_id_numbers = forms.BooleanField(
        label=_("Full ID-card numbers instead of masked ones"),
        required=False,
        help_text=_(
            "Only when the purpose needs them, such as a filing with the authorities. The file "
            "then holds every listed resident's full number: keep it safe and delete it after use."
        ),
    )

    def __init__(self, *args, may_see_id_numbers: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_see_id_numbers:
            del self.fields["full_id_numbers"]
