"""API of parking: one router gathering its modules' routers (camera events and sessions,
tariffs and fee quotes), with their operation ids."""

from ninja import Router

from . import sessions, tariffs

OPERATION_PREFIX = "wuye_security_parking_api"

router = Router(tags=["security"])

# the sessions' operations are named for their functions; the tariffs' name their own
for path_view in sessions.router.path_operations.values():
    for operation in path_view.operations:
        operation.operation_id = f"{OPERATION_PREFIX}_{operation.view_func.__name__}"
router.add_router("", sessions.router)
router.add_router("", tariffs.router)
