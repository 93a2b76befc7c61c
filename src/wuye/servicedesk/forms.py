"""Forms of the customer-center pages: intake, the owner's request, and one per action.

Forms only parse and check the shape of input; the services decide (and their
ValidationError is put back on the field it names with `add_service_errors`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import ScoreField, StyledFormMixin
from wuye.estates.queries import residents_visible_to, units_visible_to

from . import queries
from .models import (
    COMPLAINANT_HINTS,
    CallbackMethod,
    Category,
    Channel,
    ComplainantType,
    DeskSettings,
    Priority,
    ReplyChannel,
    Status,
    Subcategory,
)

# Service field names that a form shows under another name.
SERVICE_FIELDS = {
    "file": "photos",
    "assignee": "assignee",
    "reply_by": "reply_by",
    "withdraw_item_ids": "withdraw",
}
PHOTO_LIMIT = 6
ITEM_ROWS = 3


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
    """The lists the action forms of one page offer (staff with their open load, the teams
    to dispatch from, the price list), each read once however many orders the page shows."""

    def __init__(self, community_id: int):
        self.community_id = community_id
        self._staff = self._prices = self._settings = self._pool = self._everyone = None

    @property
    def staff(self) -> list:
        if self._staff is None:
            self._staff = list(queries.staff_of(self.community_id))
        return self._staff

    def pool(self, community) -> queries.DispatchPool:
        """The community's team members, their open load and who is on night duty."""
        if self._pool is None:
            self._pool = queries.dispatch_pool(community)
        return self._pool

    @property
    def load_limit(self) -> int | None:
        """The most open orders a person is suggested for, once someone was offered."""
        return self._pool.limit if self._pool is not None else None

    def everyone(self, community) -> list[queries.Candidate]:
        """All staff an order may be sent to, by name, with their open load."""
        if self._everyone is None:
            limit = self.pool(community).limit
            load = queries.open_load(self.community_id, [u.pk for u in self.staff])
            self._everyone = [
                queries.Candidate(u, load.get(u.pk, 0), load.get(u.pk, 0) >= limit)
                for u in self.staff
            ]
        return self._everyone

    def suggestions(self, order, leave_out: int | None = None) -> list[queries.Suggestion]:
        """Whom to send `order` to, best first (`leave_out`: the person it is with now)."""
        ranked = queries.ranked_suggestions(order, self.pool(order.community))
        return [s for s in ranked if s.user.pk != leave_out]

    def offer(self, order, leave_out: int | None = None) -> tuple[list, object]:
        """The people of the order's team (else of the teams taking its kind) with their
        open load, and the suggested one among them (None if nobody is free)."""
        suggestions = self.suggestions(order, leave_out)
        suggestion = suggestions[0] if suggestions else None
        candidates = [
            c
            for c in queries.dispatch_choices(order, self.pool(order.community))
            if c.user.pk != leave_out
        ]
        if suggestion and all(c.user.pk != suggestion.user.pk for c in candidates):
            # After hours an emergency goes to the night duty, of whichever team.
            candidates.insert(0, queries.Candidate(suggestion.user, suggestion.open_orders, False))
        return candidates, suggestion

    @property
    def prices(self) -> list:
        if self._prices is None:
            self._prices = list(queries.price_list(self.community_id))
        return self._prices

    @property
    def off_list_allowed(self) -> bool:
        if self._settings is None:
            self._settings = DeskSettings.for_community(self.community_id)
        return self._settings.off_list_items_allowed


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.TextInput()
    )


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.TextInput())


def _this_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class ArriveForm(StyledFormMixin, forms.Form):
    """The assignee's arrival on site: the time (now unless changed) and, filled in by the
    page where the phone allows it, where they were."""

    arrived_at = forms.DateTimeField(
        label=_("Arrived at"),
        required=False,
        initial=_this_minute,
        widget=local_time_input(),
        help_text=_("Change it if you arrived earlier."),
    )
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    accuracy = forms.DecimalField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.TextInput()
    )


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
    """The technician's report of the finished work, with priced items of the price list,
    an item off the list where the community allows it, and (rework) the earlier items no
    longer charged."""

    result = forms.CharField(
        label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = PhotosField(label=_("Photos of the finished work"))
    withdraw = forms.TypedMultipleChoiceField(
        label=_("No longer charged"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_name = forms.CharField(label=_("Item off the price list"), max_length=100, required=False)
    other_unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    other_price = forms.DecimalField(
        label=_("Unit price (¥)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    other_quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=0.01,
        max_digits=8,
        decimal_places=2,
        required=False,
        initial=1,
    )

    def __init__(self, *args, kit: FormKit, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kit = kit
        current = [i for i in order.items.all() if i.removed_at is None] if order else []
        if current:
            self.fields["withdraw"].choices = [
                (i.pk, f"{i.name} × {i.quantity} · ¥{i.amount}") for i in current
            ]
            self.fields["withdraw"].widget.attrs["class"] = "form-check-input"
        else:
            del self.fields["withdraw"]
        for name in ("other_name", "other_unit", "other_price", "other_quantity"):
            if not kit.off_list_allowed:
                del self.fields[name]
                continue
            attrs = self.fields[name].widget.attrs
            attrs["placeholder"] = str(self.fields[name].label)
            attrs["class"] = "form-control form-control-sm"
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
        if self.cleaned_data.get("other_name"):
            rows.append(
                {
                    "name": self.cleaned_data["other_name"],
                    "unit": self.cleaned_data.get("other_unit") or "",
                    "unit_price": self.cleaned_data.get("other_price"),
                    "quantity": self.cleaned_data.get("other_quantity") or 1,
                }
            )
        return rows

    def withdrawn(self) -> list[int]:
        return list(self.cleaned_data.get("withdraw") or [])


class PromiseForm(AssignForm):
    """When and by whom a complainant will hear back (a named person answers every day)."""

    reply_by = forms.DateTimeField(label=_("Reply promised by"), widget=local_time_input())

    field_order = ["reply_by", "assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]
        self.fields["assignee"].label = _("Named responder")


class RateForm(StyledFormMixin, forms.Form):
    score = ScoreField(label=_("Score"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VisitForm(StyledFormMixin, forms.Form):
    """The call-back (回访)."""

    satisfied = forms.TypedChoiceField(
        label=_("Was the owner satisfied?"),
        choices=[("yes", _("Satisfied")), ("no", _("Not satisfied"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    score = ScoreField(label=_("Owner's score"), required=False)
    method = forms.ChoiceField(
        label=_("Method"), choices=CallbackMethod.choices, initial=CallbackMethod.PHONE
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=4000)


class SpotCheckForm(StyledFormMixin, forms.Form):
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


class OrderFilterForm(StyledFormMixin, forms.Form):
    """The filters of the work-order list; a field typed wrongly is named and left out."""

    number = forms.CharField(label=_("Order number"), max_length=40, required=False)
    home = forms.CharField(
        label=_("Home"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "3-2-502"}),
    )
    caller = forms.CharField(
        label=_("Caller"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or phone")}),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Category.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), (queries.STATUS_OPEN, _("Open (any)")), *Status.choices],
        required=False,
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = field.widget.attrs["class"]
            field.widget.attrs["class"] = f"{css} {css.split()[0]}-sm"

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The last day comes before the first."))
            del data["received_from"]
        return data

    def filters(self) -> dict:
        """What was typed correctly (an unbound or wrongly filled form filters by the rest)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
