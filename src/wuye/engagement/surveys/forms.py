"""Forms of satisfaction surveys, and the reading of a filled-in questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.core.models import ServiceStandard
from wuye.core.validators import as_id
from wuye.estates.models import Building

from ..models import Dimension, Question, QuestionKind, Survey

# The fields of the community's service standard that the survey settings set.
SETTINGS_FIELDS = ["surveys_per_year", "satisfaction_target"]


class SurveySettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceStandard
        fields = SETTINGS_FIELDS


class SurveyForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown to owners above the questions."),
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("Buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty to ask the whole community."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=Survey._meta.get_field("anonymous").help_text,
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = Building.objects.filter(community=community)


class QuestionForm(StyledFormMixin, forms.Form):
    order = forms.IntegerField(
        label=pgettext_lazy("survey question", "Number"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Leave empty to add it at the end."),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("survey question", "Kind"), choices=QuestionKind.choices
    )
    dimension = forms.ChoiceField(label=_("About"), choices=Dimension.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Choice questions only: one option a line."),
    )
    required = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[
            ("", _("Required for a rating, optional otherwise")),
            ("yes", pgettext_lazy("survey question", "Required")),
            ("no", pgettext_lazy("survey question", "Optional")),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        help_text=_("A questionnaire that leaves a required question blank is refused."),
    )

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class PaperHomeForm(StyledFormMixin, forms.Form):
    """The home written on a paper questionnaire, recorded by the office."""

    home = forms.CharField(
        label=_("Home"),
        max_length=40,
        help_text=_("Building-entrance-room as on the questionnaire, e.g. 3-2-502."),
    )


def _number(value: str) -> int:
    """A submitted number; anything else becomes 0, which no rating or option has."""
    return as_id(value)


def answers_from_post(questions: list[Question], data) -> list[dict]:
    """The answers of a questionnaire form (fields `q<question id>`) as the service takes them."""
    answers = []
    for question in questions:
        name = f"q{question.pk}"
        if question.kind == QuestionKind.RATING:
            raw = data.get(name, "")
            if raw:
                answers.append({"question_id": question.pk, "rating": _number(raw)})
        elif question.has_options:
            chosen = [_number(v) for v in data.getlist(name) if v]
            if chosen:
                answers.append({"question_id": question.pk, "option_ids": chosen})
        elif data.get(name, "").strip():
            answers.append({"question_id": question.pk, "text": data.get(name)})
    return answers


def keep_chosen(questions: list[Question], data, unanswered: set[int] = frozenset()) -> None:
    """Remember on each question what was ticked or written, to show the form again, and
    mark the required questions left blank."""
    for question in questions:
        question.chosen = [str(v) for v in data.getlist(f"q{question.pk}")]
        question.unanswered = question.pk in unanswered
