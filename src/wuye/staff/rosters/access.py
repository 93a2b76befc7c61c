"""Rosters: every member of staff reads them; supervisors plan and publish their posts'
weeks; the manager sets the shifts and the working-time rules."""

from wuye.core.policy import Area

from ..roles import EVERYONE, MANAGERS, SUPERVISORS

AREAS = [
    Area(
        "roster",
        verbs={
            "view": EVERYONE,
            "plan": SUPERVISORS,
            "publish": SUPERVISORS,
            "configure": MANAGERS,
        },
        models={
            "staff.shifttemplate": None,
            "staff.roster": None,
            "staff.rosterentry": None,
            "staff.rosterchange": None,
            "staff.workrules": None,
        },
        second_factor=frozenset({"configure"}),
    ),
]
