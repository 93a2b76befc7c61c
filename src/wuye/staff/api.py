"""API of the staff areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

from .attendance.api import router as attendance
from .certificates.api import router as certificates
from .people.api import router as people
from .rosters.api import router as rosters

router = Router(tags=["staff"])
router.add_router("", people)
router.add_router("", rosters)
router.add_router("", attendance)
router.add_router("", certificates)
