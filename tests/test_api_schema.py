"""The API keeps the promises of its OpenAPI schema, whatever a client sends.

Schemathesis reads /api/v1/openapi.json from the running application and, for every
operation, sends generated requests — valid ones and malformed ones — as a logged-in
manager. Every answer must be a documented status with a body that matches the schema,
never a 5xx. Path ids are now and then aimed at real rows of the test community, so that
the successful paths are exercised too, not only the 404s.

A request the schema calls valid is never refused as malformed (400 or 422): the schema
states every limit the services apply (lengths, blank text, ranges, days, months, patterns).
What no schema can state answers otherwise: a row that does not exist is a 404; a clash
with what is stored (a duplicate, a question of another kind, a state already reached) or
with today's date a 409. The rules that compare values with each other are made to hold
before a request is sent, as a careful client would: an ID-card number's date of birth and
check digit, a home's inner area within its building area, a period's last day on or after
its first and within three years of it, a vote opening before it closes, each question of a
survey answered once, a file that is not empty.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from wuye.billing.tests.fixtures import FeeItemFactory
from wuye.core.validators import id_check_digit
from wuye.engagement.surveys.tests.fixtures import make_survey
from wuye.engagement.votes.services import vote_create
from wuye.estates.models import ParkingSpace, Residency, Vehicle
from wuye.servicedesk.models import PriceListItem
from wuye.servicedesk.tests.fixtures import managers_desk, order_in
from wuye.testing.api import bearer

CONFIG = SchemathesisConfig.from_dict(
    {
        # The manager's bearer token is sent with every request; no made-up credentials.
        "generation": {"mode": "all", "with-security-parameters": False},
        "checks": {
            # 404: a named row that does not exist; 409: a clash with what is stored (a
            # duplicate room number, an action the order's state does not allow).
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409"]},
        },
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)

# Rows of the test community that generated path ids are sometimes replaced with.
KNOWN_IDS: dict[str, int] = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    if not path_parameters:
        return path_parameters
    return {
        name: KNOWN_IDS.get(name, value) if _valid_id(value) and value % 2 else value
        for name, value in path_parameters.items()
    }


def _consistent(case) -> None:
    """Make the rules that compare values with each other hold, as a careful client would
    (in requests meant to be valid only: a malformed one stays malformed)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    body = case.body
    if isinstance(body, dict):
        if isinstance(body.get("id_number"), str) and len(body["id_number"]) == 18:
            body["id_number"] = _real_id_number(body["id_number"])
        inner, building = _decimal(body.get("inner_area")), _decimal(body.get("building_area"))
        if inner is not None and building is not None and inner > building:
            body["inner_area"] = body["building_area"]
        for start, end in (
            ("opens_at", "closes_at"),
            ("valid_from", "valid_until"),
            ("entered_at", "exited_at"),
            ("installed_on", "warranty_until"),
        ):
            _in_order(body, start, end)
        opens, closes = _moment(body.get("valid_from")), _moment(body.get("valid_until"))
        if opens and closes and (opens.tzinfo is None) == (closes.tzinfo is None):
            # A pass lasts at most 31 days.
            body["valid_until"] = min(closes, opens + timedelta(days=31)).isoformat()
        first, second = body.get("first_minutes", 60), body.get("second_after_minutes")
        if isinstance(first, int) and isinstance(second, int) and second <= first:
            body["second_after_minutes"] = None  # the second steps start after the first period
        for band in body.get("bands") or ():
            # A night band ends at another time than it starts.
            starts = band.get("starts") if isinstance(band, dict) else None
            if isinstance(starts, str) and starts == band.get("ends") and starts[:2].isdigit():
                band["ends"] = f"{(int(starts[:2]) + 12) % 24:02d}{starts[2:]}"
        if body.get("file") in (b"", ""):
            # An empty part is no file at all to the server: a careful client sends the photo.
            body["file"] = b"\x89PNG\r\n\x1a\n"
        if isinstance(body.get("answers"), list):
            answers = [a for a in body["answers"] if isinstance(a, dict)]
            if all(isinstance(a.get("question_id"), int) for a in answers):
                once = {a["question_id"]: a for a in answers}
                body["answers"] = list(once.values()) or body["answers"]
    query = case.query
    if query and (query.get("from") or query.get("to")):
        try:
            first = date.fromisoformat(query.get("from") or query.get("to"))
            last = date.fromisoformat(query.get("to") or query.get("from"))
        except (TypeError, ValueError):
            return  # malformed on purpose
        first, last = sorted([first, last])
        last = min(last, first + timedelta(days=365 * 3))
        query.update({"from": first.isoformat(), "to": last.isoformat()})


def _in_order(body: dict, start: str, end: str) -> None:
    """A period's start before its end, as a careful client sends it."""
    opens, closes = _moment(body.get(start)), _moment(body.get(end))
    same_kind = opens and closes and (opens.tzinfo is None) == (closes.tzinfo is None)
    if same_kind and closes < opens:
        body[start], body[end] = body[end], body[start]
    elif same_kind and closes == opens:
        # Four years apart (a leap day stays a day), within the years the schema allows.
        year = int(body[start][:4])
        if year >= 2005:
            body[start] = f"{year - 4}{body[start][4:]}"
        else:
            body[end] = f"{year + 4}{body[end][4:]}"


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _real_id_number(number: str) -> str:
    """The generated number with a date of birth that exists and its own check digit."""
    first17 = f"{number[:6]}19800101{number[14:17]}"
    return first17 + id_check_digit(first17)


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _valid_id(value) -> bool:
    # Malformed ids (generated to be refused) stay as they are.
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 2**63


@pytest.fixture
def manager_headers(site):
    owner_home = site.units["owner_home"]
    KNOWN_IDS.update(
        community_id=site.community.pk,
        building_id=site.buildings[0].pk,
        unit_id=owner_home.pk,
        resident_id=site.residents["owner"].pk,
        vehicle_id=Vehicle.objects.get(resident=site.residents["owner"]).pk,
        space_id=ParkingSpace.objects.get(unit=owner_home).pk,
        residency_id=Residency.objects.get(resident=site.residents["owner_spouse"]).pk,
        work_order_id=order_in(site, "in_progress", people=managers_desk(site)).pk,
        vote_id=vote_create(
            actor=site.manager,
            community=site.community,
            data={
                "title": "Schema",
                "matter": "major",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=7),
            },
        ).pk,
        survey_id=make_survey(site).pk,
        fee_item_id=FeeItemFactory(community=site.community).pk,
        price_item_id=PriceListItem.objects.create(
            community=site.community, name="Unblock a drain", unit="time", price=50
        ).pk,
    )
    # Requests go through the WSGI handler inside the test's transaction: keep Django from
    # closing that connection at the end of each request (as its own test client does).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield bearer(site.manager)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    KNOWN_IDS.clear()


@schema.parametrize()
@settings(
    max_examples=20,
    # The same requests on every run, so that a failure in CI is reproduced by running it again.
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_answers_every_request_as_its_schema_promises(case, manager_headers):
    _consistent(case)
    case.call_and_validate(headers=manager_headers)
