"""Forms of the customer-center pages: intake, the owner's request, and one per action.

Forms only parse and check the shape of input; the services decide (and their
ValidationError is put back on the field it names with `add_service_errors`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin
from wuye.estates.queries import residents_visible_to, units_visible_to

from . import queries
from .models import (
    COMPLAINANT_HINTS,
    CallbackMethod,
    Category,
    Channel,
    ComplainantType,
    Priority,
    ReplyChannel,
    Subcategory,
)

# Service field names that a form shows under another name.
SERVICE_FIELDS = {"file": "photos", "assignee": "assignee", "reply_by": "reply_by"}
PHOTO_LIMIT = 6
ITEM_ROWS = 3


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names (the rest above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.error_dict.items():
        name = SERVICE_FIELDS.get(field, field)
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(target, messages)


class RadioMixin(StyledFormMixin):
    """Radio buttons styled as Bootstrap's checks rather than text boxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-check-input"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once; their content is checked by the service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault("help_text", _("JPEG, PNG or WebP, at most 8 MB each."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > PHOTO_LIMIT:
            raise ValidationError(_("Send at most %(n)s photos.") % {"n": PHOTO_LIMIT})
        return [super(PhotosField, self).clean(f, initial) for f in files]


def local_time_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IntakeForm(StyledFormMixin, forms.Form):
    """The front desk receives a request, most often on the phone (前台统一受理)."""

    unit = forms.ModelChoiceField(
        queryset=None, required=False, widget=forms.HiddenInput, label=_("Home")
    )
    reporter_resident = forms.ModelChoiceField(
        queryset=None, required=False, widget=forms.HiddenInput, label=_("Caller")
    )
    contact_name = forms.CharField(label=_("Caller's name"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    location = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For a common area, or when the caller's home is not in the register."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=_("Subcategory"), choices=Subcategory.choices, initial=Subcategory.OTHER
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial="hotline")
    complainant_type = forms.ChoiceField(
        label=_("Complainant type"),
        choices=[("", "—"), *ComplainantType.choices],
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    preferred_from = forms.DateTimeField(
        label=_("Preferred from"), required=False, widget=local_time_input()
    )
    preferred_to = forms.DateTimeField(
        label=_("Preferred until"), required=False, widget=local_time_input()
    )
    photos = PhotosField()

    def __init__(self, *args, user, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user, community.pk)
        self.fields["reporter_resident"].queryset = residents_visible_to(user, community.pk)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "photos"}


class OwnerRequestForm(StyledFormMixin, forms.Form):
    """An owner reports a problem or a wish for one of their homes (portal)."""

    CATEGORIES = (
        Category.REPAIR_HOME,
        Category.COMPLAINT,
        Category.ENQUIRY,
        Category.SUGGESTION,
        Category.PRAISE,
    )

    unit = forms.ModelChoiceField(queryset=None, label=_("Home"), empty_label=None)
    category = forms.ChoiceField(
        label=_("What is it about?"),
        choices=[(c.value, c.label) for c in CATEGORIES],
        initial=Category.REPAIR_HOME,
    )
    subcategory = forms.ChoiceField(
        label=_("Subcategory"), choices=Subcategory.choices, initial=Subcategory.OTHER
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    preferred_from = forms.DateTimeField(
        label=_("Someone may come from"), required=False, widget=local_time_input()
    )
    preferred_to = forms.DateTimeField(label=_("until"), required=False, widget=local_time_input())
    photos = PhotosField()

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = homes


# ---- one small form per action -------------------------------------------------------------


class FormKit:
    """The lists the action forms of one page offer (staff, the price list), each read once
    however many orders the page shows."""

    def __init__(self, community_id: int):
        self.community_id = community_id
        self._staff = self._prices = None

    @property
    def staff(self) -> list:
        if self._staff is None:
            self._staff = list(queries.staff_of(self.community_id))
        return self._staff

    @property
    def prices(self) -> list:
        if self._prices is None:
            self._prices = list(queries.price_list(self.community_id))
        return self._prices


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.TextInput()
    )


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.TextInput())


class CommentForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


def to_owner_field() -> forms.BooleanField:
    """Staff's choice to write a note as a reply the owner reads (left alone: staff only)."""
    return forms.BooleanField(
        label=_("Reply to the owner: the owner reads this note"), required=False
    )


