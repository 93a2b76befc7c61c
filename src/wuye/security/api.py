"""API of the gate's areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

router = Router(tags=["security"])
