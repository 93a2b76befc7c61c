"""Every page and every API list, asked with the input an attacker or a careless hand sends.

Pages come from the URL resolver, so a page added by any app is swept as soon as it exists.
Each is first opened plainly while its query string records which parameters the page reads
(`?on=`, `?team=`, `?page=`, a filter form's fields …); then each of those parameters gets
each hostile value in turn: a day at the calendar's ends, digits that are not ASCII, a number
past any column, a negative one, a NUL, a very long text. API lists take the query
parameters their OpenAPI document names. The answer may be a page that says what it left
out, a 400 or a 404; a 5xx fails.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wuye.api import api
from wuye.billing.tests.fixtures import billed_home
from wuye.engagement.community_life.tests.fixtures import community_life
from wuye.engagement.notices.services import notice_publish, notice_save
from wuye.engagement.publicity import services as publicity
from wuye.engagement.surveys.services import question_add, survey_publish, survey_save
from wuye.engagement.votes.services import vote_create
from wuye.estates.models import ParkingSpace, Residency, Vehicle
from wuye.servicedesk.tests.fixtures import home_people, order_in
from wuye.testing.api import bearer

HOSTILE = [
    "9999-12-31",
    "0001-01-01",
    "²",
    "99999999999999999999999",
    "-1",
    "a\x00b",
    "x" * 5000,
]

# Which object a route's `pk` names, by the first prefix of its URL name that matches.
PK_OF = [
    ("estates:building", "building"),
    ("estates:unit", "unit"),
    ("estates:move_in", "unit"),
    ("estates:resident", "resident"),
    ("estates:personal_data", "resident"),
    ("estates:parking", "space"),
    ("estates:vehicle", "vehicle"),
    ("estates:move_out", "residency"),
    ("engagement:notice", "notice"),
    ("engagement:survey", "survey"),
    ("engagement:vote", "vote"),
    ("engagement:paper_ballot", "vote"),
    ("engagement:event", "event"),
    ("engagement:publicity", "period"),
    ("engagement:booking", "booking"),
    ("engagement_portal:notice", "notice"),
    ("engagement_portal:survey", "survey"),
    ("engagement_portal:vote", "vote"),
    ("engagement_portal:event", "event"),
    ("engagement_portal:signup", "signup"),
    ("engagement_portal:publicity", "period"),
    ("engagement_portal:reception", "booking"),
    ("servicedesk:", "order"),
    ("servicedesk_portal:", "order"),
]
# Objects the sweep does not build are asked for by an id no row has (the page is a 404).
NO_ROW = 0


def _page_routes(resolver=None, prefix: str = "", namespace: str = "") -> list[tuple]:
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or route.startswith(("api/", "i18n/")):
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += _page_routes(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            found.append((name, _kwargs_of(route)))
    return sorted(found)


def _kwargs_of(route: str) -> list[str]:
    """The names of a route's parameters: `community_id` of `c/<int:community_id>/`."""
    return [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]


PAGES = _page_routes()


