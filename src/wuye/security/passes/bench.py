"""Benchmark of the gate's hot path: checking a pass (for `wuye bench security`).

Seeds `int(100_000 * scale)` invitations in one community (bulk inserts), then checks
`min(2_000, rows)` of their signed tokens one after the other as a guard's phone does
(`queries.verdict`: the Ed25519 signature, then one row read through the ORM with its host),
and prints verifications per second beside a floor measured in the same run: the same
signatures checked and the same rows read by primary key with a raw cursor.

Target (the gate's hot path): at least 2,000 verifications a second on one process, within
3× of the floor.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from wuye.core.bench import Table, timed
from wuye.core.models import Company, Membership, Role
from wuye.core.services import community_create
from wuye.estates.models import Building, Unit

from . import queries, tokens
from .models import Invitation, PassStatus

ROWS = 100_000
CHECKS = 2_000


def _seed(rows: int):
    company = Company.objects.create(name="Bench Gate Services")
    community = community_create(actor=None, company=company, code="GATE", name="Gate Gardens")
    guard = get_user_model().objects.create(username="bench-guard")
    Membership.objects.create(user=guard, company=company, community=community, role=Role.GUARD)
    building = Building.objects.create(community=community, number="1", floors=30)
    units = Unit.objects.bulk_create(
        Unit(
            community=community,
            building=building,
            floor=n // 10 + 1,
            number=str(1000 + n),
            building_area=90,
        )
        for n in range(300)
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        (
            Invitation(
                community=community,
                unit=units[n % len(units)],
                visitor_name=f"Visitor {n}",
                valid_from=now - timedelta(hours=1),
                valid_until=now + timedelta(hours=4 + n % 48),
                entries_allowed=1 + n % 3,
                status=PassStatus.ACTIVE,
                code=f"{n:08d}",
                nonce=tokens.new_nonce(),
            )
            for n in range(rows)
        ),
        batch_size=5000,
    )
    return community, guard


def measure(out, scale: float = 1.0) -> dict[str, float]:
    rows = max(int(ROWS * scale), 100)
    community, guard = _seed(rows)
    ids = list(Invitation.objects.filter(community=community).values_list("pk", flat=True))
    chosen = random.Random(12).sample(ids, min(CHECKS, len(ids)))
    passes = {i.pk: i for i in Invitation.objects.filter(pk__in=chosen)}
    signed = [queries.token_of(passes[pk]) for pk in chosen]
    queries.verdict(guard, signed[0])  # the guard's permissions cached, as after sign-in

    def verify_all():
        return [queries.verdict(guard, token).result for token in signed]

    table = f"{Invitation._meta.db_table}"
    sql = (
        f"SELECT id, community_id, nonce, status, valid_from, valid_until, entries_allowed, "
        f"entries_used, zone, visitor_name, purpose FROM {table} WHERE id = %s"
    )

    def floor_all():
        answers = []
        with connection.cursor() as cursor:
            for token in signed:
                claims = tokens.read(token)
                cursor.execute(sql, [claims.invitation_id])
                answers.append(cursor.fetchone())
        return answers

    floor_all()
    verify_seconds, results = timed(verify_all)
    floor_seconds, found = timed(floor_all)
    assert all(result == "valid" for result in results), "every pass checked is valid"
    assert all(row is not None for row in found)
    figures = {
        "verify": len(signed) / verify_seconds,
        "floor": len(signed) / floor_seconds,
    }
    report = Table(out, f"Pass verification ({rows:,} passes, {len(signed):,} checked)", "per s")
    report.add("floor: signature + one row by primary key (raw)", figures["floor"])
    report.add("verification (signature, one row, verdict)", figures["verify"], "floor")
    report.print()
    out.write(
        f"target: ≥ 2,000/s ({'met' if figures['verify'] >= 2000 else 'NOT met'}); "
        f"floor / verification = {figures['floor'] / figures['verify']:.2f} (≤ 3)\n"
    )
    return figures
