"""Forms of community life: events, sign-ups, groups, reception days and visits."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.forms import StyledFormMixin
from wuye.estates.models import Building, Resident, Unit
from wuye.servicedesk.models import Category

from .services import MAX_PEOPLE

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"})


class EventForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=100000)
    signup_deadline = forms.DateTimeField(label=_("Sign-up deadline"), widget=DATETIME)
    buildings = forms.ModelMultipleChoiceField(
        label=_("Buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty to invite the whole community."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = Building.objects.filter(community=community)


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SignupForm(StyledFormMixin, forms.Form):
    """A household signs up: which of the user's homes, and how many people come."""

    unit = forms.ModelChoiceField(label=_("Home"), queryset=Unit.objects.none())
    people = forms.IntegerField(label=_("People"), min_value=1, max_value=MAX_PEOPLE, initial=1)

    def __init__(self, *args, homes, preferred=(), **kwargs):
        """`homes` are those the user may sign up; the first of them in `preferred` (the homes
        they own), else the first of all, is chosen to begin with."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = homes
        field.label_from_instance = lambda unit: unit.label
        choices = list(homes.values_list("pk", flat=True))
        if choices:
            field.initial = next((pk for pk in choices if pk in set(preferred)), choices[0])
        if len(choices) == 1:
            field.empty_label = None


class CheckInForm(forms.Form):
    attended = forms.IntegerField(min_value=1, max_value=MAX_PEOPLE)


class GroupForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Resident.objects.none(),
        required=False,
        help_text=_("A resident with a portal login; leave empty to organise it yourself."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Resident.objects.filter(
            community=community, user__isnull=False
        ).order_by("name")


class PostForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("group post", "Post"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class SlotsForm(StyledFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.IntegerField(label=_("Minutes a slot"), min_value=10, max_value=240, initial=20)
    place = forms.CharField(label=_("Place"), max_length=200)


class BookingForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Home"), queryset=Unit.objects.none())
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, *args, homes, preferred=(), **kwargs):
        """`homes` are those the user may sign up; the first of them in `preferred` (the homes
        they own), else the first of all, is chosen to begin with."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = homes
        field.label_from_instance = lambda unit: unit.label
        choices = list(homes.values_list("pk", flat=True))
        if choices:
            field.initial = next((pk for pk in choices if pk in set(preferred)), choices[0])
        if len(choices) == 1:
            field.empty_label = None


class OutcomeForm(StyledFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    follow_up = forms.BooleanField(label=_("Follow-up needed"), required=False)


class RaiseForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Kind of work order"), choices=Category.choices)


class VisitForm(StyledFormMixin, forms.Form):
    home = forms.CharField(
        label=_("Home"), max_length=40, help_text=_("Building-entrance-room, e.g. 3-2-502.")
    )
    visited_on = forms.DateField(
        label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    people_met = forms.CharField(label=_("People met"), max_length=200)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.BooleanField(label=_("Follow-up needed"), required=False)
