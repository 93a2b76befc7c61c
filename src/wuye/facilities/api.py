"""The facilities' API: each area's router, gathered."""

from ninja import Router

from .contractors.api import router as contractors

router = Router(tags=["facilities"])
router.add_router("", contractors)
