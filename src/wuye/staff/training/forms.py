"""Forms of the training register: a course, a session with its attendees and scores, and
the sessions' filters."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .models import Course, Topic


class CourseForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.5, max_value=99, decimal_places=1, initial=1
    )
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)
    active = forms.BooleanField(label=_("Still given"), required=False, initial=True)


class SessionForm(StyledFormMixin, forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.5,
        max_value=99,
        decimal_places=1,
        required=False,
        help_text=_("Empty: the course's usual hours."),
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=None, required=False, empty_label=_("An outside trainer")
    )
    trainer_name = forms.CharField(
        label=_("Outside trainer"),
        max_length=100,
        required=False,
        help_text=_("When not one of the staff."),
    )
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )
    attachment = forms.FileField(
        label=_("Sign-in sheet or handout"),
        required=False,
        help_text=_("A PDF, PNG or JPEG file of at most 10 MB."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, community, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(community=community, active=True)
        self.fields["trainer"].queryset = people
        self.fields["attendees"].queryset = people
        self.scores: dict = {}
        self.score_errors: set[int] = set()

    def clean(self):
        data = super().clean()
        for person in data.get("attendees") or []:
            raw = (self.data.get(f"score_{person.pk}") or "").strip()
            if not raw:
                continue
            if not re.fullmatch(r"[0-9]{1,3}", raw) or not 0 <= int(raw) <= 100:
                self.score_errors.add(person.pk)
                continue
            self.scores[person] = int(raw)
        if self.score_errors:
            self.add_error(None, _("A score is a whole number from 0 to 100."))
        course = data.get("course")
        if course is not None and data.get("hours") is None and "hours" not in self.errors:
            data["hours"] = course.hours
        return data


class SessionFilterForm(forms.Form):
    course = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    topic = forms.ChoiceField(required=False, choices=[("", "")] + list(Topic.choices))
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)
