"""The customer center's permission area: work orders."""

from wuye.core.policy import ALL_STAFF, OFFICE, Area
from wuye.core.policy import R as Role

from .queries import work_orders_of_resident

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})
SUPERVISORS = frozenset(
    {
        Role.CS_SUPERVISOR,
        Role.ENGINEERING_SUPERVISOR,
        Role.SECURITY_SUPERVISOR,
        Role.ENVIRONMENT_SUPERVISOR,
    }
)


def orders_of_resident(user, action: str):
    """A resident sees the orders of their homes and those they reported themselves; what
    they may do to one is decided by servicedesk.workflow."""
    return work_orders_of_resident(user) if action == "view" else None


AREAS = [
    # Every staff member sees and reports work orders; the office receives, dispatches,
    # replies, calls back, closes, reopens and cancels; the engineering supervisor dispatches
    # repairs; technicians act on what is assigned to them.
    Area(
        "workorder",
        verbs={
            "view": ALL_STAFF,
            "create": ALL_STAFF,
            "accept": OFFICE,
            "dispatch": OFFICE,
            "dispatch_repairs": frozenset({Role.ENGINEERING_SUPERVISOR}),
            "visit": OFFICE,
            # Replies to complainants (答复) and their daily register.
            "reply": OFFICE,
            "close": OFFICE,
            "reopen": OFFICE,
            "cancel": OFFICE,
            # Every order of the community, closed ones too, with its caller's details.
            "list": OFFICE | (SUPERVISORS - {Role.CS_SUPERVISOR}),
            "supervise": MANAGERS | SUPERVISORS,
            "configure": MANAGERS,
            # Items charged off the published price list wait for a supervisor's approval.
            "approve_items": MANAGERS | {Role.CS_SUPERVISOR, Role.ENGINEERING_SUPERVISOR},
        },
        models={"servicedesk.workorder": orders_of_resident},
        second_factor=frozenset({"configure"}),
    ),
]
