"""The gate's pages and the portal's: who may open them, what they show, what they cost."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.core.models import AuditEntry
from wuye.security.passes import services
from wuye.security.passes.models import Invitation, PassSettings

from .fixtures import invite

pytestmark = pytest.mark.django_db


def _in_two_hours() -> str:
    return f"{timezone.localtime() + timedelta(hours=2):%Y-%m-%dT%H:%M}"


def _url(name, site, *args):
    return reverse(f"security:{name}", args=[site.community.pk, *args])


def test_the_guard_types_a_code_and_checks_the_visitor_in(client, site, invitation):
    client.force_login(site.guard)
    page = client.post(
        _url("gate", site), {"code": invitation.code.lower(), "gate": "North", "zone": "estate"}
    )
    assert page.status_code == 200
    assert 'data-result="valid"' in page.text
    assert "Sun Li" in page.text
    assert site.units["owner_home"].label in page.text
    done = client.post(_url("pass_check_in", site, invitation.pk), {"next": "gate"})
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.inside) == ("used_up", True)
    assert invitation.events.get().gate == "North"
    again = client.post(_url("gate", site), {"code": invitation.code, "gate": "North"})
    assert 'data-result="used_up"' in again.text


def test_only_the_gate_opens_the_gate_page(client, site):
    for who, status in (("guard", 200), ("frontdesk", 200), ("electrician", 403)):
        client.force_login(getattr(site, who))
        assert client.get(_url("gate", site)).status_code == status
    client.force_login(site.other_manager)
    assert client.get(_url("gate", site)).status_code == 403


def test_a_walk_in_registered_at_the_gate_waits_for_the_host(client, site):
    client.force_login(site.guard)
    response = client.post(
        _url("pass_walk_in", site),
        {
            "home": "1-1-101",
            "visitor_name": "Qian Hua",
            "purpose": "delivery",
            "valid_until": _in_two_hours(),
            "entries": 1,
            "zone": "estate",
        },
    )
    assert response.status_code == 302, response.content
    walk_in = Invitation.objects.get()
    assert (walk_in.status, walk_in.unit, walk_in.walk_in) == (
        "pending",
        site.units["owner_home"],
        True,
    )
    client.force_login(site.owner)
    listing = client.get(reverse("security_portal:visitors"))
    assert f'data-waiting="{walk_in.pk}"' in listing.text
    client.post(reverse("security_portal:visitor_confirm", args=[walk_in.pk]))
    walk_in.refresh_from_db()
    assert walk_in.status == "active"


def test_a_walk_in_for_a_home_that_does_not_exist_is_refused(client, site):
    client.force_login(site.guard)
    response = client.post(
        _url("pass_walk_in", site),
        {
            "home": "9-9-909",
            "visitor_name": "Qian",
            "purpose": "guest",
            "valid_until": "2099-01-01T10:00",
            "entries": 1,
            "zone": "estate",
        },
    )
    assert response.status_code == 400
    assert "No home of this community" in response.text
    assert not Invitation.objects.exists()


def test_an_owner_invites_from_the_portal_and_shows_the_pass(client, site):
    client.force_login(site.owner)
    form = client.get(reverse("security_portal:visitor_invite"))
    assert form.status_code == 200
    response = client.post(
        reverse("security_portal:visitor_invite"),
        {
            "unit": site.units["owner_home"].pk,
            "visitor_name": "Sun Li",
            "purpose": "guest",
            "valid_from": "2099-01-01T09:00",
            "valid_until": "2099-01-01T18:00",
            "entries": 1,
            "zone": "estate",
        },
    )
    assert response.status_code == 400  # more than 90 days ahead
    assert "90 days" in response.text
    invitation = invite(site)
    page = client.get(reverse("security_portal:visitor", args=[invitation.pk]))
    assert invitation.code in page.text
    assert "<svg" in page.text


def test_a_neighbour_cannot_open_anothers_pass(client, site, invitation):
    client.force_login(site.owner2)
    assert client.get(reverse("security_portal:visitor", args=[invitation.pk])).status_code == 404
    assert (
        client.post(reverse("security_portal:visitor_revoke", args=[invitation.pk])).status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.status == "active"
    listing = client.get(reverse("security_portal:visitors"))
    assert f'data-invitation="{invitation.pk}"' not in listing.text


def test_list_pages_read_with_a_fixed_number_of_queries(client, site):
    def counted(url, user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    pages = [
        (_url("gate", site), site.guard),
        (_url("passes", site), site.guard),
        (reverse("security_portal:visitors"), site.owner),
    ]
    invite(site)
    few = [counted(url, user) for url, user in pages]
    for n in range(6):
        walk_in = services.walk_in_register(
            actor=site.guard,
            community=site.community,
            unit=site.units["tenant_home" if n % 2 else "owner_home"],
            data={"visitor_name": f"Visitor {n}"},
        )
        services.invitation_confirm(actor=site.guard, invitation=walk_in, by_phone=True)
        services.pass_check_in(actor=site.guard, invitation=walk_in)
        invite(site, visitor_name=f"Guest {n}", plate="新A1234" + str(n))
    many = [counted(url, user) for url, user in pages]
    assert many == few


def test_visitor_records_are_searched_and_exported_with_an_audit_entry(client, site, invitation):
    client.force_login(site.manager)
    found = client.get(_url("visitor_records", site), {"q": "13800001111"})
    assert "Sun Li" in found.text
    assert "138****1111" in found.text
    response = client.post(_url("visitor_records_export", site), {"q": "Sun"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    cells = [v for ws in book for row in ws.values for v in row if v is not None]
    assert "Sun Li" in cells
    entry = AuditEntry.objects.get(action="pass.visitor_export")
    assert entry.changes == {"passes": 1}
    assert "Sun" not in str(entry.changes)
    client.force_login(site.guard)
    assert client.get(_url("visitor_records", site)).status_code == 403


def test_the_manager_sets_the_pass_rules_and_the_guard_cannot(client, site):
    client.force_login(site.manager)
    response = client.post(
        _url("pass_settings", site),
        {"invites_per_home_per_day": 3, "id_number_required": "on", "default_window_hours": 8},
    )
    assert response.status_code == 302
    saved = PassSettings.objects.get(community=site.community)
    assert (saved.invites_per_home_per_day, saved.id_number_required) == (3, True)
    assert AuditEntry.objects.filter(action="pass.settings_change").exists()
    bad = client.post(
        _url("pass_settings", site),
        {"invites_per_home_per_day": 3, "default_window_hours": 999},
    )
    assert bad.status_code == 400
    client.force_login(site.guard)
    assert client.get(_url("pass_settings", site)).status_code == 403


def test_the_gate_page_loads_its_camera_script_without_inline_code(client, site):
    client.force_login(site.guard)
    page = client.get(_url("gate", site)).text
    assert "security/gate.js" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
