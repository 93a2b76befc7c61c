"""API: communities and the register (buildings, homes, residents, vehicles, parking spaces).

One module per resource, each with its own router; `router` gathers them for `wuye.api`.

Every route starts from a scoped query (`queries.*_visible_to`), so a row the caller may not
see is a 404, and changes go through `services`, which check the policy (403) and raise
field errors (400). Lists filter with the same parameters as the staff pages and the Excel
export (`queries.*_list`) and answer one page at a time with the total count.
"""

from ninja import Router

from . import buildings, communities, parking, residencies, residents, units, vehicles

router = Router(tags=["register"])

for resource in (communities, buildings, units, residencies, residents, vehicles, parking):
    # Operation ids are the method names of clients generated from the schema: they name this
    # package and the view (`wuye_estates_api_unit_list`), not the module that holds the view.
    for path_view in resource.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"{__name__.replace('.', '_')}_{operation.view_func.__name__}"
    router.add_router("", resource.router)
