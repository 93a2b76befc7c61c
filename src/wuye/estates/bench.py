"""Benchmark of the register on the full Bordeaux Town demo (`wuye bench estates`).

Medians of the main pages and endpoints, beside two floors measured in the same run: a
`SELECT 1` round trip and the bare `/healthz` view.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from wuye.core.bench import Table, median_ms, timed
from wuye.core.models import Community
from wuye.testing.api import bearer


def _select_one() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _get(client: Client, url: str, status: int = 200, **kwargs):
    def call():
        response = client.get(url, **kwargs)
        if response.status_code != status:
            raise AssertionError(f"{url} answered {response.status_code}, not {status}")

    return call


def _post(client: Client, url: str, data: dict):
    def call():
        response = client.post(url, data)
        if response.status_code != 200 or not response.streaming:
            raise AssertionError(f"{url} answered {response.status_code} without a file")
        b"".join(response.streaming_content)

    return call


def run(*, out, scale: float = 1.0) -> None:
    load_s, _ = timed(lambda: call_command("demo", verbosity=0))
    cid = Community.objects.get(code="BDX").pk
    users = get_user_model().objects
    staff, resident = Client(), Client()
    staff.force_login(users.get(username="manager"))
    resident.force_login(users.get(username="owner"))
    token = bearer(users.get(username="manager"))
    api = f"/api/v1/communities/{cid}"
    runs = max(3, round(15 * scale))

    table = Table(out, f"Register on the demo (loaded in {load_s:.1f} s)", "median ms")
    figures = [
        ("floor: SELECT 1", _select_one),
        ("floor: GET /healthz", _get(Client(), "/healthz")),
        ("overview page", _get(staff, f"/c/{cid}/")),
        ("buildings page", _get(staff, f"/c/{cid}/buildings/")),
        ("homes page (50 of 1,341)", _get(staff, f"/c/{cid}/homes/")),
        ("residents page (50 of 4,438)", _get(staff, f"/c/{cid}/residents/")),
        (
            "search '1-1-301' (→ the home)",
            _get(staff, f"/c/{cid}/search/", status=302, data={"q": "1-1-301"}),
        ),
        ("search by name '王'", _get(staff, f"/c/{cid}/search/", data={"q": "王"})),
        ("owner portal", _get(resident, "/portal/")),
        ("API community with counts", _get(staff, api, headers=token)),
        ("API units (limit 50)", _get(staff, f"{api}/units?limit=50", headers=token)),
        ("API residents (limit 50)", _get(staff, f"{api}/residents?limit=50", headers=token)),
    ]
    for name, fn in figures:
        table.add(name, median_ms(fn, runs=runs), floor="floor: GET /healthz")
    export = f"/c/{cid}/transfer/export/"
    table.add(
        "export all homes (.xlsx)",
        median_ms(_get(staff, export, data={"kind": "units"}), runs=3),
        floor="floor: GET /healthz",
    )
    table.add(
        "export all residents (.xlsx)",
        median_ms(_post(staff, f"{export}?kind=residents", {"reason": "Benchmark"}), runs=3),
        floor="floor: GET /healthz",
    )
    table.print()
