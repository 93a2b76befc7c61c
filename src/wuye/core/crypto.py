"""Encryption at rest for personal data (ID-card numbers), and lookup digests."""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings


@cache
def _fernet() -> Fernet:
    key = hashlib.sha256(("wuye-fernet:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def digest(plain: str) -> str:
    """A keyed digest: finds an equal value without storing it in clear."""
    key = ("wuye-digest:" + settings.FIELD_ENCRYPTION_KEY).encode()
    return hmac.new(key, plain.encode(), hashlib.sha256).hexdigest()
