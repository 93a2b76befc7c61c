"""Payment providers: who confirms that money arrived before a payment is recorded.

The offline provider is the cashier's own word (cash, card terminal, a bank slip, a WeChat
Pay or Alipay code scanned at the desk). An online provider (a payment gateway) implements
the same interface and is registered under its name; `payment_record` asks it to confirm
the reference the client sends before anything is written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class PaymentProvider(Protocol):
    name: str

    def confirm(self, *, reference: str, amount: Decimal) -> None:
        """Raise ValidationError unless `amount` was received under `reference`."""


class OfflineProvider:
    """Money taken at the desk: the cashier who records it is the confirmation."""

    name = "offline"

    def confirm(self, *, reference: str, amount: Decimal) -> None:
        return None


PROVIDERS: dict[str, PaymentProvider] = {OfflineProvider.name: OfflineProvider()}


def register(provider: PaymentProvider) -> None:
    PROVIDERS[provider.name] = provider


def confirm(name: str, *, reference: str, amount: Decimal) -> None:
    """Have the named provider confirm the payment; unknown providers are refused."""
    provider = PROVIDERS.get(name)
    if provider is None:
        raise ValidationError({"provider": [_("Choose a payment provider that is set up.")]})
    provider.confirm(reference=reference, amount=amount)
