"""Engagement's permission areas: votes, notices, the service report, surveys, fund-usage
publicity and the owners' committee, community life."""

from wuye.core.policy import ALL_STAFF, OFFICE, Area
from wuye.core.policy import R as Role

from .publicity_queries import publicity_for_residents
from .queries import notices_readable_by_residents, votes_of_owners
from .surveys_queries import surveys_for_residents

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})


def votes_of_resident(user, action: str):
    return votes_of_owners(user) if action == "view" else None


def notices_of_resident(user, action: str):
    return notices_readable_by_residents(user) if action == "view" else None


def surveys_of_resident(user, action: str):
    return surveys_for_residents(user) if action == "view" else None


def publicity_of_resident(user, action: str):
    return publicity_for_residents(user) if action == "view" else None


AREAS = [
    # Owners' votes: the office follows them and records paper ballots; managers run them.
    Area(
        "vote",
        verbs={"view": OFFICE, "record_ballot": OFFICE, "manage": MANAGERS},
        models={"engagement.vote": votes_of_resident},
    ),
    # Notices: every member of staff reads them; the office writes; supervisors publish.
    Area(
        "notice",
        verbs={"view": ALL_STAFF, "change": OFFICE, "publish": MANAGERS | {Role.CS_SUPERVISOR}},
        models={"engagement.notice": notices_of_resident},
    ),
    # The management service report: the office reads it; managers publish it to owners.
    Area("report", verbs={"view": OFFICE, "publish": MANAGERS}),
    # Satisfaction surveys: the office follows them and records paper questionnaires; the
    # manager and the customer-service supervisor build and publish them.
    Area(
        "survey",
        verbs={
            "view": OFFICE,
            "record_response": OFFICE,
            "manage": MANAGERS | {Role.CS_SUPERVISOR},
        },
        models={"engagement.survey": surveys_of_resident},
    ),
    # Fund-usage publicity (财务公示): the office and the accounts read it, drafts included;
    # the manager and the accountant prepare it; a manager publishes it.
    Area(
        "publicity",
        verbs={
            "view": OFFICE | {Role.CASHIER, Role.ACCOUNTANT},
            "prepare": MANAGERS | {Role.ACCOUNTANT},
            "publish": MANAGERS,
        },
        models={"engagement.fundperiod": publicity_of_resident},
    ),
    # The owners' committee (业主委员会) register is kept by a manager.
    Area("committee", verbs={"manage": MANAGERS}),
    # Community life: every member of staff sees events and groups; the office and the
    # clubhouse run events; the office runs reception days and records visits (走访).
    Area("event", verbs={"view": ALL_STAFF, "manage": OFFICE | {Role.CLUBHOUSE_STAFF}}),
    Area("reception", verbs={"view": OFFICE, "manage": OFFICE}),
    Area("visit", verbs={"view": OFFICE, "record": OFFICE}),
]
