"""Settings a manager changes in the staff console (设置), for every app.

A settings page edits one row (a fee item, the desk's settings, the community profile) through
`save_setting`, which checks the permission, validates the row as the model says, saves it and
writes one audit entry naming each field that changed with its old and new value. Its history
page (`history`) reads those entries back with the fields' own labels, newest first.

Rows whose change needs more than this (a price that takes effect from a period, an item that
is retired rather than deleted) have their own service, and still record their change here
with `record_change`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import audit, policy
from .forms import add_service_errors
from .models import AuditEntry, Community
from .web import paginate


def snapshot(obj: models.Model, names: Iterable[str]) -> dict[str, str]:
    """The row's values of `names` as the strings the audit trail keeps: a choice by its
    value, a related row by its name, a set of rows by their names in order, nothing as ""."""
    values: dict[str, str] = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = getattr(obj, name).all() if obj.pk else []
            values[name] = ", ".join(sorted(str(row) for row in related))
        elif field.is_relation:
            values[name] = str(getattr(obj, name)) if getattr(obj, field.attname) else ""
        else:
            value = getattr(obj, field.attname)
            if isinstance(field, models.DecimalField) and value is not None:
                # as stored: 85 typed is 85.00 saved
                value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
            values[name] = "" if value is None else str(value)
    return values


def record_change(
    *, actor, action: str, obj: models.Model, before: dict[str, str], names: Iterable[str]
) -> dict[str, list[str]]:
    """Write the audit entry of a change from `before` (a `snapshot`) to the row as it is now;
    nothing when no field changed. Returns {field: [old, new]}."""
    changes = audit.diff(before, snapshot(obj, names))
    if changes:
        audit.record(actor=actor, action=action, obj=obj, changes=changes)
    return changes


@transaction.atomic
def save_setting(
    *, actor, perm: str, community_id: int, obj: models.Model, fields: dict[str, Any], action: str
) -> dict[str, list[str]]:
    """Set `fields` on `obj` (new or existing), validate and save it, and record the change.

    Refused with PermissionDenied unless the actor holds `perm` in the community; refused
    with the model's own ValidationError (nothing saved) when a value breaks its rules."""
    if not policy.has_perm(actor, perm, community_id):
        raise PermissionDenied(_("You may not do this."))
    related = {
        name: value for name, value in fields.items() if obj._meta.get_field(name).many_to_many
    }
    before = snapshot(obj, fields)
    for name, value in fields.items():
        if name not in related:
            setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    for name, value in related.items():
        getattr(obj, name).set(value)
    return record_change(actor=actor, action=action, obj=obj, before=before, names=fields)


def save_form(
    request, form, *, perm: str, community_id: int, obj: models.Model, names, action: str, saved
) -> bool:
    """Save the valid `form`'s fields `names` to `obj` through `save_setting` and say above
    the page that it was saved (`saved`) or that nothing changed. False, with the reasons on
    the form, when the form or the rules refuse. The form's own instance must be another copy
    of the row than `obj`: validating a model form writes its values to its instance, and
    the change is recorded against `obj` as it was."""
    if not form.is_valid():
        return False
    try:
        changes = save_setting(
            actor=request.user,
            perm=perm,
            community_id=community_id,
            obj=obj,
            fields={name: form.cleaned_data[name] for name in names},
            action=action,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    if changes:
        messages.success(request, saved)
    else:
        messages.info(request, _("Nothing was changed."))
    return True


# ---- reading the history ------------------------------------------------------------------


def _label(model: type[models.Model] | None, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        return name


def _shown(model: type[models.Model] | None, name: str, value: str) -> str:
    """A recorded value as the reader knows it: a choice by its label, yes or no."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        field = None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value == "True" else _("no") if value == "False" else value
    return value


def readable(entry: AuditEntry, fields: Iterable[str] | None = None) -> list[dict[str, str]]:
    """An entry's changes as rows of field label, old and new value (of `fields` only, when
    given). Other actions on the same rows record other shapes (a level reseeded, a count of
    days added): those are not a field's old and new value, and are left out."""
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    return [
        {
            "field": _label(model, name),
            "old": _shown(model, name, old),
            "new": _shown(model, name, new),
        }
        for name, (old, new) in _pairs(entry.changes)
        if fields is None or name in fields
    ]


def _pairs(changes) -> Iterable[tuple[str, tuple[str, str]]]:
    """The (field, (old, new)) of recorded changes that are a pair of strings."""
    for name, value in (changes or {}).items() if isinstance(changes, dict) else ():
        if (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(side, str) for side in value)
        ):
            yield name, (value[0], value[1])


def history(
    request,
    community: Community,
    *,
    models_: Iterable[type[models.Model]],
    title: str,
    back_url: str,
    fields: Iterable[str] | None = None,
):
    """The page of the changes made to rows of `models_` in the community, newest first,
    each field with its old and new value; with `fields`, only the changes to those fields
    (a page that sets some fields of a row shared with other pages). The caller has checked
    the permission."""
    types = [model._meta.label_lower for model in models_]
    entries = (
        AuditEntry.objects.filter(community_id=community.pk, object_type__in=types)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    if fields is not None:
        fields = list(fields)
        entries = entries.filter(changes__has_any_keys=fields)
    page = paginate(request, entries)
    for entry in page:
        entry.readable = readable(entry, fields)
    context = {"community": community, "page": page, "title": title, "back_url": back_url}
    return render(request, "core/settings_history.html", context)
