"""Forms of the shift handover: starting one, the outgoing and incoming counts, and the
community's counted items."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin

from .models import MAX_COUNT, CctvStatus, FirePanelStatus


class StartForm(StyledFormMixin, forms.Form):
    post = forms.ModelChoiceField(
        label=pgettext_lazy("post of a department", "Post"), queryset=None
    )
    ends_at = forms.DateTimeField(
        label=_("Shift ends at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    shift = forms.ModelChoiceField(label=_("Shift"), queryset=None, required=False)

    def __init__(self, *args, posts, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = posts
        self.fields["shift"].queryset = shifts


class CountsForm(StyledFormMixin, forms.Form):
    """One whole-number field a counted item (`count_<line id>`)."""

    def __init__(self, *args, lines, initial_from: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"count_{line.pk}"] = forms.IntegerField(
                label=line.name,
                min_value=0,
                max_value=MAX_COUNT,
                required=False,
                initial=getattr(line, initial_from) if initial_from else None,
                help_text=_("Expected: %(count)s") % {"count": line.expected},
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
            )

    def counts(self) -> dict[str, int]:
        return {
            line.name: self.cleaned_data[f"count_{line.pk}"]
            for line in self.lines
            if self.cleaned_data.get(f"count_{line.pk}") is not None
        }


class WriteForm(CountsForm):
    """The counts first (keys and equipment), then the statuses and the notes."""

    cctv_status = forms.ChoiceField(label=_("CCTV"), choices=CctvStatus.choices)
    fire_panel_status = forms.ChoiceField(label=_("Fire panel"), choices=FirePanelStatus.choices)
    open_incidents_note = forms.CharField(
        label=_("Open incidents"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the next shift must follow up: incidents still open, visitors inside."),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ItemForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Item"), max_length=50)
    expected = forms.IntegerField(label=_("Expected count"), min_value=0, max_value=MAX_COUNT)
    active = forms.BooleanField(label=_("Counted"), required=False, initial=True)


def counts_first(form: WriteForm) -> None:
    count_names = [name for name in form.fields if name.startswith("count_")]
    form.order_fields(count_names)
