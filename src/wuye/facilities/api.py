"""The facilities' API: each area's router, gathered."""

from ninja import Router

router = Router(tags=["facilities"])
