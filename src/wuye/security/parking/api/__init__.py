"""Parking's API: one router built from the area's modules (tariffs and fee quotes)."""

from ninja import Router

from . import tariffs

router = Router(tags=["parking"])
router.add_router("", tariffs.router)
