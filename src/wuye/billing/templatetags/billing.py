from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

from wuye.billing.calc import price_text

register = template.Library()


@register.filter
def price(value: Decimal | None) -> str:
    """A unit price with at least two places (0.80, 0.485, 22.00)."""
    return "" if value is None else price_text(value)


@register.filter
def percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with one decimal, e.g. 0.8734 -> 87.3%."""
    return f"{floatformat((rate or Decimal(0)) * 100, 1)}%"
