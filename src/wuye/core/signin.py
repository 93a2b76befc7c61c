"""Logins that resist guessing: passwords unlike the username, and the lockout after too
many wrong ones (django-axes counts them; see AXES_* in settings)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class NotLikeUsernameValidator:
    """Refuse a password that contains the username, or that the username contains, in any
    case: `guardguard` or `Guard2024` for `guard`. Django's similarity check misses those."""

    def validate(self, password: str, user=None) -> None:
        username = (user.get_username() if user is not None else "").casefold()
        if len(username) < 3:
            return
        folded = password.casefold()
        if username in folded or folded in username:
            raise ValidationError(
                _("The password may not contain the username."), code="password_like_username"
            )

    def get_help_text(self) -> str:
        return _("Your password may not contain your username.")


def client_ip(request: HttpRequest) -> str:
    """The address a login attempt came from: the one the last of `WUYE_PROXY_COUNT`
    trusted proxies saw (what a client writes into X-Forwarded-For itself is ignored)."""
    count = settings.WUYE_PROXY_COUNT
    if count:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed logins for this username from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed logins for this username from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """What a locked-out login gets: the API's JSON error, or the site's page, with 429."""
    message = lockout_message()
    if _is_api(request):
        return JsonResponse({"detail": message, "errors": {}}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
