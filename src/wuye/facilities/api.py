"""The facilities' API: each area's router, gathered."""

from ninja import Router

from .maintenance.api import router as maintenance

router = Router(tags=["facilities"])
router.add_router("", maintenance)
