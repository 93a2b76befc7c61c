"""API of the gate's areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

from .parcels import api as parcels

# Operation ids are the method names of clients generated from the schema: each area's
# carry its name, whatever module its views live in.
AREAS = ((parcels.router, "wuye_security_parcels_api"),)

router = Router(tags=["security"])

for area_router, operation_prefix in AREAS:
    for path_view in area_router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"{operation_prefix}_{operation.view_func.__name__}"
    router.add_router("", area_router)
