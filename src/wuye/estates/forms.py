"""Forms of the register's staff pages and the owner portal.

The forms parse and show input; the services normalise, validate and save it. A service's
ValidationError is put back on the form field it names (`add_service_errors`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import StyledFormMixin

from .models import Building, ParkingSpace, Relation, Resident, ReviewOutcome, Unit, Vehicle


def mobile_field(label) -> forms.CharField:
    """A phone box roomy enough for "+86 139 1234 5678"; the service normalises it."""
    return forms.CharField(
        label=label, max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )


def date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class RegisterForm(StyledFormMixin, forms.ModelForm):
    """A form over a register row that leaves model validation and saving to the service.

    Fields, labels and initial values come from the model; `_post_clean` (which would copy
    the input onto the instance and validate it) is skipped, because the service normalises
    the input first and then validates the row inside its transaction.
    """

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class BuildingForm(RegisterForm):
    class Meta:
        model = Building
        fields = ["number", "name", "kind", "floors", "lifts"]


class UnitForm(RegisterForm):
    class Meta:
        model = Unit
        fields = ["entrance", "floor", "number", "building_area", "inner_area", "use", "occupancy"]


class ResidentForm(RegisterForm):
    mobile = mobile_field(_("Mobile"))
    emergency_phone = mobile_field(_("Emergency phone"))
    id_number = forms.CharField(
        label=_("ID-card number"),
        max_length=40,
        required=False,
        help_text=_("18 characters; the last may be X. Stored encrypted and shown masked."),
    )

    class Meta:
        model = Resident
        fields = [
            "name",
            "mobile",
            "emergency_contact",
            "emergency_phone",
            "needs_attention",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.id_number_masked:
            self.fields["id_number"].help_text = _(
                "On file: %(masked)s. Leave empty to keep it; type a new number to replace it."
            ) % {"masked": self.instance.id_number_masked}

    def service_data(self) -> dict:
        data = super().service_data()
        # An empty box on an existing resident keeps the number on file.
        if self.cleaned_data["id_number"] or not self.instance.pk:
            data["id_number"] = self.cleaned_data["id_number"]
        return data


class VehicleForm(RegisterForm):
    class Meta:
        model = Vehicle
        fields = ["plate", "description"]
        help_texts = {"plate": _("For example 新B12345, or 新BD12345 for a new-energy car.")}


class ParkingSpaceForm(RegisterForm):
    """A parking space; its home and vehicle are typed as staff say them (3-2-502, 新B12345)."""

    unit = forms.CharField(
        label=_("Home"),
        required=False,
        help_text=_("Building-entrance-room, e.g. 3-2-502. Leave empty for none."),
    )
    vehicle = forms.CharField(
        label=_("Vehicle plate"), required=False, help_text=_("Leave empty for none.")
    )

    class Meta:
        model = ParkingSpace
        fields = ["number", "zone", "kind"]

    def __init__(self, *args, find_unit, find_vehicle, **kwargs):
        """`find_unit(text)` and `find_vehicle(text)` return the matches the user may see."""
        super().__init__(*args, **kwargs)
        self._find_unit, self._find_vehicle = find_unit, find_vehicle
        if self.instance.pk and not self.is_bound:
            self.initial["unit"] = self.instance.unit.label if self.instance.unit else ""
            self.initial["vehicle"] = self.instance.vehicle.plate if self.instance.vehicle else ""

    def clean_unit(self) -> Unit | None:
        text = self.cleaned_data["unit"]
        if not text:
            return None
        matches = self._find_unit(text)
        if not matches:
            raise ValidationError(_("No home of this community has this number."))
        if len(matches) > 1:
            raise ValidationError(
                _("Several homes have this number; enter building-entrance-room, e.g. 3-2-502.")
            )
        return matches[0]

    def clean_vehicle(self) -> Vehicle | None:
        text = self.cleaned_data["vehicle"]
        if not text:
            return None
        vehicle = self._find_vehicle(text)
        if vehicle is None:
            raise ValidationError(_("No vehicle of this community has this plate."))
        return vehicle

    def service_data(self) -> dict:
        data = super().service_data()
        data["unit"] = self.cleaned_data["unit"]
        data["vehicle"] = self.cleaned_data["vehicle"]
        return data


class MoveInForm(StyledFormMixin, forms.Form):
    """Move a resident into a home: an existing resident of the community, or a new one."""

    EXISTING, NEW = "existing", "new"

    who = forms.ChoiceField(
        label=_("Resident"),
        choices=[(EXISTING, _("An existing resident")), (NEW, _("A new resident"))],
        widget=forms.RadioSelect,
        initial=NEW,
    )
    resident = forms.ModelChoiceField(
        label=_("Existing resident"), queryset=Resident.objects.none(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    mobile = mobile_field(_("Mobile"))
    id_number = forms.CharField(label=_("ID-card number"), max_length=40, required=False)
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)
    start_date = date_field(_("Moved in"))

    def __init__(self, *args, residents, **kwargs):
        """`residents`: the residents the user may choose from (already scoped)."""
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents
        self.fields["start_date"].initial = timezone.localdate
        self.fields["who"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("who") == self.EXISTING and not data.get("resident"):
            self.add_error("resident", _("Choose the resident who moves in."))
        if data.get("who") == self.NEW and not data.get("name"):
            self.add_error("name", _("Enter the new resident's name."))
        return data

    def new_resident_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("name", "mobile", "id_number")}


class MoveOutForm(StyledFormMixin, forms.Form):
    end_date = date_field(_("Moved out"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate


class ContactForm(RegisterForm):
    """What a resident may change about themselves in the portal."""

    mobile = mobile_field(_("Mobile"))
    emergency_phone = mobile_field(_("Emergency phone"))

    class Meta:
        model = Resident
        fields = ["mobile", "emergency_contact", "emergency_phone"]


class IdNumberReviewForm(StyledFormMixin, forms.Form):
    """A supervisor's decision on an ID-card number that two residents were given."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReviewOutcome.KEPT, _("The number is this resident's: remove it from the other")),
            (ReviewOutcome.DISMISSED, _("The number is wrong: put back the one on file before")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=_("For example: the same person registered twice; records to be merged."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"
