"""Every change to parking: `tariffs` sets the temporary-parking tariffs and their versions."""

from .tariffs import TARIFF_FIELDS, tariff_change, tariff_create

__all__ = ["TARIFF_FIELDS", "tariff_change", "tariff_create"]
