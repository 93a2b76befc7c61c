"""The facilities' API: each area's router, gathered."""

from ninja import Router

from .contractors.api import router as contractors
from .equipment.api import router as equipment
from .maintenance.api import router as maintenance
from .stores.api import router as stores

router = Router(tags=["facilities"])
router.add_router("", equipment)
router.add_router("", maintenance)
router.add_router("", contractors)
router.add_router("", stores)
