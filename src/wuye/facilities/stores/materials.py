"""The materials a work order took from the store, as a section of the order's staff page
(registered with `servicedesk.sections`): the parts issued and taken back, their quantities
and costs at the time, and the total."""

from __future__ import annotations

from wuye.core import policy

from . import queries


def materials_section(request, order) -> tuple[str, dict] | None:
    if not policy.has_perm(request.user, "stores.view", order.community_id):
        return None
    rows, total = queries.materials_of(work_order=order)
    if not rows:
        return None
    return (
        "facilities/stores/materials_section.html",
        {"community_id": order.community_id, "rows": rows, "total": total},
    )
