"""API: work orders — report, list, follow the timeline, act on them — and the price list
(read by everyone of the community, kept by its managers).

Every route starts from `queries.work_orders_visible_to`, so an order the caller may not see
is a 404. Actions go through `services`: not this person's to take → 403, not from the
order's current state → 409, a bad field → 400 naming it. Each action has its own route
(`/work-orders/{id}/actions/<action>`) with the fields it takes.

One module per group of routes (`orders`, `actions`, `register`, and the indicators' in
`..indicators.api`); `router` gathers them for `wuye.api`.
"""

from ninja import Router

from ..indicators.api import router as indicators_router
from . import actions, orders, prices, register

router = Router(tags=["work orders"])
router.add_router("", indicators_router)
PREFIX = __name__.replace(".", "_")

for routes in (orders, prices, actions, register):
    # Operation ids are the method names of clients generated from the schema: those not
    # named explicitly name this package and the view (`wuye_servicedesk_api_price_list`),
    # not the module that holds the view.
    for path_view in routes.router.path_operations.values():
        for operation in path_view.operations:
            if operation.operation_id is None:
                operation.operation_id = f"{PREFIX}_{operation.view_func.__name__}"
    router.add_router("", routes.router)
