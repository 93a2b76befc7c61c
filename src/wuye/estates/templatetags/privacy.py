"""Phone and ID-card numbers in templates, as the reader may see them (see estates.privacy).

{% load privacy %}
{% resident_phone person %}            a resident's mobile: a tel: link, or masked
{% resident_phone person "emergency_phone" %}
{% phone order.contact_phone order.community_id %}
{% phone_text order.contact_phone order.community_id %}   the same as plain text
{{ person|id_number }}                 always masked
"""

from django import template
from django.utils.html import format_html

from wuye.estates import privacy

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


def _shown(number: str, shown: str):
    if not shown:
        return ""
    if shown != number:
        return format_html('<span class="masked text-nowrap">{}</span>', shown)
    return format_html('<a class="text-nowrap" href="tel:{}">{}</a>', shown, shown)


@register.simple_tag(takes_context=True)
def phone(context, number, community_id):
    """A phone number as a tel: link for those who read it in full, else masked."""
    return _shown(number, privacy.phone_for(_user(context), number, community_id))


@register.simple_tag(takes_context=True)
def phone_text(context, number, community_id):
    """A phone number as plain text, masked for those who may not read it in full."""
    return privacy.phone_for(_user(context), number, community_id)


@register.simple_tag(takes_context=True)
def resident_phone(context, resident, field="mobile"):
    """A resident's mobile (or emergency phone) as a tel: link, or masked."""
    return _shown(getattr(resident, field), privacy.resident_phone(_user(context), resident, field))


@register.filter
def id_number(resident) -> str:
    return privacy.id_number_for(resident)
