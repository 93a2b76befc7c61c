"""The managers' audit log: who did what to which record and when, searched, paged and
exported, and only to those who may read it."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from wuye.core.models import AuditEntry
from wuye.testing.downloads import saved_as

SHANGHAI = ZoneInfo("Asia/Shanghai")


def url(site, name="core:audit", community=None):
    return reverse(name, args=[(community or site.community).pk])


@pytest.fixture
def trail(site):
    """Three entries in Bordeaux Town by the front desk and the manager, one next door."""
    owner, owner2 = site.residents["owner"], site.residents["owner2"]
    neighbour = site.residents["other_owner"]
    entries = [
        (site.frontdesk, "resident.update", owner, datetime(2026, 3, 2, 9, 0)),
        (site.manager, "resident.id_number_read", owner2, datetime(2026, 3, 5, 16, 30)),
        (site.manager, "residency.move_out", owner, datetime(2026, 4, 1, 11, 0)),
        (site.other_manager, "resident.update", neighbour, datetime(2026, 3, 3)),
    ]
    for actor, action, obj, at in entries:
        AuditEntry.objects.create(
            at=at.replace(tzinfo=SHANGHAI),
            actor=actor,
            community_id=obj.community_id,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj),
        )
    return site


def _rows(client, site, query="", user=None):
    client.force_login(user or site.manager)
    response = client.get(url(site) + query)
    return response, list(response.context["page"])


def test_a_manager_sees_the_communitys_entries_and_not_the_neighbours(client, trail):
    response, rows = _rows(client, trail)

    assert response.status_code == 200
    assert [row.action for row in rows] == [
        "residency.move_out",
        "resident.id_number_read",
        "resident.update",
    ]
    assert "Zhao Lei" not in response.content.decode()


def test_the_company_administrator_sees_every_community(client, trail):
    _response, rows = _rows(client, trail, user=trail.admin)

    assert {row.community_id for row in rows} == {trail.community.pk, trail.other.pk}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?person=frontdesk", ["resident.update"]),
        ("?action=id_number", ["resident.id_number_read"]),
        ("?obj=Wang+Fang", ["residency.move_out", "resident.update"]),
        ("?since=2026-03-04&until=2026-03-31", ["resident.id_number_read"]),
        ("?since=2026-04-01", ["residency.move_out"]),
    ],
)
def test_the_log_is_searched_by_person_action_object_and_days(client, trail, query, expected):
    _response, rows = _rows(client, trail, query)

    assert [row.action for row in rows] == expected


@pytest.mark.parametrize(
    "query", ["?since=9999-12-31", "?until=1-1-1", "?since=2026-04-02&until=2026-04-01"]
)
def test_impossible_days_are_refused_with_a_message(client, trail, query):
    response, rows = _rows(client, trail, query)

    assert response.status_code == 200
    assert rows == []
    assert response.context["form"].errors


def test_a_null_character_in_a_search_is_refused_not_an_error(client, trail):
    client.force_login(trail.manager)

    response = client.get(url(trail) + "?person=a%00b")

    assert response.status_code == 400


def test_the_log_pages(client, trail, settings):
    settings.PAGE_SIZE = 2

    _response, first = _rows(client, trail)
    _response, second = _rows(client, trail, "?page=2")

    assert len(first) == 2 and len(second) == 1


def test_the_export_holds_what_the_search_found_named_in_the_users_language(client, trail):
    client.force_login(trail.manager)

    with translation.override("zh-hans"):
        response = client.get(
            url(trail, "core:audit_export") + "?action=resident", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )

    assert response.status_code == 200
    assert saved_as(response)[1].startswith("审计日志-BDX-")
    sheet = load_workbook(BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["resident.id_number_read", "resident.update"]


@pytest.mark.parametrize("who", ["frontdesk", "guard", "cashier", "owner", "other_manager"])
def test_others_may_not_read_the_audit_log(client, trail, who):
    client.force_login(getattr(trail, who))

    assert client.get(url(trail)).status_code == 403
    assert client.get(url(trail, "core:audit_export")).status_code == 403


def test_managers_find_the_audit_log_in_the_menu(client, trail):
    client.force_login(trail.manager)

    page = client.get(reverse("estates:overview", args=[trail.community.pk])).content.decode()

    assert url(trail) in page
