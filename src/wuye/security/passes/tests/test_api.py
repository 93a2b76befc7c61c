"""The pass from the API: invited, checked at the gate, refused when it no longer holds."""

import base64
import json
from datetime import timedelta

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone

from wuye.security.passes import tokens
from wuye.security.passes.models import Invitation
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def post(client, user, path, body=None):
    return client.post(
        f"/api/v1{path}",
        data=json.dumps(body or {}),
        content_type="application/json",
        headers=bearer(user),
    )


def invite(client, site, **extra):
    now = timezone.now()
    body = {
        "community_id": site.community.pk,
        "unit_id": site.units["owner_home"].pk,
        "visitor_name": "Sun Li",
        "valid_from": (now - timedelta(minutes=1)).isoformat(),
        "valid_until": (now + timedelta(hours=2)).isoformat(),
        "entries": 1,
        "plate": "",
        **extra,
    }
    response = post(client, site.owner, "/invitations", body)
    assert response.status_code == 201, response.content
    return response.json()


def verify(client, site, code, **extra):
    response = post(client, site.guard, "/passes/verify", {"code": code, "gate": "North", **extra})
    assert response.status_code == 200, response.content
    return response.json()


def test_an_invited_pass_verifies_once_and_is_then_used_up(client, site):
    created = invite(client, site)
    assert created["status"] == "active"
    assert len(created["code"]) == 8
    assert client.get(created["qr_svg_url"], headers=bearer(site.owner)).status_code == 200

    answer = verify(client, site, created["token"])
    assert answer["result"] == "valid"
    assert answer["visitor_name"] == "Sun Li"
    assert answer["host"] == site.units["owner_home"].label
    assert verify(client, site, created["code"].lower())["result"] == "valid"

    checked = post(client, site.guard, f"/passes/{created['id']}/check-in", {"gate": "North"})
    assert checked.status_code == 201
    assert checked.json()["status"] == "used_up"
    assert verify(client, site, created["code"])["result"] == "used_up"
    again = post(client, site.guard, f"/passes/{created['id']}/check-in")
    assert again.status_code == 409
    assert post(client, site.guard, f"/passes/{created['id']}/check-out").status_code == 201


def test_a_pass_is_refused_after_its_window(client, site):
    created = invite(client, site)
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert verify(client, site, created["token"])["result"] == "expired"
        refused = post(client, site.guard, f"/passes/{created['id']}/check-in")
        assert refused.status_code == 409
    assert Invitation.objects.get(pk=created["id"]).entries_used == 0


def test_a_pass_not_yet_open_is_refused(client, site):
    start = timezone.now() + timedelta(hours=5)
    created = invite(
        client,
        site,
        valid_from=start.isoformat(),
        valid_until=(start + timedelta(hours=1)).isoformat(),
    )
    answer = verify(client, site, created["code"])
    assert (answer["result"], answer["reason"]) == ("expired", "not_yet_valid")


def test_a_revoked_pass_is_refused(client, site):
    created = invite(client, site)
    assert post(client, site.owner, f"/invitations/{created['id']}/revoke").status_code == 200
    assert verify(client, site, created["token"])["result"] == "revoked"
    assert post(client, site.guard, f"/passes/{created['id']}/check-in").status_code == 409


def test_a_multi_entry_pass_is_used_up_after_its_entries(client, site):
    created = invite(client, site, entries=2)
    for _ in range(2):
        assert post(client, site.guard, f"/passes/{created['id']}/check-in").status_code == 201
        assert post(client, site.guard, f"/passes/{created['id']}/check-out").status_code == 201
    assert verify(client, site, created["code"])["result"] == "used_up"


def test_a_lobby_pass_is_refused_beyond_the_lobby(client, site):
    created = invite(client, site, zone="lobby")
    assert verify(client, site, created["code"], zone="estate")["result"] == "wrong_zone"
    assert verify(client, site, created["code"], zone="lobby")["result"] == "valid"


def test_a_tampered_or_foreign_token_is_unknown(client, site):
    created = invite(client, site)
    token = created["token"]
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    assert verify(client, site, flipped)["result"] == "unknown"
    assert verify(client, site, "ZZZZZZZZ")["result"] == "unknown"
    assert verify(client, site, token + "x")["result"] == "unknown"
    # the other community's manager holds no pass of Bordeaux Town
    response = post(client, site.other_manager, "/passes/verify", {"code": token})
    assert response.json()["result"] == "unknown"


def test_a_gate_device_checks_a_token_offline_with_the_published_key(client, site):
    created = invite(client, site)
    key = client.get("/api/v1/passes/public-key").json()
    raw = base64.urlsafe_b64decode(key["public_key"] + "=")
    data = base64.urlsafe_b64decode(created["token"] + "=" * (-len(created["token"]) % 4))
    Ed25519PublicKey.from_public_bytes(raw).verify(data[-64:], data[:-64])
    claims = tokens.read(created["token"])
    assert (claims.invitation_id, claims.community_id) == (created["id"], site.community.pk)


def test_residents_see_only_their_own_homes_invitations(client, site):
    mine = invite(client, site)
    listing = client.get("/api/v1/invitations", headers=bearer(site.owner2)).json()
    assert mine["id"] not in [row["id"] for row in listing["items"]]
    assert client.get(mine["qr_svg_url"], headers=bearer(site.owner2)).status_code == 404
    assert post(client, site.owner2, f"/invitations/{mine['id']}/revoke").status_code == 404
    own = client.get("/api/v1/invitations", headers=bearer(site.owner)).json()
    assert [row["id"] for row in own["items"]] == [mine["id"]]
    assert own["items"][0]["visitor_mobile"] == ""


def test_a_resident_cannot_invite_to_another_home(client, site):
    response = post(
        client,
        site.owner2,
        "/invitations",
        {
            "community_id": site.community.pk,
            "unit_id": site.units["owner_home"].pk,
            "visitor_name": "Sun Li",
        },
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_residents_cannot_check_passes(client, site):
    created = invite(client, site)
    assert post(client, site.owner, "/passes/verify", {"code": created["code"]}).status_code == 403
    assert post(client, site.owner, f"/passes/{created['id']}/check-in").status_code == 404
