"""API of the gate's areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

from .parking.api import router as parking
from .passes import api as passes

router = Router(tags=["security"])
router.add_router("", passes.router)
router.add_router("", parking)
