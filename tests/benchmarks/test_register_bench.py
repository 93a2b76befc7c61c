"""Timings of the register's main pages and endpoints on the full Bordeaux Town demo.

Run with `make bench`. Each figure is the median of several runs, printed beside a floor
measured in the same run (a `SELECT 1` round trip and the bare /healthz view), so that a
figure can be read on any machine: "the homes list costs N health checks".
"""

import statistics
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from wuye.core.models import Community
from wuye.testing.api import bearer

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

RUNS = 15


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _select_one():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def test_register_pages_and_endpoints_on_the_demo(capsys):
    started = time.perf_counter()
    call_command("demo", verbosity=0)
    load_s = time.perf_counter() - started
    community = Community.objects.get(code="BDX")
    cid = community.pk

    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.get(username="manager")
    owner = get_user_model().objects.get(username="owner")
    staff = Client()
    staff.force_login(manager)
    resident = Client()
    resident.force_login(owner)
    api_headers = bearer(manager)

    def get(client, url, status=200, **kwargs):
        def call():
            response = client.get(url, **kwargs)
            assert response.status_code == status, (url, response.status_code)

        return call

    figures = [
        ("floor: SELECT 1", _select_one),
        ("floor: GET /healthz", get(Client(), "/healthz")),
        ("overview page", get(staff, f"/c/{cid}/")),
        ("buildings page", get(staff, f"/c/{cid}/buildings/")),
        ("homes page (50 of 1,341)", get(staff, f"/c/{cid}/homes/")),
        ("residents page (50 of 4,438)", get(staff, f"/c/{cid}/residents/")),
        (
            "search '1-1-301' (→ the home)",
            get(staff, f"/c/{cid}/search/", status=302, data={"q": "1-1-301"}),
        ),
        ("search by name '王'", get(staff, f"/c/{cid}/search/", data={"q": "王"})),
        ("owner portal", get(resident, "/portal/")),
        (
            "API community with counts",
            get(staff, f"/api/v1/communities/{cid}", headers=api_headers),
        ),
        (
            "API units (limit 50)",
            get(staff, f"/api/v1/communities/{cid}/units?limit=50", headers=api_headers),
        ),
        (
            "API residents (limit 50)",
            get(staff, f"/api/v1/communities/{cid}/residents?limit=50", headers=api_headers),
        ),
    ]
    slow = [
        (
            "export all homes (.xlsx)",
            get(staff, f"/c/{cid}/transfer/export/", data={"kind": "units"}),
        ),
        (
            "export all residents (.xlsx)",
            get(staff, f"/c/{cid}/transfer/export/", data={"kind": "residents"}),
        ),
    ]
    results = [(name, _median_ms(fn)) for name, fn in figures]
    results += [(name, _median_ms(fn, runs=3)) for name, fn in slow]
    floor = dict(results)["floor: GET /healthz"]
    with capsys.disabled():
        print(f"\n\nRegister benchmark on {connection.vendor}: demo loaded in {load_s:.1f} s")
        print(f"{'what':<34}{'median ms':>10}{'× healthz':>11}")
        for name, ms in results:
            print(f"{name:<34}{ms:>10.1f}{ms / floor:>11.1f}")