@pytest.fixture
def page_objects(site) -> dict[str, int | str]:
    """The objects of Bordeaux Town the pages are aimed at."""
    hour_ago = timezone.now() - timedelta(hours=1)
    manager, community, owner = site.manager, site.community, site.residents["owner"]
    billed = billed_home(site.units["owner_home"], site.admin)
    order = order_in(site, "dispatched", at=hour_ago, people=home_people(site))
    notice = notice_publish(
        actor=manager,
        notice=notice_save(actor=manager, community=community, data={"title": "T", "body": "B"}),
    )
    now = timezone.now()
    survey = survey_save(
        actor=manager,
        community=community,
        data={"title": "S", "opens_at": now, "closes_at": now + timedelta(days=14)},
    )
    question = question_add(
        actor=manager,
        survey=survey,
        data={"kind": "rating", "dimension": "overall", "text": "Satisfied?"},
    )
    survey_publish(actor=manager, survey=survey)
    vote = vote_create(
        actor=manager,
        community=community,
        data={
            "title": "V",
            "matter": "ordinary",
            "opens_at": now,
            "closes_at": now + timedelta(days=7),
        },
    )
    period = publicity.fund_period_create(
        actor=manager, community=community, kind="quarter", start=date(2026, 7, 1)
    )
    life = community_life(site)["here"]
    return {
        "community_id": community.pk,
        "building_id": site.buildings[0].pk,
        "building_pk": site.buildings[0].pk,
        "unit_id": site.units["owner_home"].pk,
        "resident_pk": owner.pk,
        "payment_id": billed["payment_id"],
        "run_id": billed["run_id"],
        "question_pk": question.pk,
        "signup_pk": life["signup_id"],
        "day": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "step": 1,
        "action": "comment",
        "building": site.buildings[0].pk,
        "unit": site.units["owner_home"].pk,
        "resident": owner.pk,
        "space": ParkingSpace.objects.get(unit=site.units["owner_home"]).pk,
        "vehicle": Vehicle.objects.get(resident=owner).pk,
        "residency": Residency.objects.get(resident=site.residents["owner_spouse"]).pk,
        "notice": notice.pk,
        "survey": survey.pk,
        "vote": vote.pk,
        "event": life["event_id"],
        "signup": life["signup_id"],
        "booking": life["booking_id"],
        "period": period.pk,
        "order": order.pk,
    }


def _url(name: str, kwargs: list[str], objects: dict) -> str:
    values = {}
    for kwarg in kwargs:
        if kwarg == "pk":
            key = next((key for prefix, key in PK_OF if name.startswith(prefix)), None)
            values[kwarg] = objects.get(key, NO_ROW)
        else:
            values[kwarg] = objects.get(kwarg, NO_ROW)
    return reverse(name, kwargs=values)


class _Recording(QueryDict):
    """A query string that notes every parameter name a page asks it for."""

    read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)


def _recording_get(request):
    return _Recording(request.environ.get("QUERY_STRING", ""), encoding=request._encoding)


def _parameters_read(client, url: str, monkeypatch) -> set[str]:
    _Recording.read = set()
    with monkeypatch.context() as patched:
        patched.setattr(WSGIRequest, "GET", property(_recording_get))
        client.get(url)
    return set(_Recording.read)


def test_no_page_answers_hostile_query_parameters_with_a_server_error(
    client, site, page_objects, monkeypatch
):
    problems, swept = [], 0
    for name, kwargs in PAGES:
        url = _url(name, kwargs, page_objects)
        client.force_login(site.owner if url.startswith("/portal/") else site.admin)
        for parameter in sorted(_parameters_read(client, url, monkeypatch)):
            for value in HOSTILE:
                response = client.get(url, {parameter: value})
                swept += 1
                if response.status_code >= 500:
                    problems.append(f"{url}?{parameter}={value[:30]!r}: {response.status_code}")
    assert swept > 300, "the sweep found too few parameters to try: is the recording broken?"
    assert not problems, "\n".join(problems)


def _api_lists() -> list[tuple[str, list[str]]]:
    lists = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        names = [p["name"] for p in get.get("parameters", []) if p["in"] == "query"]
        if names:
            lists.append((path, names))
    return sorted(lists)


API_LISTS = _api_lists()


def test_no_api_list_answers_hostile_query_parameters_with_a_server_error(client, site):
    headers = bearer(site.admin)
    # What a list needs to be answered at all, so that each hostile value is the only fault.
    good = {"community_id": site.community.pk, "period": "2026-01"}
    problems = []
    for path, names in API_LISTS:
        url = "/api" + path.removeprefix("/api").format(community_id=site.community.pk)
        for name in names:
            for value in HOSTILE:
                query = {n: good[n] for n in names if n in good} | {name: value}
                response = client.get(f"{url}?{urlencode(query)}", headers=headers)
                if response.status_code >= 500:
                    problems.append(f"{url} {name}={value[:30]!r}: {response.status_code}")
                elif not response["Content-Type"].startswith("application/json"):
                    problems.append(f"{url} {name}={value[:30]!r}: not JSON")
    assert not problems, "\n".join(problems)
