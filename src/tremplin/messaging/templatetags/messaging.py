"""The number of unread messages, for the navigation."""

from django import template

from tremplin.messaging.queries import unread_count

register = template.Library()


@register.simple_tag
def unread_messages(user) -> int:
    return unread_count(user)
