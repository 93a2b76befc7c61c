"""Two-factor sign-in (TOTP, django-otp): required where the policy says, optional elsewhere.

Who must use it is `policy.requires_second_factor` (the permissions the areas mark: reading
full ID numbers, approving money, configuring the community). A session is *verified* once
the user gave a code from their authenticator app or one of their backup codes; until then
`SecondFactorMiddleware` sends such a user to the code (or to enrolment) from every page.
"""

from __future__ import annotations

from base64 import b32encode

import django_otp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, policy

# Set at login: the user has a confirmed device, so this session must give a code.
ENROLLED_KEY = "wuye_second_factor_enrolled"
BACKUP_CODES = 10
AUTHENTICATOR = "authenticator"
BACKUP = "backup codes"


def normalize_code(code: str) -> str:
    """What a person typed, as the devices compare it: no spaces, lower case."""
    return "".join(code.split()).lower()


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def has_device(user) -> bool:
    """Whether the user has set up an authenticator app (backup codes come with it)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_code(request) -> bool:
    """Whether the signed-in user of this session must still give a code."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    return bool(request.session.get(ENROLLED_KEY)) or policy.requires_second_factor(user)


def verify_code(user, code: str):
    """The user's confirmed device that accepts `code` (used up: a TOTP code or a backup
    code works once), or None. Devices slow down after wrong codes (django-otp throttling)."""
    code = normalize_code(code)
    if not code:
        return None
    for device in list(django_otp.devices_for_user(user, confirmed=True)):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def session_verify(request, code: str) -> bool:
    """Mark this session verified when `code` is right."""
    device = verify_code(request.user, code)
    if device is None:
        return False
    django_otp.login(request, device)
    return True


@transaction.atomic
def totp_start(*, user) -> TOTPDevice:
    """The authenticator being set up: a fresh unconfirmed key, until a code confirms it."""
    existing = TOTPDevice.objects.filter(user=user, confirmed=False, name=AUTHENTICATOR).first()
    if existing is not None:
        return existing
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows: it replaces any earlier one, the
    session is verified, and new backup codes are returned (to be shown once). None when
    the code is wrong."""
    user = request.user
    if device.user_id != user.pk or not device.verify_token(normalize_code(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_renew(user=user)
    django_otp.login(request, device)
    request.session[ENROLLED_KEY] = True
    audit.record(actor=user, action="second_factor.enrol", obj=device)
    return codes


@transaction.atomic
def authenticator_set(*, user, key: str) -> TOTPDevice:
    """Give `user` a confirmed authenticator with a known key (hex): for a demo whose key is
    published so that visitors can sign in, never for real accounts."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, key=key, confirmed=True)


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """New single-use backup codes for when the phone is lost; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def provisioning_uri(device: TOTPDevice) -> str:
    return device.config_url


@receiver(user_logged_in, dispatch_uid="wuye.twofactor.login")
def _remember_enrolment(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[ENROLLED_KEY] = has_device(user)


# Pages a signed-in user may open before giving the code.
OPEN_URL_NAMES = ("second_factor", "second_factor_setup", "logout", "set_language")


class SecondFactorMiddleware:
    """Send a user who must give a code to the code page (or to enrolment, the first time)
    from every page; the API answers such a session itself (see wuye.api)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._open(request.path_info) or not needs_code(request):
            return self.get_response(request)
        target = "second_factor" if has_device(request.user) else "second_factor_setup"
        url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        response = redirect(url)
        if request.headers.get("HX-Request"):
            # htmx swaps a redirected answer into the page; this makes it load the page.
            response["HX-Redirect"] = url
        return response

    @staticmethod
    def _open(path: str) -> bool:
        if path.startswith(("/api/", "/" + settings.STATIC_URL.lstrip("/"), "/healthz")):
            return True
        return path in {reverse(name) for name in OPEN_URL_NAMES}
