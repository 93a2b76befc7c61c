"""API of parking: one router gathering its modules' routers, with their operation ids."""

from ninja import Router

from . import sessions

MODULES = (sessions,)
OPERATION_PREFIX = "wuye_security_parking_api"

router = Router(tags=["security"])

for module in MODULES:
    for path_view in module.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"{OPERATION_PREFIX}_{operation.view_func.__name__}"
    router.add_router("", module.router)
