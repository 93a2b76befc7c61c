"""Addresses that clients, bookmarks and printed QR codes rely on never move.

`contracts/api_operations.json` pins every API operation (path, method, operation id) and
`contracts/routes.json` every page route with its URL name. A change to either is a
deliberate edit of the file, reviewed like any other contract change; a route or an
operation that disappears, moves or is renamed fails here.
"""

import json
from pathlib import Path

from django.urls import URLResolver, get_resolver

from wuye.api import api

CONTRACTS = Path(__file__).parent / "contracts"


def _pinned(name: str) -> list[tuple]:
    return [tuple(row) for row in json.loads((CONTRACTS / name).read_text())]


def _operations() -> list[tuple]:
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (path, method.upper(), operation.get("operationId"))
        for path, methods in paths.items()
        for method, operation in methods.items()
    )


def _routes(resolver=None, prefix: str = "", namespace: str = "") -> list[tuple]:
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or route.startswith("api/"):
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += _routes(pattern, route, inner)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            found.append((route, name))
    return sorted(found, key=lambda row: (row[0], row[1] or ""))


def test_every_api_operation_keeps_its_path_method_and_operation_id():
    assert _operations() == _pinned("api_operations.json")


def test_every_page_keeps_its_address_and_url_name():
    assert _routes() == _pinned("routes.json")
