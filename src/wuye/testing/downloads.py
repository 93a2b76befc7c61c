"""Reading the name a browser saves a download under, as a test would check it."""

from __future__ import annotations

from urllib.parse import unquote


def saved_as(response) -> tuple[str, str]:
    """(disposition, file name) of a response's Content-Disposition, the RFC 5987
    `filename*=utf-8''…` form decoded."""
    disposition, _sep, rest = response["Content-Disposition"].partition(";")
    key, _eq, value = rest.strip().partition("=")
    if key == "filename*":
        charset, _lang, quoted = value.split("'", 2)
        assert charset.lower() == "utf-8"
        return disposition, unquote(quoted)
    assert key == "filename" and value.isascii()
    return disposition, value.strip('"')
