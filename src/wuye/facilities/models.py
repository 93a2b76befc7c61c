"""The facilities' models, each kept in its area's package and gathered here for Django."""

from .equipment.models import (  # noqa: F401
    ComplianceNotice,
    ComplianceRule,
    Equipment,
    StatutoryProfile,
)
