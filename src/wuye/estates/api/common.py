"""What the register's routes share: the caller's community, rows a body names by id, pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wuye.core import policy
from wuye.core.api import PageParams, paginate
from wuye.core.models import Community
from wuye.core.validators import not_found

from .. import queries

# What a body may name by id: a row of the community among those the caller may see, or the
# error for the field when the id is not one of them.
LINKS = {
    "building_id": (queries.buildings_visible_to, _("Choose a building of this community.")),
    "unit_id": (queries.units_visible_to, _("Choose a home of this community.")),
    "resident_id": (queries.residents_visible_to, _("Choose a resident of this community.")),
    "vehicle_id": (queries.vehicles_visible_to, _("Choose a vehicle of this community.")),
}

# Services name model fields (`unit`); the API's clients send ids (`unit_id`).
FIELD_NAMES = {field.removesuffix("_id"): field for field in LINKS}


@contextmanager
def fields_as_sent() -> Iterator[None]:
    """Report a service's field errors under the names the client sent (`unit_id`, ...)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {FIELD_NAMES.get(field, field): messages for field, messages in exc.error_dict.items()}
        ) from exc


def visible_community(user, community_id: int) -> Community:
    return get_object_or_404(queries.communities_visible_to(user), pk=community_id)


def is_staff(user, community_id: int) -> bool:
    return policy.has_perm(user, "resident.view", community_id)


def linked_row(user, community_id: int, field: str, pk: int | None) -> Model | None:
    """The row a body names in `field` (`unit_id`, ...), looked up among what the caller may see."""
    if pk is None:
        return None
    visible_to, message = LINKS[field]
    found = visible_to(user, community_id).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [not_found(message)]})
    return found


def service_data(user, community_id: int, body: dict) -> dict:
    """The service's fields from the body, each id it sends (`unit_id`, ...) turned into the row."""
    data = dict(body)
    for field in LINKS:
        if field in data:
            pk = data.pop(field)
            data[field.removesuffix("_id")] = linked_row(user, community_id, field, pk)
    return data


def page_of(rows: QuerySet, paging: PageParams, out: Callable[[Model], dict]) -> dict:
    """The requested page of `rows`, each shown by `out`, with the count of all of them."""
    count, items = paginate(rows, paging)
    return {"count": count, "items": [out(row) for row in items]}
