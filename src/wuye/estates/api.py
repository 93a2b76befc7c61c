"""API: communities and the register."""

from ninja import Router

router = Router(tags=["register"])
