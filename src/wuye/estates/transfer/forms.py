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
