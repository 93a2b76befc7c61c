"""Calling the HTTP API in tests as one of the named people."""

import secrets

from wuye.core.tokens import token_issue


def bearer(user) -> dict[str, str]:
    """Headers that authenticate as `user` with a fresh bearer token (of its own device)."""
    _token, raw = token_issue(user=user, device=f"test {secrets.token_hex(4)}")
    return {"Authorization": f"Bearer {raw}"}
