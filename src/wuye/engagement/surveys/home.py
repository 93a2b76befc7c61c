"""Surveys in the portal hub: those open now for the resident's homes, each saying whether
a home of theirs has answered."""

from wuye.core.home import ResidentPanel

from ..models import SurveyStatus
from . import queries

SHOWN = 3


def _open_surveys(request, unit_ids) -> dict | None:
    rows = queries.in_status(queries.surveys_for_residents(request.user), SurveyStatus.OPEN)
    latest = list(
        queries.with_answered_homes(rows, request.user).order_by("closes_at", "pk")[:SHOWN]
    )
    if not latest:
        return None
    return {"count": rows.count(), "latest": latest}


RESIDENT_PANELS = [
    ResidentPanel(
        key="surveys",
        template="engagement/surveys/hub_panel.html",
        context=_open_surveys,
        order=310,
    ),
]
