from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with one decimal, e.g. 0.8734 -> 87.3%."""
    return f"{floatformat((rate or Decimal(0)) * 100, 1)}%"
