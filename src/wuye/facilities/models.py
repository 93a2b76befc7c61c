"""The facilities' models, each kept in its area's package and gathered here for Django."""

from .equipment.models import Equipment  # noqa: F401
