"""API tokens: issued per device, listed and revoked by their owner, ended by a new password.

A device that asks again gets a new token in place of its old one, and a user keeps at most
`MAX_TOKENS`: issuing one more ends the least recently issued.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from . import audit
from .models import ApiToken

MAX_TOKENS = 10


@transaction.atomic
def token_issue(*, user, device: str = "") -> tuple[ApiToken, str]:
    """A new token for `user` on `device`, replacing the device's old one; returns the row
    and the raw token (shown once: only its digest is kept)."""
    # One issue at a time per user, so that two requests of one device leave one token.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    device = device.strip()
    replaced = ApiToken.objects.filter(user=user, device=device).delete()[0]
    keep = list(
        ApiToken.objects.filter(user=user)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[: MAX_TOKENS - 1]
    )
    ended = ApiToken.objects.filter(user=user).exclude(pk__in=keep).delete()[0]
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(raw),
        device=device,
        expires_at=now + settings.API_TOKEN_LIFETIME,
    )
    audit.record(
        actor=user,
        action="api_token.issue",
        obj=token,
        changes={"device": device, "replaced": replaced + ended},
    )
    return token, raw


def tokens_of(user):
    """The user's tokens that still open the API, newest first."""
    return ApiToken.objects.alive().filter(user=user).order_by("-created_at", "-id")


@transaction.atomic
def token_revoke(*, token: ApiToken, actor) -> None:
    """End one token; only its owner may (others get the same answer as for no token)."""
    audit.record(
        actor=actor, action="api_token.revoke", obj=token, changes={"device": token.device}
    )
    token.delete()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="wuye.tokens.password")
def _end_tokens_on_new_password(sender, instance, update_fields=None, **kwargs):
    """A new password (the password form, the admin, `set_password` anywhere) ends every API
    token of the user: a token taken with the old password must not outlive it."""
    if update_fields is not None and "password" not in update_fields:
        return
    # Django keeps the new raw password here from set_password() until the save completes.
    if getattr(instance, "_password", None) is None:
        return
    ApiToken.objects.filter(user_id=instance.pk).delete()
