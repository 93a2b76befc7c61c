from django import template

from wuye.core.people import display_name

register = template.Library()


@register.filter
def person(user) -> str:
    """`{{ notice.published_by|person }}`: the person's name, never their login if they have one."""
    return display_name(user)
