"""Template helpers: translated content with its language, dates in a call's time zone, the
four-eyes rule."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tremplin.core import four_eyes
from tremplin.core.translated import as_translated

register = template.Library()


@register.simple_tag
def translated(value, element="span"):
    """Render a translated value in the reader's language, marked with its language; when the
    text is a fallback, say so."""
    shown = as_translated(value).shown()
    if not shown.text:
        return ""
    if not shown.is_fallback:
        return format_html(
            '<{0} lang="{1}" dir="auto">{2}</{0}>', element, shown.language, shown.text
        )
    names = dict(settings.LANGUAGES)
    note = _("Not yet available in %(requested)s; shown in %(language)s.") % {
        "requested": names.get(shown.requested, shown.requested),
        "language": names.get(shown.language, shown.language),
    }
    return format_html(
        '<{0} lang="{1}" dir="auto">{2}</{0}> <small class="fallback-note">({3})</small>',
        element,
        shown.language,
        shown.text,
        note,
    )


@register.filter
def in_time_zone(value, zone_name):
    """A datetime shown in the given time zone (a call's)."""
    if value is None:
        return ""
    local = timezone.localtime(value, ZoneInfo(zone_name))
    # Without the marker, the `date` filter would convert back to the current time zone.
    return _InZone.combine(local.date(), local.timetz())


class _InZone(datetime):
    convert_to_local_time = False


@register.simple_tag
def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def is_author_of(person, obj) -> bool:
    """`{% if user|is_author_of:version %}`: the four-eyes rule, as the services apply it."""
    return four_eyes.is_author(person, obj)


@register.simple_tag
def own_work_refusal() -> str:
    """Why an author is offered no decision on their own work."""
    return str(four_eyes.OWN_WORK)
