"""Parking's API: one router built from the area's modules (tariffs and fee quotes; camera
events, sessions and their payments)."""

from ninja import Router

from . import sessions, tariffs

router = Router(tags=["parking"])
router.add_router("", tariffs.router)
router.add_router("", sessions.router)
