"""The gate's models, each kept in its area's package and gathered here for Django."""

from .passes.models import AccessEvent, Invitation, PassSettings  # noqa: F401
