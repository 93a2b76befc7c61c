"""Signed passes: a token a gate device checks offline, and a short code a visitor types.

A token is the pass's invitation id, community id, end of window and nonce, signed with the
server's Ed25519 key, in compact base64url. Anyone with the published public key can check
that the office issued it and until when it holds; whether it was revoked or used up needs
the pass's row. The short code is a separate random code, looked up in the database: 8
characters of an alphabet without look-alikes (31⁸ ≈ 8.5 × 10¹¹ codes), not a guessable
6-digit number.
"""

from __future__ import annotations

import base64
import secrets
import struct
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.signals import setting_changed

VERSION = 1
# version, invitation id, community id, valid until (Unix seconds), nonce
_LAYOUT = struct.Struct(">BQQqq")
SIGNATURE_LENGTH = 64
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


@dataclass(frozen=True)
class Claims:
    invitation_id: int
    community_id: int
    valid_until: int
    nonce: int


@cache
def private_key() -> Ed25519PrivateKey:
    """The signing key: `WUYE_PASS_SIGNING_KEY` (32 bytes, base64) when set, else derived
    from `SECRET_KEY`, so every process of one site signs alike without a key file."""
    configured = getattr(settings, "WUYE_PASS_SIGNING_KEY", "")
    if configured:
        seed = base64.b64decode(configured)
    else:
        seed = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=b"wuye-passes", info=b"ed25519 signing key"
        ).derive(settings.SECRET_KEY.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


@cache
def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def _forget_keys(*, setting, **kwargs) -> None:
    if setting in ("SECRET_KEY", "WUYE_PASS_SIGNING_KEY"):
        private_key.cache_clear()
        public_key.cache_clear()


setting_changed.connect(_forget_keys, dispatch_uid="wuye-pass-keys")


def public_key_pem() -> str:
    return (
        public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def public_key_raw() -> str:
    """The 32-byte public key in base64url without padding."""
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _b64(raw)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(claims: Claims) -> str:
    payload = _LAYOUT.pack(
        VERSION, claims.invitation_id, claims.community_id, claims.valid_until, claims.nonce
    )
    return _b64(payload + private_key().sign(payload))


TOKEN_LENGTH = len(_b64(bytes(_LAYOUT.size + SIGNATURE_LENGTH)))


def read(token: str) -> Claims | None:
    """The claims of a token the server signed; None for anything else (tampered, truncated,
    another key's)."""
    if len(token) != TOKEN_LENGTH:
        return None
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        return None
    payload, signature = data[: _LAYOUT.size], data[_LAYOUT.size :]
    try:
        public_key().verify(signature, payload)
    except InvalidSignature:
        return None
    version, invitation_id, community_id, valid_until, nonce = _LAYOUT.unpack(payload)
    if version != VERSION:
        return None
    return Claims(invitation_id, community_id, valid_until, nonce)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_nonce() -> int:
    return secrets.randbits(63)


def clean_code(text: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def is_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in text)
