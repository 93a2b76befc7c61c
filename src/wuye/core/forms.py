from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from . import params
from .models import RETENTION_MAX_DAYS, CalendarDayKind, Community

# The fields of the community's profile that its managers set; the code (in every number
# printed) and the company are not among them.
PROFILE_FIELDS = [
    "name",
    "city",
    "address",
    "service_phone",
    "developer",
    "service_level",
    "language",
    "total_building_area",
    "site_area",
    "building_footprint",
    "green_area",
    "planned_parking_spaces",
    "planned_population",
]

# What each score of a five-star rating means, for the stars' names and the caption.
SCORE_LABELS = {
    1: _("1 star — very dissatisfied"),
    2: _("2 stars — dissatisfied"),
    3: _("3 stars — neutral"),
    4: _("4 stars — satisfied"),
    5: _("5 stars — very satisfied"),
}


class StarRating(forms.RadioSelect):
    """Five stars that are radio buttons: each a large target for a finger, chosen with the
    arrow keys as any radio group, drawn by CSS alone (wuye.css), sent without JavaScript."""

    template_name = "core/widgets/stars.html"
    option_template_name = "core/widgets/star.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "star-input", **(attrs or {})}, choices)


class ScoreField(forms.TypedChoiceField):
    """A score from 1 to 5 given with five stars, in a fieldset whose legend is the label.
    An optional score also offers "no score" (the default)."""

    widget = StarRating

    def __init__(self, *, required: bool = True, **kwargs):
        choices = list(SCORE_LABELS.items())
        if not required:
            choices.insert(0, ("", _("No score")))
        super().__init__(
            choices=choices,
            coerce=int,
            empty_value=None,
            required=required,
            template_name="core/widgets/score_field.html",
            **kwargs,
        )


class StyledFormMixin:
    """Gives every widget Bootstrap's classes, marks fields with errors as invalid, and keeps
    every date within `core.params`' range (text fields refuse NUL themselves, as Django's
    CharField does).

    Fields are marked as their errors are added (during validation, or afterwards when a
    service's error is put on the form), so that a form's own __init__ can still set up
    its fields (querysets, lookups) before anything is validated.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                # Every day typed lies where the calendar arithmetic after it cannot fail.
                field.validators.append(params.validate_day)
            widget = field.widget
            if isinstance(widget, StarRating):
                continue
            if isinstance(widget, forms.RadioSelect) and widget.input_type == "radio":
                # One Bootstrap check per choice; the group itself takes no class.
                widget.template_name = "core/widgets/radios.html"
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if "is-invalid" not in css.split():
                    widget.attrs["class"] = f"{css} is-invalid".strip()


def add_service_errors(
    form: forms.Form, error: ValidationError, renamed: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the fields it names (the rest above the form).

    `renamed` maps a service's field name to the form field that takes its input, where the
    two differ (the service's `file` is the form's `photos`).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (renamed or {}).get(field, field)
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(target, errors)


class AuditSearchForm(forms.Form):
    """The audit log's search: who, what, which object, from and until which day."""

    person = forms.CharField(label=_("Person"), max_length=100, required=False)
    action = forms.CharField(label=_("Action"), max_length=64, required=False)
    obj = forms.CharField(label=_("Object"), max_length=200, required=False)
    since = forms.DateField(
        label=_("From"),
        required=False,
        validators=[params.validate_day],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        validators=[params.validate_day],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The last day comes before the first."))
        return cleaned


class CommunityProfileForm(StyledFormMixin, forms.ModelForm):
    """The community's profile (设置 → 小区资料); the plan's ratios are computed from its
    areas, so they are shown, not typed."""

    class Meta:
        model = Community
        fields = PROFILE_FIELDS
        widgets = {"address": forms.TextInput()}


class CalendarDayForm(StyledFormMixin, forms.Form):
    """Mark one day for the community: a rest day, a working day, or as the company has it."""

    date = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(
        label=_("The day is"),
        choices=[
            (CalendarDayKind.HOLIDAY, _("A rest day (public holiday)")),
            (CalendarDayKind.WORKDAY, _("A working day (swapped, 调休上班)")),
            ("", _("As the company's calendar has it")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name of the day"),
        max_length=100,
        required=False,
        help_text=_("e.g. 春节, 国庆节调休"),
    )


class CalendarYearForm(forms.Form):
    """The year the calendar page shows (this year when missing or out of range)."""

    year = forms.IntegerField(
        min_value=params.FIRST_DAY.year + 1, max_value=params.LAST_DAY.year - 1
    )


class RetentionForm(StyledFormMixin, forms.Form):
    """The days the community keeps each class of personal data (`core.retention`): one
    whole number of days per class, named by its key."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[row["key"]] = forms.IntegerField(
                label=row["label"],
                min_value=1,
                max_value=RETENTION_MAX_DAYS,
                initial=row["days"],
                error_messages={
                    "invalid": _("Give a whole number of days."),
                    "required": _("Give a whole number of days."),
                    "min_value": _("Keep it at least one day."),
                    "max_value": _("Keep it at most %(limit_value)s days (ten years)."),
                },
            )
