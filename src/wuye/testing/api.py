"""Calling the HTTP API in tests as one of the named people."""

import secrets

from wuye.core.models import ApiToken


def bearer(user) -> dict[str, str]:
    """Headers that authenticate as `user` with a fresh bearer token."""
    raw = secrets.token_urlsafe(16)
    ApiToken.objects.create(user=user, digest=ApiToken.digest_of(raw))
    return {"Authorization": f"Bearer {raw}"}
