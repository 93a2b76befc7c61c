"""API of the gate's areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

from .handover.api import router as handover
from .incidents.api import router as incidents
from .parcels import api as parcels
from .parking.api import router as parking
from .passes import api as passes
from .patrols.api import router as patrols
from .posts.api import router as posts

# Operation ids are the method names of clients generated from the schema: the parcels' are
# set here, so that they keep their names wherever the area's views come to live.
for path_view in parcels.router.path_operations.values():
    for operation in path_view.operations:
        operation.operation_id = f"wuye_security_parcels_api_{operation.view_func.__name__}"

router = Router(tags=["security"])
router.add_router("", passes.router)
router.add_router("", parking)
router.add_router("", parcels.router)
router.add_router("", incidents)
router.add_router("", patrols)
router.add_router("", posts)
router.add_router("", handover)