class ReplyForm(StyledFormMixin, forms.Form):
    """A reply given to the complainant (答复): how, who, what was said, when."""

    channel = forms.ChoiceField(
        label=_("How"), choices=ReplyChannel.choices, initial=ReplyChannel.PHONE
    )
    text = forms.CharField(
        label=_("What was said"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    replied_by = forms.TypedChoiceField(label=_("Who replied"), coerce=int)
    replied_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=local_time_input(),
        help_text=_("Leave empty for now."),
    )

    def __init__(self, *args, kit: FormKit, user=None, **kwargs):
        self.kit = kit
        super().__init__(*args, **kwargs)
        self.fields["replied_by"].choices = [
            (u.pk, u.get_full_name() or u.username) for u in kit.staff
        ]
        if user is not None and not self.is_bound:
            self.fields["replied_by"].initial = user.pk

    def clean_replied_by(self):
        return {u.pk: u for u in self.kit.staff}[self.cleaned_data["replied_by"]]


class AssignForm(StyledFormMixin, forms.Form):
    assignee = forms.TypedChoiceField(label=_("Send to"), coerce=int)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000)

    def __init__(self, *args, kit: FormKit, **kwargs):
        self.kit = kit
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "—"),
            *[(u.pk, u.get_full_name() or u.username) for u in kit.staff],
        ]

    def clean_assignee(self):
        return {u.pk: u for u in self.kit.staff}[self.cleaned_data["assignee"]]


class TransferForm(AssignForm):
    reason = forms.CharField(label=_("Reason"), max_length=4000)

    field_order = ["assignee", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


class ResolveForm(StyledFormMixin, forms.Form):
    """The technician's report of the finished work, with priced items of the price list."""

    result = forms.CharField(
        label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = PhotosField(label=_("Photos of the finished work"))

    def __init__(self, *args, kit: FormKit, **kwargs):
        super().__init__(*args, **kwargs)
        self.kit = kit
        choices = [("", "—"), *[(p.pk, f"{p.name} · ¥{p.price}/{p.unit}") for p in kit.prices]]
        for n in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{n}"] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                label=_("Priced item"),
            )
            self.fields[f"quantity_{n}"] = forms.DecimalField(
                label=_("Quantity"),
                required=False,
                min_value=0.01,
                max_digits=8,
                decimal_places=2,
                initial=1,
            )
        for name, field in self.fields.items():
            if name.startswith(("item_", "quantity_")):
                css = "form-select" if name.startswith("item_") else "form-control"
                field.widget.attrs["class"] = f"{css} form-control-sm"

    def item_rows(self) -> list:
        return [(self[f"item_{n}"], self[f"quantity_{n}"]) for n in range(1, ITEM_ROWS + 1)]

    def items(self) -> list[dict]:
        rows = []
        for n in range(1, ITEM_ROWS + 1):
            item_id = self.cleaned_data.get(f"item_{n}")
            if item_id is not None:
                quantity = self.cleaned_data.get(f"quantity_{n}") or 1
                rows.append({"price_item_id": item_id, "quantity": quantity})
        return rows


class PromiseForm(AssignForm):
    """When and by whom a complainant will hear back (a named person answers every day)."""

    reply_by = forms.DateTimeField(label=_("Reply promised by"), widget=local_time_input())

    field_order = ["reply_by", "assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]
        self.fields["assignee"].label = _("Named responder")


class RateForm(RadioMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VisitForm(RadioMixin, forms.Form):
    """The call-back (回访)."""

    satisfied = forms.TypedChoiceField(
        label=_("Was the owner satisfied?"),
        choices=[("yes", _("Satisfied")), ("no", _("Not satisfied"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[("", "—"), *[(n, str(n)) for n in range(5, 0, -1)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    method = forms.ChoiceField(
        label=_("Method"), choices=CallbackMethod.choices, initial=CallbackMethod.PHONE
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=4000)


class SpotCheckForm(RadioMixin, forms.Form):
    """A supervisor's spot check (抽查) of a closed order."""

    passed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("Up to standard")), ("no", _("Not up to standard"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(label=_("Finding"), required=False, max_length=4000)


def complainant_hints() -> list[tuple[str, str, str]]:
    """(value, label, hint) of the four complainant types, for the intake page."""
    return [(t.value, t.label, COMPLAINANT_HINTS[t]) for t in ComplainantType]
